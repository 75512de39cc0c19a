/**
 * @module
 * `@neterr/bun`: what Bun throws, mapped onto `@neterr/core`'s hierarchy.
 *
 * Bun speaks three dialects: its own socket APIs (`Bun.connect`, `Bun.listen`, `Bun.serve`,
 * `Bun.udpSocket`), whose errors carry POSIX codes (not always the right errno); its `fetch`,
 * whose codes were Zig error names (`ConnectionRefused`, `ConnectionClosed`) before they became
 * POSIX ones, with `errno: 0` and the URL in `path`; and the `node:*` compat layer, which
 * imitates Node (and loses the most on old versions). This adapter reads all three, and wraps
 * Bun's socket handlers so that their failures arrive mapped.
 *
 * @example
 * ```ts
 * import { ConnectionRefusedError, isTransient } from "@neterr/core";
 * import { normalize } from "@neterr/bun";
 *
 * const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
 * const port = listener.port;
 * listener.stop(true); // nothing listens there now
 * try {
 *   await fetch(`http://127.0.0.1:${port}/`);
 * } catch (thrown) {
 *   const error = normalize(thrown);
 *   console.log(error instanceof ConnectionRefusedError, isTransient(error)); // true true
 * }
 * ```
 */

export { adapter, BUN_SPEC, normalize, toOSError } from "./map.ts";
export { connect, guard, handlers, listen, serve, udpSocket } from "./wrap.ts";
export { type CloseEventLike, closed, type WebSocketLike } from "./websocket.ts";
