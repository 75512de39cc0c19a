/**
 * @module
 * postgres (postgres.js) against a real PostgreSQL server of the scenario's own, and against the
 * fake PostgreSQL peer of pg.ts, in every runtime.
 *
 * postgres.js rejects with the socket's own error where the socket failed (ECONNREFUSED,
 * ECONNRESET, a resolver's ENOTFOUND). Its own connection errors are dressed as Node's system
 * errors: `write CONNECTION_CLOSED 127.0.0.1:5432`, with `code` and `errno` both the string
 * `CONNECTION_CLOSED`, an `address` and a `port` (arrays, where it had no socket left: the
 * hosts and ports it was given), and no `syscall`: the leading `write` says nothing of a write.
 * postgres.js takes no AbortSignal: a query is cancelled by its own `cancel()`.
 */

import { connect } from "node:net";
import type { Sql, Options } from "postgres";
import { closedPort, rejection, type Scope, serveDns, sleep } from "../../peers.ts";
import { fullListener, noIPv6, V4 } from "../../provoke.ts";
import type { Expectation, Scenario } from "../../types.ts";
import { DENO27_SILENT_DNS, load, needs } from "./kit.ts";
import { BUN11_LOOKUP_AS_REFUSED, BUN11_REFUSED, BUN12_DNS_SILENT, BUN12_NXDOMAIN, bun11ResetLost, bothLocalhosts, closedOnBoth, DENO20_SILENT_DNS, fakePostgres, ONE_ADDRESS, readyPostgres } from "./pg.ts";

type Postgres = (options: Options<Record<string, never>>) => Sql<Record<string, never>>;

/** A postgres.js pool of one connection, ended (at once) at the scope's close. */
async function sqlOf(scope: Scope, options: Options<Record<string, never>>): Promise<Sql<Record<string, never>>> {
  const postgres = await load<Postgres>("postgres");
  const sql = postgres({ user: "postgres", database: "postgres", max: 1, onnotice: () => {}, ...options });
  scope.defer(() => sql.end({ timeout: 0 }).catch(() => {}));
  return sql;
}

/** Runs `text` (a postgres.js query is lazy: it runs when awaited). */
const run = (sql: Sql<Record<string, never>>, text: string): Promise<unknown> => (async () => await sql.unsafe(text))();

/** postgres.js's CONNECTION_CLOSED: the socket closed (a FIN) under a query it had executed. */
const CLOSED: Expectation = {
  kind: "ConnectionError",
  code: "CONNECTION_CLOSED",
  phase: null,
  requestSent: null,
  native: /^Error CONNECTION_CLOSED/,
  why: "postgres.js says CONNECTION_CLOSED when the socket closes under a query it executed, written or still in its write buffer: whether the query was sent is lost",
};

/** postgres.js's connect_timeout ran out: CONNECT_TIMEOUT (its clock covers the TCP connect and the startup handshake; no query is sent before). */
const CONNECT_TIMEOUT: Expectation = {
  kind: "TimeoutError",
  code: "CONNECT_TIMEOUT",
  timeout: "connect",
  phase: "connect",
  requestSent: false,
  knownFields: ["address", "port"],
  native: /^Error CONNECT_TIMEOUT/,
};

const RESET_READ: Expectation = { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, syscall: "read", phase: "receive", requestSent: true };

/** Bun 1.1's pin of postgres-reset-during-startup, which Bun 1.2 and 1.3 give too. */
const BUN11_POSTGRES_RESET_DURING_STARTUP: Expectation = {
        kind: "no error",
        why: "node:net closes the socket without an 'error' (the reset is lost): postgres.js sees a close before it is connected, and reconnects for ever",
      };

/** Bun 1.1's pin of postgres-reset-mid-query, which Bun 1.2 and 1.3 give too. */
const BUN11_POSTGRES_RESET_MID_QUERY: Expectation = { ...bun11ResetLost("postgres.js", "CONNECTION_CLOSED"), code: "CONNECTION_CLOSED" };

