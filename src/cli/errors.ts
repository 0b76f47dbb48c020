/**
 * The ways a command line run fails, each with its exit code.
 *
 * @module
 */

/**
 * Exit codes of the `kube-traffic` command: 0 ok, 1 usage error, 2 input problem, 3 internal
 * error (a bug), 4 a `--fail-on` condition holds, 5 the cluster could not be read.
 */
export const EXIT = Object.freeze({ ok: 0, usage: 1, input: 2, internal: 3, failOn: 4, cluster: 5 } as const);

/**
 * The command line itself is wrong: an unknown flag, a missing Service, a flag value the input
 * does not have (`--port` that is not one of the Service's ports). Exit code 1; one line, then
 * where to find the usage.
 *
 * @example
 * ```ts
 * throw new UsageError('--port: Service shop/web has no port "https"; its ports: http (80/TCP)');
 * ```
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * The input is wrong: a file that cannot be read or parsed, a Service or node that is not in
 * the dump. Exit code 2.
 *
 * @example
 * ```ts
 * throw new InputError('Service "shop/nope" not found; Services in the input: shop/web, shop/cache');
 * ```
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}
