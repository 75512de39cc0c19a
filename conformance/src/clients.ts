/**
 * @module
 * The clients the suite drives, as data: each one's npm name, what it is, and the hook it offers
 * that carries more than what it throws (for docs/clients.md, which `npm run demo -- --clients
 * docs/clients.md` writes from a live run; docs.ts renders the README's summary from the pins).
 */

import { readFileSync } from "node:fs";

export interface ClientInfo {
  /** The npm name, as in the scenarios' `client` field. */
  readonly name: string;
  /** What it is, in a sentence. */
  readonly about: string;
  /** Where the client keeps more than it throws, and how to use that with neterr. */
  readonly hook: string;
}

/** Every client the suite drives, in the order of docs/clients.md. */
export const CLIENTS: readonly ClientInfo[] = [
  {
    name: "pg",
    about: "node-postgres, the PostgreSQL client. Where its socket failed it rejects with the socket's own error; where the socket only closed, with a text (`Connection terminated unexpectedly`), the same for a FIN, a killed backend and a killed server.",
    hook: "none better: the rejection is the socket error wherever there was one. Its texts say nothing of where it failed; `Query read timeout` (query_timeout) runs from `query()` on, even for a query still queued.",
  },
  {
    name: "postgres",
    about: "postgres.js, the PostgreSQL client. It rejects with the socket's own error, or with its own codes (`CONNECTION_CLOSED`, `CONNECT_TIMEOUT`) dressed as system errors.",
    hook: "none: it has no error event. A FIN during the startup handshake makes it reconnect for ever without an error (its connect_timeout restarts each time): bound the call yourself.",
  },
  {
    name: "mysql2",
    about: "The MySQL and MariaDB client. It rejects with the socket's own error where there was one; a FIN or a killed server gives its own `PROTOCOL_CONNECTION_LOST`, with no errno.",
    hook: "none better: a MariaDB that dies sends nothing that says more than `PROTOCOL_CONNECTION_LOST` (a `ConnectionError`). Its query `timeout` gives `PROTOCOL_SEQUENCE_TIMEOUT`, a deadline on the query.",
  },
  {
    name: "ioredis",
    about: "The Redis client. A command rejects with `Connection is closed.` after any failure (refused, reset, closed, timed out, a name that does not resolve): a `ConnectionError`, and nothing more.",
    hook: "its `'error'` event carries the socket error untouched (`ECONNREFUSED`, `ECONNRESET`, `ETIMEDOUT`, `ENOTFOUND`). Keep the last one it emitted, and when a command rejects with `Connection is closed.`, `normalize` that one instead: neterr then gives the class, the address and where it failed. A FIN emits no `'error'`.",
  },
  {
    name: "redis",
    about: "node-redis, Redis's own client. It rejects with the socket error itself where there is one; its own classes (`SocketClosedUnexpectedlyError`, `ConnectionTimeoutError`...) keep `name: \"Error\"` and are known by their constructors.",
    hook: "none better: its `'error'` event carries the same errors. Its `AbortError` drops the signal's reason (a timeout and a user's abort look alike): read `signal.reason` yourself. A bundler that renames classes hides its constructors' names.",
  },
  {
    name: "undici",
    about: "The HTTP client behind Node's fetch, as the npm package (on every runtime). It throws the socket errors themselves, or its own `UND_ERR_*` codes.",
    hook: "none needed: its `SocketError` keeps the peer in `socket`, which neterr reads.",
  },
  {
    name: "axios",
    about: "The HTTP client. It wraps the socket error in an `AxiosError` with the same code (the socket error is its `cause`), and reuses `ECONNABORTED` for its own timeout.",
    hook: "`error.cause` is the socket error, and neterr reads it first. `transitional.clarifyTimeoutError: true` makes its timeout say `ETIMEDOUT`. A timeout signal gives the same `CanceledError` as a user's abort: neterr tells them apart by `config.signal.reason`.",
  },
  {
    name: "got",
    about: "The HTTP client. Its `RequestError`, `ReadError` and `TimeoutError` keep the socket error as `cause`; its timeouts say which clock ran out in their text.",
    hook: "`error.cause` is the socket error (neterr reads it first); `error.timings.phases` says how far the request got. Turn off its retries (`retry: { limit: 0 }`) to see the first failure.",
  },
  {
    name: "ky",
    about: "The HTTP client on the runtime's fetch. It throws the runtime's fetch error, or its own `NetworkError` with that error as `cause`; its `TimeoutError` is its own clock on the whole request.",
    hook: "none: what it throws is the runtime's fetch error. It retries network errors twice by default (`retry: 0` shows the first failure).",
  },
  {
    name: "ofetch",
    about: "The HTTP client on the runtime's fetch. Its `FetchError` keeps the runtime's fetch error as `cause`.",
    hook: "none better. Its `timeout` stops at the response head: a body that stalls is awaited for ever, so bound the body read yourself. It retries once by default (`retry: 0` shows the first failure).",
  },
  {
    name: "node-fetch",
    about: "fetch for Node, on node:http. Its `FetchError` keeps the socket's code and the failed system call (`erroredSysCall`), but no `cause`, address or port.",
    hook: "none: the address is only in its text. Its `AbortError` drops the signal's reason, so a timeout looks like a user's abort (left unchanged): read `signal.reason` yourself.",
  },
  {
    name: "ws",
    about: "The WebSocket client. Its `'error'` event gives node:http's socket error before the upgrade, or its own text (`Opening handshake has timed out`).",
    hook: "listen to `'close'` as well: after the upgrade, a FIN or a RST emits no `'error'`, only `'close'` with code 1006. (On Bun 1.1, `import \"ws\"` gives Bun's own WebSocket.)",
  },
];

/** The version of `name` the suite runs (its devDependency, as installed). */
export function clientVersion(name: string): string {
  try {
    const url = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, "utf8")) as { version?: string }).version ?? "?";
  } catch {
    return "?";
  }
}

