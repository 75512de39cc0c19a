/**
 * @module
 * postgres (postgres.js): what its errors say, as a table. Each row names the client version and the operation
 * that gave it, seen live in conformance/src/scenarios/clients/.
 *
 * postgres.js rejects with the socket's own error where the socket failed (ECONNREFUSED,
 * ECONNRESET, ENOTFOUND...: read by the runtimes' tables). Its own connection errors look like
 * Node's system errors (src/errors.js `connection()`): a plain `Error` whose message is
 * `write CODE host:port` (the `write` says nothing of a write), `code` and `errno` both the
 * string CODE, `address` and `port` (the socket's, or, where it had none left, the arrays of
 * hosts and ports it was given), and no `syscall`.
 */

import type { Dialect, Row } from "../../spec.ts";

/** postgres.js 3.4.9's own codes, the same on Node 20 and 26, Deno 2.0 and 2.9, Bun 1.1 and 1.4. */
const POSTGRES_JS_CODES: Readonly<Record<string, Row>> = {
  // The socket closed without an error (the peer's FIN, a killed backend, a killed server) under a
  // query postgres.js had executed, written or still in its write buffer: a connection failure,
  // and nothing says whether the query went out (scenarios postgres-fin-mid-query,
  // postgres-backend-killed, postgres-server-killed). Before it is connected, postgres.js
  // reconnects instead, and says nothing (postgres-fin-during-startup).
  CONNECTION_CLOSED: "ConnectionError",
  // connect_timeout ran out: its clock runs from the TCP connect to the end of the startup
  // handshake, and no query is written before (scenarios postgres-connect-timeout, SYN
  // unanswered; postgres-silent-connect-timeout, startup unanswered).
  CONNECT_TIMEOUT: { kind: "TimeoutError", timeout: "connect", phase: "connect", requestSent: false },
  // A query after the user's own sql.end() (scenario postgres-ended): not a network failure.
  CONNECTION_ENDED: "unchanged",
  // Queries cut by the user's own sql.end({ timeout }) or a connection it terminated (scenario
  // postgres-destroyed): not a network failure.
  CONNECTION_DESTROYED: "unchanged",
};

/** postgres (postgres.js)'s vocabulary. */
export const POSTGRES_JS_DIALECT: Dialect = { codes: POSTGRES_JS_CODES };
