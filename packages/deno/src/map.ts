/**
 * @module
 * The Deno adapter's spec: Deno's name and platform, and the dialects Deno speaks: the web's, Node's (Deno's `node:*` layer throws Node's codes) and Deno's own (its `Deno.errors` classes, Rust's `(os error N)` texts, the texts of fetch and `Deno.resolveDns`), and the clients' (pg, ioredis, axios...). The
 * tables are core's (`@neterr/core/adapter`); listing only these keeps every other runtime's out
 * of a Deno user's bundle.
 */

import type { Context, OSError } from "@neterr/core";
import { type Adapter, type AdapterSpec, CLIENT_DIALECTS, createAdapter, DENO_DIALECT, NODE_DIALECT, platformOf, WEB_DIALECT } from "@neterr/core/adapter";

/** The adapter's spec, for those who compose their own (`createAdapter({ ...DENO_SPEC, ... })`). */
export const DENO_SPEC: AdapterSpec = { runtime: "deno", platform: platformOf(typeof Deno !== "undefined" ? Deno.build?.os : undefined), dialects: [WEB_DIALECT, NODE_DIALECT, DENO_DIALECT, ...CLIENT_DIALECTS] };

/** The Deno adapter: `normalize` and `toOSError` bound to {@link DENO_SPEC}. */
export const adapter: Adapter = createAdapter(DENO_SPEC);

/**
 * Maps what Deno threw: a neterr error if it is a network or OS failure (the native error is its
 * `cause`, its `code`, `errno`, `syscall`, `address` and `port` are kept where Deno gave them);
 * the same object if it already is one; the input unchanged otherwise (a user's own
 * `AbortError` included). Never throws.
 *
 * @example
 * ```ts
 * import { normalize } from "@neterr/deno";
 *
 * const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
 * const { port } = listener.addr as Deno.NetAddr;
 * listener.close(); // nothing listens there now
 * try {
 *   await fetch(`http://127.0.0.1:${port}/`);
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
 * import { toOSError } from "@neterr/deno";
 *
 * console.log(toOSError(new Deno.errors.InvalidData("corrupt TLS record"))); // undefined
 * ```
 */
export function toOSError(error: unknown, context?: Context): OSError | undefined {
  return adapter.toOSError(error, context);
}
