/**
 * @module
 * Node's API dialect, which every runtime speaks: the codes of `node:net` and `node:stream`
 * (thrown by Node, and by the `node:*` compat layers of Deno and Bun, which copy Node's errors),
 * and undici's codes (behind Node's `fetch`, and the npm `undici` package on any runtime). POSIX
 * codes (`ECONNRESET`...) need no entry: core maps them from the errno table.
 */

import type { Dialect, PlacePattern, Row } from "../spec.ts";

/**
 * Node API codes -> neterr class.
 *
 * @example
 * ```ts
 * import { BrokenPipeError, normalize } from "@neterr/core";
 *
 * const native = Object.assign(new Error("write after end"), { code: "ERR_STREAM_WRITE_AFTER_END" });
 * console.log(normalize(native) instanceof BrokenPipeError); // true
 * ```
 */
export const NODE_API_CODES: Readonly<Record<string, Row>> = {
  // node:net with autoSelectFamily: no address answered within the attempt timeout.
  ERR_SOCKET_CONNECTION_TIMEOUT: { kind: "TimeoutError", timeout: "connect", phase: "connect" },
  // A write on a socket that was ended (end()) or destroyed: the POSIX analogue is a write after
  // shutdown(SHUT_WR), EPIPE. neterr chooses BrokenPipeError for both (see README).
  ERR_STREAM_WRITE_AFTER_END: { kind: "BrokenPipeError", phase: "send" },
  ERR_STREAM_DESTROYED: { kind: "BrokenPipeError", phase: "send" },
  // A write on a socket already closed (Bun's node:net says this where the peer had closed and
  // Linux said EPIPE). The same choice as for a destroyed stream.
  ERR_SOCKET_CLOSED: { kind: "BrokenPipeError", phase: "send" },
  // libuv's UV_UNKNOWN: a socket operation failed and the runtime did not say how. An OSError,
  // no subclass: neterr cannot know more than the runtime kept.
  UNKNOWN: "OSError",
};

/** undici's codes (Node's `fetch`, and the npm `undici` package on every runtime) -> neterr class. */
export const UNDICI_CODES: Readonly<Record<string, Row>> = {
  // The peer closed the socket before the response was complete ("other side closed"); Python's
  // http.client calls this RemoteDisconnected, a ConnectionResetError. Its `socket` field keeps
  // the peer's address and port (core reads them; see mapper.ts).
  UND_ERR_SOCKET: { kind: "ConnectionResetError", phase: "receive" },
  // The peer closed the connection (FIN) before sending all the body it promised in
  // content-length; reading the body rejects with TypeError("terminated") and this cause.
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: { kind: "ConnectionResetError", phase: "receive" },
  // undici's three clocks: the connect (`connectTimeout`), the wait for the response head
  // (`headersTimeout`) and the wait between body chunks (`bodyTimeout`).
  UND_ERR_CONNECT_TIMEOUT: { kind: "TimeoutError", timeout: "connect", phase: "connect" },
  UND_ERR_HEADERS_TIMEOUT: { kind: "TimeoutError", timeout: "response", phase: "receive" },
  UND_ERR_BODY_TIMEOUT: { kind: "TimeoutError", timeout: "idle", phase: "receive" },
};

/**
 * Where a failure happened, from the texts of Node's `node:http`, `node:net` and `node:tls`
 * (which Deno's and Bun's `node:*` layers copy word for word), whatever the code.
 */
export const NODE_PLACES: readonly PlacePattern[] = [
  // node:http: the connection ended before a response head came (the request head was written
  // when the socket connected): ECONNRESET with no syscall.
  { pattern: /^socket hang up$/, phase: "receive" },
  // node:http: the response body was cut short (IncomingMessage "aborted").
  { pattern: /^aborted$/, phase: "receive" },
  // node:net: a write after the peer's FIN (EPIPE with no syscall).
  { pattern: /^This socket has been ended by the other party$/, phase: "send" },
  // node:tls: the connection closed during the handshake: no byte of a request was sent. Alone,
  // or after fetch's "fetch failed: " (undici's cause, joined to its TypeError's text; live).
  { pattern: /(?:^|: )Client network socket disconnected before secure TLS connection was established$/, phase: "tls" },
];

/** Node's API and undici, as one dialect; undici's `SocketError` keeps the peer in its `socket`. */
export const NODE_DIALECT: Dialect = {
  codes: { ...UNDICI_CODES, ...NODE_API_CODES },
  places: NODE_PLACES,
  // undici's SocketError (UND_ERR_SOCKET): the peer in socket.remoteAddress and remotePort
  locations: [{ field: "socket", as: "peer" }],
};
