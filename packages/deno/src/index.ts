/**
 * @module
 * `@neterr/deno`: what Deno throws, mapped onto `@neterr/core`'s hierarchy.
 *
 * Deno speaks three dialects: its own `Deno.errors.*` classes (from `Deno.connect`,
 * `Deno.listen`, `Conn.read`/`write`, `Deno.resolveDns`), `fetch`'s `TypeError`s whose text (or
 * whose cause's text) is all that is left of the failure, and the `node:*` compat layer, which
 * imitates Node's `code`/`errno`/`syscall` (sometimes losing the truth). This adapter reads all
 * three, and guards `Deno.Conn`s and listeners so that their failures arrive mapped.
 *
 * @example
 * ```ts
 * import { ConnectionRefusedError, isTransient } from "@neterr/core";
 * import { normalize } from "@neterr/deno";
 *
 * try {
 *   await Deno.connect({ hostname: "127.0.0.1", port: 1 }); // nothing listens on port 1
 * } catch (thrown) {
 *   const error = normalize(thrown);
 *   console.log(error instanceof ConnectionRefusedError, isTransient(error)); // true true
 * }
 * ```
 */

export { adapter, DENO_SPEC, normalize, toOSError } from "./map.ts";
export { connect, guard, listen } from "./wrap.ts";
export { type CloseEventLike, closed, type WebSocketLike } from "./websocket.ts";
