/**
 * @module
 * pg (node-postgres): what its errors say, as a table. Each row names the client version and the operation
 * that gave it, seen live in conformance/src/scenarios/clients/.
 *
 * pg rejects with the socket's own error where the socket failed (ECONNREFUSED, ECONNRESET,
 * ENOTFOUND...: read by the runtimes' tables). Its own errors are plain `Error`s with a text only:
 * these rows read the text, anchored, and only on errors named `Error`.
 */

import type { Dialect, MessagePattern } from "../../spec.ts";

/** pg's own texts (pg 8.23.1, lib/client.js), on Node 20 and 26, Deno 2.0 and 2.9, Bun 1.1 and 1.4 alike. */
const PG_MESSAGES: readonly MessagePattern[] = [
  // pg 8.23.1: the socket closed without an error (the peer's FIN, a killed backend, a killed
  // server), whether Client.connect() was in its startup handshake or a query awaited its answer:
  // a connection failure, and nothing says where (scenarios pg-fin-during-startup,
  // pg-fin-mid-query, pg-backend-killed, pg-server-killed).
  { pattern: /^Connection terminated unexpectedly$/, name: "Error", kind: "ConnectionError" },
  // pg 8.23.1: a query on a client whose connection failed before (its socket errored or closed):
  // pg refuses it without writing a byte (scenario pg-not-queryable).
  {
    pattern: /^Client has encountered a connection error and is not queryable$/,
    name: "Error",
    kind: "NotConnectedError",
    phase: "send",
    requestSent: false,
  },
  // pg 8.23.1: Client.connect()'s connectionTimeoutMillis ran out, while the TCP connect or the
  // startup handshake was pending (pg sends no query before it is connected): scenarios
  // pg-connect-timeout (SYN unanswered), pg-silent-connect-timeout (startup unanswered).
  {
    pattern: /^timeout expired$/,
    name: "Error",
    kind: "TimeoutError",
    timeout: "connect",
    phase: "connect",
    requestSent: false,
  },
  // pg-pool 3.14.0 (pg 8.23.1's Pool): Pool.connect()'s connectionTimeoutMillis ran out while
  // its new client connected; pg-pool destroyed the socket, and wraps the client's `Connection
  // terminated unexpectedly` (its cause) in this text: the text says more than its cause
  // (scenario pg-pool-connect-timeout). pg-pool's `timeout exceeded when trying to connect`, a
  // wait on its own queue with every client checked out, is no network failure: no row
  // (scenario pg-pool-exhausted).
  {
    pattern: /^Connection terminated due to connection timeout$/,
    name: "Error",
    kind: "TimeoutError",
    timeout: "connect",
    phase: "connect",
    requestSent: false,
  },
  // pg 8.23.1: a query's query_timeout ran out. Its clock runs from query() on, for a query still
  // queued (never sent) as for one sent: the caller's deadline on the call, and nothing says
  // where (scenarios pg-silent-query-timeout, pg-query-timeout).
  { pattern: /^Query read timeout$/, name: "Error", kind: "TimeoutError", timeout: "deadline" },
];

/** pg (node-postgres)'s vocabulary. */
export const PG_DIALECT: Dialect = { messages: PG_MESSAGES };
