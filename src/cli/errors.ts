/**
 * The two ways a command line run fails, each with its exit code.
 *
 * @module
 */

/** Exit codes of the `kube-traffic` command: 0 ok, 1 usage, 2 input problem. */
export const EXIT = Object.freeze({ ok: 0, usage: 1, input: 2 } as const);

/**
 * The command line itself is wrong: an unknown flag, a missing `--service`, a bad value.
 * Exit code 1; the subcommand's usage is printed after the message.
 *
 * @example
 * ```ts
 * throw new UsageError('--service is required');
 * ```
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * The input is wrong: a file that cannot be read or parsed, a Service, node or port that is not
 * in the dump. Exit code 2.
 *
 * @example
 * ```ts
 * throw new InputError('Service "shop/nope" not found; Services in the input: shop/web, shop/cache');
 * ```
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}
