/**
 * @module
 * node-fetch: what its errors say, as a table. Each row names the client version and the operation
 * that gave it, seen live in conformance/src/scenarios/clients/fetchers.ts.
 *
 * node-fetch 3.3.2 (node:http underneath) replaces the socket error with its own `FetchError`
 * (`type: "system"`) and keeps of it only `code` (copied to `errno` too, as a string) and the
 * syscall, as `erroredSysCall` (read as `syscall`): no `cause`, no address or port. Its code is the socket's POSIX code
 * (`ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`, `EAI_AGAIN`), or Bun 1.1's own (`ConnectionClosed`,
 * `ConnectionRefused`), which the runtimes' tables already read: no row of its own is needed. What
 * is lost is where it failed: its text says it (below). An abort, a user's or `AbortSignal.timeout()`'s
 * alike, is its own `AbortError` without the signal's reason: left unchanged (a user's abort).
 */

import type { Dialect } from "../../spec.ts";

/** node-fetch's vocabulary. */
export const NODE_FETCH_DIALECT: Dialect = {
  messages: [
    // node-fetch 3.3.2 on Deno 2.1 to 2.6: node:http's `Http "connection error"` (hyper's, for an
    // I/O error once the connection was up; live: a server that reads the request and resets)
    // kept as text only, with no code. As the Http error itself: a connection failure, not which.
    { pattern: /^request to \S{1,4096} failed, reason: connection error$/, name: "FetchError", kind: "ConnectionError" },
  ],
  // node-fetch 3.3.2's FetchError keeps the failed system call as `erroredSysCall` (`connect`,
  // `read`, `getaddrinfo`): core reads it as `syscall`, and the phase from it.
  locations: [{ field: "erroredSysCall", as: "syscall", name: "FetchError" }],
  places: [
    // node-fetch 3.3.2, a GET whose server reset (RST, `read ECONNRESET`) or closed (FIN, Node's
    // "socket hang up") after reading the request, before the response head: the request was
    // written, the wait for the answer failed. Node 20 and 26, Deno 2.9, Bun 1.4 (Bun 1.1 says
    // ConnectionClosed for both, and nothing of where).
    { pattern: /^request to \S{1,4096} failed, reason: (?:read E[A-Z]{2,20}|socket hang up)$/, phase: "receive" }, // node-fetch 3: the socket error's text, after the request was written
    // node-fetch 3.3.2, `response.text()` of a body the server cut short (FIN or RST after 10 of
    // 100 bytes): node:http's "aborted" (ECONNRESET) as "Invalid response body while trying to
    // fetch URL: aborted". The head came: the request was sent. Node 20 and 26, Deno 2.9, Bun 1.4.
    { pattern: /^Invalid response body while trying to fetch /, phase: "receive", requestSent: true }, // node-fetch 3: reading the response body
  ],
};
