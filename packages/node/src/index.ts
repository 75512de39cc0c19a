/**
 * @module
 * `@neterr/node`: what Node.js throws, mapped onto `@neterr/core`'s hierarchy.
 *
 * Node's `SystemError`s carry a POSIX `code`; its API and undici (behind `fetch`) add codes of
 * their own. Core carries all of them; this adapter adds Node's name and platform, and guards
 * emitters and promises so that errors arrive mapped.
 *
 * @example
 * ```ts
 * import { createConnection } from "node:net";
 * import { once } from "node:events";
 * import { ConnectionRefusedError, type OSError } from "@neterr/core";
 * import { guard } from "@neterr/node";
 *
 * const socket = guard(createConnection({ host: "127.0.0.1", port: 0 })); // port 0: refused
 * const [error] = (await once(socket, "error").catch((e) => [e])) as [OSError];
 * console.log(error instanceof ConnectionRefusedError, error.code); // true ECONNREFUSED
 * ```
 */

export { adapter, NODE_SPEC, normalize, toOSError } from "./map.ts";
export { type Emitter, guard } from "./wrap.ts";
export { type CloseEventLike, closed, type WebSocketLike } from "./websocket.ts";
