/**
 * @module
 * got: what its errors say, as a table. Each row names the client version and the operation
 * that gave it, seen live in conformance/src/scenarios/clients/http.ts.
 *
 * got wraps every failure in a `RequestError` (or a subclass: `ReadError`, `TimeoutError`,
 * `AbortError`...) whose `code` is the wrapped error's and whose `cause` is the wrapped error.
 * Its `TimeoutError` (code ETIMEDOUT) says which clock ran out in `event` and in its text:
 * `Timeout awaiting 'connect' for 300ms`.
 */

import type { Dialect } from "../../spec.ts";

/** `Timeout awaiting '<event>' for <n>ms`: got's own clocks (source/core/timed-out.js). */
const awaiting = (event: string): RegExp => new RegExp(`^Timeout awaiting '${event}' for \\d{1,10}ms$`);

/** got's vocabulary. */
export const GOT_DIALECT: Dialect = {
  follow: [
    // got 16.1.0, every request that met a socket error (refused, reset, getaddrinfo): the
    // RequestError keeps the socket error as cause, whose syscall, address, port and hostname
    // the wrapper lacks; read first. Its TimeoutError keeps what ran out as cause: its own
    // clock's error (same text), or the DOMException of an AbortSignal.timeout() (the caller's
    // deadline). Seen on every runtime got 16 loads on (not Deno 2.0).
    { field: "cause", classes: ["RequestError", "ReadError", "TimeoutError"], before: true },
  ],
  classCodes: {
    ReadError: {
      // got 16.1.0, a response whose body the server cut short (FIN or RST after 10 of 100
      // bytes): `Content-Length mismatch: expected 100 bytes, received 10 bytes`, its cause a
      // plain object with the same code. The connection ended under the body, by FIN or RST
      // alike. Seen on Node 20 and 26, Deno 2.9, Bun 1.4.
      ERR_HTTP_CONTENT_LENGTH_MISMATCH: { kind: "ConnectionError", phase: "receive", requestSent: true },
    },
  },
  places: [
    // got 16.1.0, a response whose body the server cut short where the runtime reports an abort
    // and no length (Bun 1.1's node:http, FIN and RST alike): a ReadError whose code got sets to
    // ECONNRESET, its cause a plain object with that text.
    { pattern: /^The server aborted pending request$/, phase: "receive", requestSent: true },
    // got 16.1.0's clocks (`timeout: { connect: 300 }`...), as its TimeoutError's text says them.
    // Seen live on every runtime got runs on: connect (a listener whose accept queue is full; not
    // on Bun 1.1, where it never fires), response (a server that never answers), read (a body
    // that stalls). The others as source/core/timed-out.js arms them.
    { pattern: awaiting("lookup"), timeout: "resolve", phase: "resolve", requestSent: false },
    { pattern: awaiting("connect"), timeout: "connect", phase: "connect", requestSent: false },
    { pattern: awaiting("secureConnect"), timeout: "tls", phase: "tls", requestSent: false },
    // `send`: the request was being written when it ran out (part of it may have arrived).
    { pattern: awaiting("send"), phase: "send" },
    { pattern: awaiting("response"), timeout: "response", phase: "receive", requestSent: true },
    // `read`: from the response head to the end of the body. It fires where the body stalls (seen
    // live: 10 of 100 bytes, then nothing), so the nearest clock neterr names is the wait between
    // chunks (a steady but slow body would trip it too).
    { pattern: awaiting("read"), timeout: "idle", phase: "receive", requestSent: true },
    // `socket`: the socket was idle that long, wherever the request was; `request`: got's clock
    // on the whole call.
    { pattern: awaiting("socket"), timeout: "idle" },
    { pattern: awaiting("request"), timeout: "deadline" },
  ],
};