/**
 * Deno before 2.7 (its older node:net), a peer that hangs up while postgres.js writes (a reset mid
 * query; a FIN in the startup, on which postgres.js reconnects and writes again for 3 s): now and
 * then an uncaught error ends the whole process, Deno's own `write UNKNOWN` or postgres.js's
 * `nextWrite` on a socket already gone ("Error polling connection: error shutting down connection"
 * first). Seen live in postgres-reset-mid-query on 2.1.14 and 2.3.7 (once each in 2 runs) and
 * 2.0.6 (once in a demo), in postgres-fin-during-startup on 2.6.8 (once in 3), and on 2.2.15 in
 * one of the two. The same node:net throughout 2.0 to 2.6: pinned on all of them.
 */
const DENO_RESET_MID_QUERY_CRASH: Expectation = {
  kind: "not testable",
  why: "now and then an uncaught error of node:net (write UNKNOWN) or of postgres.js on the dead socket ends the whole process: nothing to pin",
};
const DENO_POSTGRES_CRASH = { "deno@2.0": DENO_RESET_MID_QUERY_CRASH, "deno@2.1": DENO_RESET_MID_QUERY_CRASH, "deno@2.2": DENO_RESET_MID_QUERY_CRASH, "deno@2.3": DENO_RESET_MID_QUERY_CRASH, "deno@2.4": DENO_RESET_MID_QUERY_CRASH, "deno@2.5": DENO_RESET_MID_QUERY_CRASH, "deno@2.6": DENO_RESET_MID_QUERY_CRASH } as const;

