/**
 * @module
 * ioredis: what its errors say, as a table. Each row names the client version and the operation
 * that gave it, seen live in conformance/src/scenarios/clients/.
 *
 * ioredis replaces the socket error in what `connect()` and its commands reject with, and keeps
 * it on none of them: the socket error itself (ECONNREFUSED, ECONNRESET, ENOTFOUND, its own
 * `connect ETIMEDOUT` with code `ETIMEDOUT` and syscall `connect`) is emitted, untouched, as the
 * client's `'error'` event, which the runtimes' tables map with all its fields.
 */

import type { Dialect } from "../../spec.ts";

/** ioredis's vocabulary. */
export const IOREDIS_DIALECT: Dialect = {
  names: {
    // ioredis 6.0.0 and 6.1.0, a command when the connection attempt failed and ioredis goes on
    // reconnecting (`maxRetriesPerRequest: 0`, the default retryStrategy): GET to a closed port.
    // It says only that it gave up, not why: a connection failure, no phase. Node, Deno, Bun.
    MaxRetriesPerRequestError: "ConnectionError",
  },
  messages: [
    // ioredis 6.0.0 and 6.1.0, `connect()` and every pending command when the connection is gone and not
    // retried (`retryStrategy: () => null`): refused, connect timeout, RST, FIN before or during
    // a reply, the server killed mid-BLPOP, its own socketTimeout, a name that does not resolve.
    // The same text for all of them: no phase, no word on whether the command was sent. Node,
    // Deno, Bun.
    { pattern: /^Connection is closed\.$/, name: "Error", kind: "ConnectionError" },
    // ioredis 6.0.0 and 6.1.0, `commandTimeout`: GET to a peer that accepts and never answers. Its clock
    // runs from the call, whether the command waits in the offline queue or for its reply: the
    // caller's deadline on the command, no phase. Node, Deno, Bun.
    { pattern: /^Command timed out$/, name: "Error", kind: "TimeoutError", timeout: "deadline" },
    // ioredis 6.0.0 and 6.1.0, `socketTimeout`, in the `'error'` event (the command says `Connection is
    // closed.`): BLPOP with nothing to pop. The timer starts when a command is written and
    // restarts on every chunk read while replies are awaited. Node, Deno, Bun.
    {
      pattern: /^Socket timeout\. Expecting data, but didn't receive any in \d{1,10}ms\.$/,
      name: "Error",
      kind: "TimeoutError",
      timeout: "idle",
      phase: "receive",
      requestSent: true,
    },
    // ioredis 6.0.0 and 6.1.0, `enableOfflineQueue: false`: a command before the connection is up (GET
    // while connecting to a closed port). Refused before it was written. Node, Deno, Bun.
    {
      pattern: /^Stream isn't writeable and enableOfflineQueue options is false$/,
      name: "Error",
      kind: "NotConnectedError",
      requestSent: false,
    },
  ],
};
