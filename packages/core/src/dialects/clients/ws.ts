/**
 * @module
 * ws: what its errors say, as a table. Each row names the client version and the operation
 * that gave it, seen live in conformance/src/scenarios/clients/.
 *
 * During the opening handshake, ws's `'error'` event emits node:http's own error where the socket
 * or the HTTP parser reports one (ECONNREFUSED, `read ECONNRESET`, `socket hang up` for a FIN,
 * `HPE_*` for an answer that is not HTTP): those need no row here. Its own errors carry no code:
 * `Unexpected server response: 200` (an answer that is no upgrade) and `Invalid Sec-WebSocket-Accept
 * header` are HTTP- or protocol-level refusals, left unchanged, as is the user's own `terminate()`
 * while connecting (`WebSocket was closed before the connection was established`). After the
 * upgrade, ws emits no `'error'` for a lost connection (FIN or RST): only `'close'` with code 1006.
 * Bun 1.1 answers `import "ws"` with its own WebSocket: its `'error'` is an `ErrorEvent`
 * (`WebSocket connection to '...' failed: Failed to connect`), read by the web and Bun dialects.
 */

import type { Dialect } from "../../spec.ts";

/** ws's vocabulary. */
export const WS_DIALECT: Dialect = {
  messages: [
    // ws 8.23.1, new WebSocket(url, { handshakeTimeout }): its clock (node:http's request timeout)
    // runs over the TCP connect and the wait for the 101 alike, and the text says not which: the
    // connect clock of a WebSocket, with no phase. No code. Node 20/26, Deno 2.0/2.9, Bun 1.4 (Bun
    // 1.1 answers `import "ws"` with a WebSocket of its own, which ignores handshakeTimeout).
    {
      pattern: /^Opening handshake has timed out$/,
      name: "Error",
      kind: "TimeoutError",
      timeout: "connect",
      // ws: handshakeTimeout ran out (connect or the wait for the 101)
    },
    // ws 8.23.1 on Deno 2.0, new WebSocket() to a peer that resets (RST) after the upgrade
    // request: Deno 2.0's node:http (its fetch) makes the failure a response with status 0, which
    // no HTTP server can send (a status has three digits): the connection failed, where unknown.
    {
      pattern: /^Unexpected server response: 0$/,
      name: "Error",
      kind: "ConnectionError",
      // ws on Deno 2.0: the connection failed before any answer (node:http's status 0)
    },
  ],
};
