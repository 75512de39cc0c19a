/**
 * @module
 * axios: what its errors say, as a table. Each row names the client version and the operation
 * that gave it, seen live in conformance/src/scenarios/clients/http.ts.
 *
 * axios (its Node `http` adapter) wraps a socket error with `AxiosError.from()`: the same `code`,
 * the socket error as `cause`, and the socket error's `name` copied onto the wrapper (`"Error"`,
 * or `"AggregateError"` where Node tried both addresses of a name). Its own errors (`new
 * AxiosError(...)`, `name: "AxiosError"`) have no cause.
 */

import type { Dialect } from "../../spec.ts";

/** axios's vocabulary. */
export const AXIOS_DIALECT: Dialect = {
  follow: [
    // axios 1.21.1, every request that met a socket error (refused, reset, getaddrinfo): the
    // AxiosError's cause is the socket error, whose syscall, address, port and hostname the
    // wrapper lacks; read first. AxiosError.from() copies the wrapped error's name, so the
    // wrapper of Node's AggregateError (localhost, both addresses refused) is named so, and the
    // wrapper of Bun 1.4's DNSException (a name that does not resolve) too; a real
    // AggregateError or DNSException has no cause, so this changes nothing for them. (Deno 2.0's
    // TypeError wrapper is not followed first: a fetch TypeError's own text says more than its
    // cause.) Seen on every runtime.
    { field: "cause", classes: ["AxiosError", "AggregateError", "DNSException"], before: true },
  ],
  classCodes: {
    AxiosError: {
      // axios 1.21.1, its own `timeout` option ran out (a server that never answers, or a connect
      // that never completes: one clock on the whole request, which the error does not place):
      // `timeout of 300ms exceeded`, code ECONNABORTED (ETIMEDOUT with
      // transitional.clarifyTimeoutError). A timeout, not an aborted connection: the POSIX code
      // the same failure carries elsewhere is ETIMEDOUT. Seen on every runtime.
      ECONNABORTED: { kind: "TimeoutError", posix: "ETIMEDOUT", timeout: "deadline" },
      ETIMEDOUT: { kind: "TimeoutError", posix: "ETIMEDOUT", timeout: "deadline" },
    },
  },
  messages: [
    // axios 1.21.1, a response whose body the server cut short with a FIN (Node's
    // IncomingMessage 'aborted'): `stream has been aborted`, ERR_BAD_RESPONSE, no cause. The
    // connection closed under the body; whether by FIN or RST is not said. Seen on every runtime
    // but Deno 2.0 (whose node:http loses it); on Bun 1.1 for a RST as well.
    { pattern: /^stream has been aborted$/, name: "AxiosError", kind: "ConnectionError", phase: "receive", requestSent: true },
  ],
};
