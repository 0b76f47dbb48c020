/**
 * The package's version, shown in reports (checked against package.json by a test).
 *
 * @module
 * @internal
 */

/**
 * This package's version.
 *
 * @example
 * ```ts
 * TOOL_VERSION; // => '0.1.0'
 * ```
 */
export const TOOL_VERSION = '0.1.0';