export const postgresClients: readonly Scenario[] = [
  {
    id: "postgres-refused",
    client: "postgres",
    title: "postgres.js query to a closed port",
    expect: {
      default: { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect", phase: "connect", requestSent: false, knownFields: ["address", "port"] },
      "bun@1.1": BUN11_REFUSED,
    },
    async provoke(scope) {
      const port = await closedPort(V4);
      const sql = await sqlOf(scope, { host: V4, port });
      return { error: await rejection(run(sql, "select 1")), known: { address: V4, port } };
    },
  },
  {
    id: "postgres-refused-localhost-both",
    client: "postgres",
    title: "postgres.js query to localhost (::1 and 127.0.0.1), both closed (its socket option, with happy eyeballs)",
    skip: noIPv6,
    expect: {
      default: { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect", phase: "connect", requestSent: false, knownFields: ["port"], errors: 2, native: /^AggregateError/ },
      "deno@2.0": ONE_ADDRESS["deno@2.0"],
      "bun@1.1": {
        kind: "not testable",
        why: "Bun 1.1's node:net throws ERR_SOCKET_CLOSED_BEFORE_CONNECTION, uncaught, when postgres.js writes its startup message to the socket it was given and whose connect failed: the process dies",
      },
    },
    async provoke(scope) {
      const port = await closedOnBoth();
      const socket = (): ReturnType<typeof connect> => connect({ host: "localhost", port, lookup: bothLocalhosts as never, autoSelectFamily: true });
      const sql = await sqlOf(scope, { host: "localhost", port, socket } as Options<Record<string, never>>);
      return { error: await rejection(run(sql, "select 1")), known: { port } };
    },
  },
  {
    id: "postgres-connect-timeout",
    client: "postgres",
    title: "postgres.js query (connect_timeout 0.5 s) to a listener whose accept queue is full (namespace)",
    namespace: { sysctls: {}, budget: 15_000 },
    expect: { default: { ...CONNECT_TIMEOUT, why: "the SYN is never answered: postgres.js's own clock, not the kernel's" } },
    async provoke(scope) {
      const port = await fullListener(scope);
      const sql = await sqlOf(scope, { host: V4, port, connect_timeout: 0.5 });
      return { error: await rejection(run(sql, "select 1"), 10_000), known: { address: V4, port } };
    },
  },
  {
    id: "postgres-silent-connect-timeout",
    client: "postgres",
    title: "postgres.js query (connect_timeout 0.5 s) to a peer that accepts and never answers the startup message",
    expect: { default: { ...CONNECT_TIMEOUT, why: "connected, the startup message sent, never answered: postgres.js's connect (TCP and handshake) ran out" } },
    async provoke(scope) {
      const port = await fakePostgres(scope, { after: "startup", then: "silent" });
      const sql = await sqlOf(scope, { host: V4, port, connect_timeout: 0.5 });
      return { error: await rejection(run(sql, "select 1"), 10_000), known: { address: V4, port } };
    },
  },
  {
    id: "postgres-reset-during-startup",
    client: "postgres",
    title: "postgres.js query to a peer that resets once the startup message arrived",
    expect: {
      default: { ...RESET_READ, why: "the startup message was sent; the reset met the read of its answer" },
      "bun@1.1": BUN11_POSTGRES_RESET_DURING_STARTUP,
      "bun@1.2": BUN11_POSTGRES_RESET_DURING_STARTUP,
      "bun@1.3": BUN11_POSTGRES_RESET_DURING_STARTUP,
    },
    async provoke(scope) {
      const port = await fakePostgres(scope, { after: "startup", then: "reset" });
      const sql = await sqlOf(scope, { host: V4, port, connect_timeout: 3 });
      return { error: await rejection(run(sql, "select 1"), 4000) };
    },
  },
  {
    id: "postgres-fin-during-startup",
    client: "postgres",
    title: "postgres.js query (connect_timeout 0.5 s) to a peer that closes (FIN) once the startup message arrived",
    expect: {
      default: {
        kind: "no error",
        why: "postgres.js reconnects at once whenever the socket closes before it is connected, and restarts its connect_timeout each time: the query stays pending",
      },
      ...DENO_POSTGRES_CRASH,
    },
    async provoke(scope) {
      const port = await fakePostgres(scope, { after: "startup", then: "end" });
      const sql = await sqlOf(scope, { host: V4, port, connect_timeout: 0.5 });
      return { error: await rejection(run(sql, "select 1"), 3000) };
    },
  },
  {
    id: "postgres-reset-mid-query",
    client: "postgres",
    title: "postgres.js query to a fake server that resets once the query arrived",
    expect: {
      default: RESET_READ,
      "bun@1.1": BUN11_POSTGRES_RESET_MID_QUERY,
      "bun@1.2": BUN11_POSTGRES_RESET_MID_QUERY,
      "bun@1.3": BUN11_POSTGRES_RESET_MID_QUERY,
      ...DENO_POSTGRES_CRASH,
    },
    async provoke(scope) {
      const port = await fakePostgres(scope, { after: "query", then: "reset" });
      const sql = await sqlOf(scope, { host: V4, port, fetch_types: false });
      return { error: await rejection(run(sql, "select 1"), 10_000) };
    },
  },
  {
    id: "postgres-fin-mid-query",
    client: "postgres",
    title: "postgres.js query to a fake server that closes (FIN) once the query arrived",
    expect: { default: CLOSED },
    async provoke(scope) {
      const port = await fakePostgres(scope, { after: "query", then: "end" });
      const sql = await sqlOf(scope, { host: V4, port, fetch_types: false });
      return { error: await rejection(run(sql, "select 1"), 10_000) };
    },
  },
  {
    id: "postgres-backend-killed",
    client: "postgres",
    title: "postgres.js query while its PostgreSQL backend is killed (kill -9)",
    skip: needs("postgres"),
    expect: { default: CLOSED },
    async provoke(scope) {
      const server = await readyPostgres(scope);
      const sql = await sqlOf(scope, { host: V4, port: server.port });
      const [row] = (await run(sql, "select pg_backend_pid() as pid")) as [{ pid: number }];
      const pending = run(sql, "select pg_sleep(30)");
      setTimeout(() => process.kill(row.pid, "SIGKILL"), 300);
      return { error: await rejection(pending, 10_000) };
    },
  },
  {
    id: "postgres-server-killed",
    client: "postgres",
    title: "postgres.js query while its PostgreSQL server (the postmaster) is killed (kill -9)",
    skip: needs("postgres"),
    expect: { default: CLOSED },
    async provoke(scope) {
      const server = await readyPostgres(scope);
      const sql = await sqlOf(scope, { host: V4, port: server.port });
      await run(sql, "select 1");
      const pending = run(sql, "select pg_sleep(30)");
      setTimeout(() => server.kill(), 300);
      return { error: await rejection(pending, 10_000) };
    },
  },
  {
    id: "postgres-nxdomain",
    client: "postgres",
    title: "postgres.js query to a name the loopback name server answers NXDOMAIN (namespace)",
    namespace: { sysctls: {}, budget: 20_000, resolver: true },
    expect: {
      default: { kind: "NameResolutionError", code: "ENOTFOUND", syscall: "getaddrinfo", phase: "resolve", requestSent: false, knownFields: ["hostname"] },
      "bun@1.1": BUN11_LOOKUP_AS_REFUSED,
      "bun@1.2": BUN12_NXDOMAIN,
      "bun@1.3": BUN12_NXDOMAIN,
    },
    async provoke(scope) {
      await serveDns(scope, "nxdomain", 53);
      const hostname = "nx.neterr.test";
      const sql = await sqlOf(scope, { host: hostname, port: 5432 });
      return { error: await rejection(run(sql, "select 1"), 10_000), known: { hostname } };
    },
  },
  {
    id: "postgres-dns-silent",
    client: "postgres",
    title: "postgres.js query to a name whose name server never answers (namespace, resolv.conf timeout 1 s)",
    namespace: { sysctls: {}, budget: 20_000, resolver: true },
    // getaddrinfo's EAI_AGAIN says "try again", not that a clock ran out: a name failure.
    expect: {
      default: { kind: "NameResolutionError", code: "EAI_AGAIN", syscall: "getaddrinfo", phase: "resolve", requestSent: false, knownFields: ["hostname"] },
      "deno@2.0": DENO20_SILENT_DNS,
      "deno@2.1": DENO27_SILENT_DNS,
      "deno@2.2": DENO27_SILENT_DNS,
      "deno@2.3": DENO27_SILENT_DNS,
      "deno@2.4": DENO27_SILENT_DNS,
      "deno@2.5": DENO27_SILENT_DNS,
      "deno@2.6": DENO27_SILENT_DNS,
      "deno@2.7": DENO27_SILENT_DNS,
      "bun@1.1": BUN11_LOOKUP_AS_REFUSED,
      "bun@1.2": BUN12_DNS_SILENT,
      "bun@1.3": BUN12_DNS_SILENT,
    },
    async provoke(scope) {
      await serveDns(scope, "silent", 53);
      const hostname = "silent.neterr.test";
      const sql = await sqlOf(scope, { host: hostname, port: 5432 });
      return { error: await rejection(run(sql, "select 1"), 10_000), known: { hostname } };
    },
  },
  {
    id: "postgres-ended",
    client: "postgres",
    title: "postgres.js query after the user's own sql.end() (not a network failure)",
    skip: needs("postgres"),
    expect: { default: { kind: "unchanged", native: /^Error CONNECTION_ENDED/, why: "the user ended the pool: postgres.js's CONNECTION_ENDED is the user's own doing" } },
    async provoke(scope) {
      const server = await readyPostgres(scope);
      const sql = await sqlOf(scope, { host: V4, port: server.port });
      await run(sql, "select 1");
      await sql.end();
      return { error: await rejection(run(sql, "select 1")) };
    },
  },
  {
    id: "postgres-destroyed",
    client: "postgres",
    title: "postgres.js query cut by the user's own sql.end({ timeout: 0 }) (not a network failure)",
    skip: needs("postgres"),
    expect: { default: { kind: "unchanged", native: /^Error CONNECTION_DESTROYED/, why: "the user destroyed the pool under a running query: postgres.js's CONNECTION_DESTROYED is the user's own doing" } },
    async provoke(scope) {
      const server = await readyPostgres(scope);
      const sql = await sqlOf(scope, { host: V4, port: server.port });
      await run(sql, "select 1");
      const pending = run(sql, "select pg_sleep(30)");
      await sleep(300);
      void sql.end({ timeout: 0 });
      return { error: await rejection(pending, 10_000) };
    },
  },
  {
    id: "postgres-user-cancel",
    client: "postgres",
    title: "postgres.js query cancelled by the user's own query.cancel() (not a network failure)",
    skip: needs("postgres"),
    expect: { default: { kind: "unchanged", native: /^PostgresError/, why: "the server answers the cancel request with its own error (57014): the user's own doing" } },
    async provoke(scope) {
      const server = await readyPostgres(scope);
      const sql = await sqlOf(scope, { host: V4, port: server.port });
      await run(sql, "select 1");
      const query = sql.unsafe("select pg_sleep(30)");
      const pending = (async () => await query)();
      await sleep(300);
      query.cancel();
      return { error: await rejection(pending, 10_000) };
    },
  },
];
