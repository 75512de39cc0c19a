/**
 * @module
 * What a WebSocket's end says, beyond its `error` event: whether the connection had opened, and
 * whether its close was clean. Every runtime's global `WebSocket` reports a connection that drops
 * once open with an `ErrorEvent` that says little (Node 26: an empty TypeError; Deno: the errno's
 * text alone) or with no `error` event at all (Node 22, Bun: only `close`, code 1006). The `open`
 * event that came first is the evidence the `error` event lacks: the failure happened on an open
 * connection, reading (`phase: "receive"`), after the opening request was sent.
 *
 * Before `open`, nothing is added: a close with code 1006 follows a non-101 answer (an HTTP 200)
 * as well as a refused or reset connection on Node, so no network failure can be claimed from it.
 */

import { ConnectionError, type OSError } from "./errors.ts";
import type { Adapter, Context } from "./spec.ts";
import { isObject, read, urlPeer } from "./util.ts";

/** The part of a `WebSocket` this reads: the global `WebSocket` of Node 22+, Deno and Bun, and `ws`'s. */
export interface WebSocketLike {
  readonly url: string;
  readonly readyState: number;
  // The listener's event is `any`: a DOM `Event`, which core (typed without the DOM) cannot name.
  addEventListener(type: "open" | "error" | "close", listener: (event: any) => void): void;
}

/** The part of a `CloseEvent` this reads. */
export interface CloseEventLike {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
}

const OPEN = 1;
const CLOSED = 3;

/** The peer, from the socket's URL: an address or a hostname, and the port. */
function peerOf(url: string): Context {
  const peer = urlPeer(url);
  return peer === undefined ? {} : { ...peer.host, port: peer.port };
}

/**
 * Resolves with the `CloseEvent` when `socket` closes cleanly; rejects with a neterr error when
 * its connection failed. Call it right after `new WebSocket(url)`, before the events can fire.
 * The error is the `error` event's, mapped by `adapter` (the `ErrorEvent` is its `cause`), and where
 * the connection had opened it also says where it failed (`phase: "receive"`, `requestSent:
 * true`). A connection that opened and then ended with an unclean close and no error neterr can
 * map (Node 22 and Bun fire no `error` at all; Node 26's says nothing) is a `ConnectionError`,
 * whose `cause` is the `ErrorEvent` or the `CloseEvent`. What cannot be claimed as a network failure (an
 * unclean close before `open`: a non-101 answer ends so too) rejects with what the runtime gave.
 */
export function closedWith(adapter: Adapter, socket: WebSocketLike): Promise<CloseEventLike> {
  const state = read(socket, "readyState");
  if (!isObject(socket) || typeof (socket as Partial<WebSocketLike>).addEventListener !== "function" || typeof state !== "number") {
    return Promise.reject(new TypeError("closed(socket) needs a WebSocket (an object with addEventListener and readyState)"));
  }
  if (state === CLOSED) {
    return Promise.reject(new TypeError("closed(socket) was called after the WebSocket closed: call it right after new WebSocket(url), before its events fire"));
  }
  let opened = state === OPEN;
  let failure: unknown;
  let failed = false;
  return new Promise((resolve, reject) => {
    socket.addEventListener("open", () => {
      opened = true;
    });
    socket.addEventListener("error", (event: unknown) => {
      if (failed) return;
      failed = true;
      failure = event;
    });
    socket.addEventListener("close", (event: CloseEventLike) => {
      if (!failed && read(event, "wasClean") === true) return resolve(event);
      const peer = peerOf(String(read(socket, "url") ?? ""));
      const context: Context = opened ? { ...peer, phase: "receive", requestSent: true } : peer;
      const mapped = failed ? adapter.toOSError(failure, context) : undefined;
      if (mapped !== undefined) return reject(mapped);
      if (!opened) return reject(failed ? failure : event);
      const code = read(event, "code");
      const reason = read(event, "reason");
      const said = `code ${String(code)}${typeof reason === "string" && reason !== "" ? `, ${JSON.stringify(reason)}` : ""}`;
      const lost: OSError = new ConnectionError(`WebSocket connection to ${String(read(socket, "url"))} ended without a clean close (${said}) after it opened`, {
        ...peer,
        cause: failed ? failure : event,
        runtime: adapter.runtime,
        phase: "receive",
        requestSent: true,
      });
      reject(lost);
    });
  });
}
