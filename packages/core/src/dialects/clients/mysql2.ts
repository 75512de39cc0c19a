/**
 * @module
 * mysql2: what its errors say, as a table. Each row names the client version and the operation
 * that gave it, seen live in conformance/src/scenarios/clients/.
 *
 * mysql2 hands on node:net's own error where the socket reports one (ECONNREFUSED, ECONNRESET,
 * ENOTFOUND, EAI_AGAIN: the same object, with `fatal: true` added), so those need no row. Its own
 * errors carry a `code` and a string `errorno`, never a numeric `errno` (a MySQL server's error
 * packet does carry one, a MySQL error number such as 1045: not a POSIX errno, and no row here).
 * Its connect timeout (`connectTimeout`, over the TCP connect and the greeting alike) is
 * `{ message: "connect ETIMEDOUT", code: "ETIMEDOUT", errorno: "ETIMEDOUT", syscall: "connect" }`:
 * a POSIX code and syscall, read as such (TimeoutError, connect), with no row.
 */

import type { Dialect } from "../../spec.ts";

/** mysql2's vocabulary. */
export const MYSQL2_DIALECT: Dialect = {
  codes: {
    // mysql2 3.24.6, createConnection() to a peer that closes (FIN) before the greeting, and a
    // query whose server is killed (kill -9) or whose connection is KILLed (MariaDB): the socket
    // closed with no error. Before the greeting and mid-query alike: no phase. Every runtime.
    // (mysqljs/mysql says the same code for the same failure.)
    PROTOCOL_CONNECTION_LOST: "ConnectionError",
    // mysql2 3.24.6, query({ sql, timeout }): its own timer, started when the query is written
    // and never reset, ran out: a deadline on the whole query (its text says "inactivity"; its
    // `syscall: "query"` is no resolver's). Every runtime.
    PROTOCOL_SEQUENCE_TIMEOUT: { kind: "TimeoutError", timeout: "deadline", phase: "receive", requestSent: true },
  },
  messages: [
    // mysql2 3.24.6, a query on a connection that died earlier (fatal error or close): no code,
    // `fatal: true`. Nothing was sent. Every runtime.
    {
      pattern: /^Can't add new command when connection is in closed state$/,
      name: "Error", // a plain Error (mysql2 builds it with new Error)
      kind: "NotConnectedError",
      phase: "send",
      requestSent: false,
      // mysql2: a query on a connection already closed
    },
  ],
};
