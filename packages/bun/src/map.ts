/**
 * @module
 * The Bun adapter's spec: Bun's name and platform, and the dialects Bun speaks: the web's, Node's (Bun's `node:*` layer throws Node's codes) and Bun's own (its fetch codes, `DNSException`, its texts), and the clients' (pg, ioredis, axios...). The
 * tables are core's (`@neterr/core/adapter`); listing only these keeps every other runtime's out
 * of a Bun user's bundle.
 */

import type { Context, OSError } from "@neterr/core";
import { type Adapter, type AdapterSpec, BUN_DIALECT, CLIENT_DIALECTS, createAdapter, NODE_DIALECT, platformOf, WEB_DIALECT } from "@neterr/core/adapter";

/** The adapter's spec, for those who compose their own (`createAdapter({ ...BUN_SPEC, ... })`). */
export const BUN_SPEC: AdapterSpec = { runtime: "bun", platform: platformOf(typeof process !== "undefined" ? process.platform : undefined), dialects: [WEB_DIALECT, NODE_DIALECT, BUN_DIALECT, ...CLIENT_DIALECTS] };

/** The Bun adapter: `normalize` and `toOSError` bound to {@link BUN_SPEC}. */
export const adapter: Adapter = createAdapter(BUN_SPEC);

/**
 * Maps what Bun threw: a neterr error if it is a network or OS failure (the native error is its
 * `cause`; its `code`, `errno`, `syscall`, `address` and `port` are kept, made right where Bun
 * got them wrong); the same object if it already is one; the input unchanged otherwise (a user's
 * own `AbortError`, a malformed HTTP response, a certificate error). Never throws.
 *
 * @example
 * ```ts
 * import { normalize } from "@neterr/bun";
 *
 * const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
 * const port = listener.port;
 * listener.stop(true); // nothing listens there now
 * try {
 *   await fetch(`http://127.0.0.1:${port}/`);
 * } catch (thrown) {
 *   const error = normalize(thrown) as Error & { code?: string };
 *   console.log(error.name, error.code, error.cause === thrown); // ConnectionRefusedError ECONNREFUSED true
 * }
 * ```
 */
export function normalize(error: unknown, context?: Context): unknown {
  return adapter.normalize(error, context);
}

/**
 * Like {@link normalize}, but `undefined` when `error` is not a network or OS failure.
 *
 * @example
 * ```ts
 * import { toOSError } from "@neterr/bun";
 *
 * const malformed = Object.assign(new Error("Malformed_HTTP_Response fetching ..."), { code: "Malformed_HTTP_Response", errno: 0 });
 * console.log(toOSError(malformed)); // undefined
 * ```
 */
export function toOSError(error: unknown, context?: Context): OSError | undefined {
  return adapter.toOSError(error, context);
}
