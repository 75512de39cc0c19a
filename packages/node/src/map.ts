/**
 * @module
 * The Node adapter's spec: Node's name and platform, and the dialects Node speaks: the web's, Node's (its API and undici) and the clients' (pg, ioredis, axios...). The
 * tables are core's (`@neterr/core/adapter`); listing only these keeps every other runtime's out
 * of a Node user's bundle.
 */

import type { Context, OSError } from "@neterr/core";
import { type Adapter, type AdapterSpec, CLIENT_DIALECTS, createAdapter, NODE_DIALECT, platformOf, WEB_DIALECT } from "@neterr/core/adapter";

/** The adapter's spec, for those who compose their own (`createAdapter({ ...NODE_SPEC, ... })`). */
export const NODE_SPEC: AdapterSpec = { runtime: "node", platform: platformOf(process.platform), dialects: [WEB_DIALECT, NODE_DIALECT, ...CLIENT_DIALECTS] };

/** The Node adapter: `normalize` and `toOSError` bound to {@link NODE_SPEC}. */
export const adapter: Adapter = createAdapter(NODE_SPEC);

/**
 * Maps what Node threw: a neterr error if it is a network or OS failure (the native error is its
 * `cause`, its `code`, `errno`, `syscall`, `address` and `port` are kept); the same object if
 * it already is one; the input unchanged otherwise (a user's own `AbortError` included).
 * Never throws.
 *
 * @example
 * ```ts
 * import { normalize } from "@neterr/node";
 *
 * try {
 *   await fetch("http://127.0.0.1:0/"); // port 0: nothing can listen there
 * } catch (thrown) {
 *   const error = normalize(thrown) as Error;
 *   console.log(error.name, error.cause === thrown); // ConnectionRefusedError true
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
 * import { toOSError } from "@neterr/node";
 *
 * console.log(toOSError(new TypeError("not a network failure"))); // undefined
 * ```
 */
export function toOSError(error: unknown, context?: Context): OSError | undefined {
  return adapter.toOSError(error, context);
}
