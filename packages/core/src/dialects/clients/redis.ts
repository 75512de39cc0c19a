/**
 * @module
 * redis (node-redis): what its errors say, as a table. Each row names the client version and the operation
 * that gave it, seen live in conformance/src/scenarios/clients/.
 *
 * node-redis rejects with the socket error itself where there is one (ECONNREFUSED, ECONNRESET,
 * ENOTFOUND, an AggregateError for `localhost`): the runtimes' tables map those. Its own errors
 * are classes whose `name` is just `"Error"`: core looks their constructor's name up here (a
 * bundler that renames classes hides them). Its `'error'` event carries the same errors.
 */

import type { Dialect } from "../../spec.ts";

/** redis (node-redis)'s vocabulary. */
export const NODE_REDIS_DIALECT: Dialect = {
  follow: [
    // node-redis 6.3.1 and 6.4.0, `socket.reconnectStrategy` returning an Error (connect() to a closed
    // port): a ReconnectStrategyError whose text is the strategy's, the socket error kept in
    // `socketError`; read first, so that its code, address and port are kept. Node, Deno, Bun.
    { field: "socketError", classes: ["ReconnectStrategyError"], before: true }, // node-redis keeps the socket error that made its reconnect strategy give up
  ],
  // Its classes keep `name: "Error"`: known by their constructors' names only.
  constructors: {
    // node-redis 6.3.1 and 6.4.0, the socket closed with no socket error: a FIN before or during a reply
    // (GET), the Redis server killed mid-BLPOP, the handshake cut off; on Bun 1.1 a reset too
    // (its node:net reports none). When, and whether the command was sent, is not said.
    // Node, Deno, Bun.
    SocketClosedUnexpectedlyError: "ConnectionError",
    // node-redis 6.3.1 and 6.4.0, `socket.connectTimeout` (default 5 s): connect() to a listener whose
    // accept queue is full. Its timer runs until the TCP connect completes, no longer. Node,
    // Deno, Bun 1.4 (Bun 1.1's node:net never fires it).
    ConnectionTimeoutError: { kind: "TimeoutError", timeout: "connect", phase: "connect", requestSent: false },
    // node-redis 6.3.1 and 6.4.0, `socket.socketTimeout`: the socket's idle timer, armed once connected
    // whether or not a command is pending (connect() to a peer that never answers its
    // handshake; BLPOP with nothing to pop): an idle client times out too, so neither the phase
    // nor whether a command was sent is said. Node, Deno, Bun.
    SocketTimeoutError: { kind: "TimeoutError", timeout: "idle" },
    // node-redis 6.3.1 and 6.4.0, a command on a client whose connection was given up
    // (`reconnectStrategy: false`, GET after connect() was refused): refused before it was
    // written. Node, Deno, Bun.
    ClientClosedError: { kind: "NotConnectedError", requestSent: false },
    // node-redis 6.3.1 and 6.4.0, `disableOfflineQueue: true`: a command while the client connects (GET to
    // a peer that never answers the handshake): refused before it was written. Node, Deno, Bun.
    ClientOfflineError: { kind: "NotConnectedError", requestSent: false },
    // node-redis 6.3.1 and 6.4.0, a command's own `timeout` option (withCommandOptions({ timeout })) ran
    // out: its class TimeoutError, `name` "Error", no message in 6.3.1; 6.4.0 says `Command timed
    // out after 400ms waiting to be sent` (seen in all 18 runtimes). Its timer is removed when the
    // command is written, so it runs out only before: nothing of the command was sent (GET while
    // connecting to a listener whose accept queue is full). Node, Deno, Bun.
    TimeoutError: { kind: "TimeoutError", timeout: "deadline", requestSent: false },
  },
};
