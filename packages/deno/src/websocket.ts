/**
 * @module
 * The global `WebSocket` with neterr errors: {@link closed}.
 */

import { type CloseEventLike, closedWith, type WebSocketLike } from "@neterr/core/adapter";
import { adapter } from "./map.ts";

export type { CloseEventLike, WebSocketLike };

/**
 * Resolves with the `CloseEvent` when `socket` closes cleanly; rejects with a neterr error when its
 * connection failed. Call it right after `new WebSocket(url)`. The error is the `error` event's,
 * mapped (the `ErrorEvent` is its `cause`); where the connection had opened, it also says where
 * it failed (`phase: "receive"`, `requestSent: true`), and a connection that opened and then
 * ended with an unclean close is a `ConnectionError` even where the runtime fires no `error`
 * at all or one that says nothing. Before `open`, an unclean close claims nothing (a non-101
 * answer ends so too): it rejects with what the runtime gave. Rejects with a TypeError if the
 * socket had already closed.
 *
 * @example
 * ```ts
 * import { ConnectionError } from "@neterr/core";
 * import { closed } from "@neterr/deno";
 *
 * // A peer that completes the opening handshake, then hangs up with no close frame.
 * const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
 * const { port } = listener.addr as Deno.NetAddr;
 * (async () => {
 *   const peer = await listener.accept();
 *   const buffer = new Uint8Array(4096);
 *   const head = new TextDecoder().decode(buffer.subarray(0, (await peer.read(buffer)) ?? 0));
 *   const key = /sec-websocket-key: *(\S+)/i.exec(head)?.[1] ?? "";
 *   const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"));
 *   const accept = btoa(String.fromCharCode(...new Uint8Array(digest)));
 *   await peer.write(new TextEncoder().encode(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`));
 *   await peer.read(buffer); // the client's first frame: it is open
 *   peer.close();
 * })();
 *
 * const socket = new WebSocket(`ws://127.0.0.1:${port}/`);
 * socket.addEventListener("open", () => socket.send("hello"));
 * try {
 *   await closed(socket);
 * } catch (error) {
 *   const e = error as ConnectionError;
 *   console.log(e instanceof ConnectionError, e.phase, e.requestSent, e.port === port); // true receive true true
 * }
 * listener.close();
 * ```
 */
export function closed(socket: WebSocketLike): Promise<CloseEventLike> {
  return closedWith(adapter, socket);
}
