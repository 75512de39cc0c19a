/**
 * @module
 * pg (node-postgres) against a real PostgreSQL server of the scenario's own, and against a
 * fake PostgreSQL peer (a Node process that speaks just enough of the protocol to let a client
 * connect, then resets, closes or stays silent), in every runtime.
 *
 * pg keeps the socket's own error where the socket failed (ECONNREFUSED, ECONNRESET, a resolver's
 * ENOTFOUND): it rejects with that error itself. Where the socket only closed (a FIN: the peer's
 * end, a killed backend, a killed server), pg says `Connection terminated unexpectedly`, the same
 * text whether it was connecting or waiting for a query's answer: where it failed is lost.
 * pg takes no AbortSignal (a query cannot be aborted by the caller but by its own timeouts).
 */

import { spawn } from "node:child_process";
import { createServer, Socket, type SocketConnectOpts } from "node:net";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Client as PgClient, ClientConfig, Pool as PgPool, PoolConfig } from "pg";
import { closedPort, peerCommand, rejection, type Scope, serveDns, sleep } from "../../peers.ts";
import { fullListener, noIPv6, V4, V6 } from "../../provoke.ts";
import { type RealServer, startServer } from "../../servers.ts";
import type { Expectation, Scenario } from "../../types.ts";
import { DENO22_CLOSE_FIRST, DENO27_SILENT_DNS, load, needs } from "./kit.ts";

type Pg = { Client: new (config: ClientConfig) => PgClient; Pool: new (config: PoolConfig) => PgPool };

/** What the fake PostgreSQL peer does: after the startup message, or after the first query; reset, FIN, or nothing. */
export interface FakePlan {
  readonly after: "startup" | "query";
  readonly then: "reset" | "end" | "silent";
}

/**
 * A fake PostgreSQL server in a Node process of its own (killed at the scope's close): it reads
 * the startup message, and answers it (AuthenticationOk, ReadyForQuery) when `after` is
 * "query"; then, on the next bytes, it resets (SO_LINGER 0), closes (FIN) or says nothing.
 * Resolves with its port on 127.0.0.1.
 */
export async function fakePostgres(scope: Scope, plan: FakePlan): Promise<number> {
  const script = join(scope.tmpdir(), "fake-postgres.mjs");
  writeFileSync(
    script,
    [
      `import { createServer } from "node:net";`,
      `import { writeSync } from "node:fs";`,
      `const [after, then] = process.argv.slice(2);`,
      // AuthenticationOk ('R', length 8, 0), BackendKeyData ('K', 12, pid, key), ReadyForQuery ('Z', 5, 'I').
      `const ready = Buffer.from([0x52,0,0,0,8,0,0,0,0, 0x4b,0,0,0,12,0,0,0,42,0,0,0,7, 0x5a,0,0,0,5,0x49]);`,
      `const act = (s) => { if (then === "reset") s.resetAndDestroy(); else if (then === "end") s.end(); };`,
      `const server = createServer((s) => {`,
      `  s.on("error", () => {});`,
      `  let chunks = 0;`,
      `  s.on("data", () => {`,
      `    chunks += 1;`,
      `    if (after === "startup" && chunks === 1) act(s);`,
      `    else if (after === "query" && chunks === 1) s.write(ready);`,
      `    else if (after === "query" && chunks === 2) act(s);`,
      `  });`,
      `});`,
      `server.listen({ port: 0, host: "127.0.0.1" }, () => writeSync(1, server.address().port + "\\n"));`,
      `setTimeout(() => process.exit(0), 30000);`,
      ``,
    ].join("\n"),
  );
  const [cmd, ...args] = peerCommand(script, plan.after, plan.then);
  const child = spawn(cmd!, args, { stdio: ["ignore", "pipe", "inherit"] });
  scope.defer(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the fake PostgreSQL peer did not start within 10 s")), 10_000);
    child.stdout.once("data", (data: Buffer) => {
      clearTimeout(timer);
      resolve(Number(String(data).trim()));
    });
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** A port closed on both 127.0.0.1 and ::1. */
export async function closedOnBoth(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const candidate = await closedPort(V4);
    const probe = createServer();
    const free = await new Promise<boolean>((resolve) => {
      probe.once("error", () => resolve(false));
      probe.listen(candidate, V6, () => probe.close(() => resolve(true)));
    });
    if (free) return candidate;
  }
  throw new Error("no port closed on both 127.0.0.1 and ::1");
}

/** A lookup that answers like /etc/hosts with both localhost entries would, without asking any resolver. */
export const bothLocalhosts = (_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void): void => {
  const all = [
    { address: V6, family: 6 },
    { address: V4, family: 4 },
  ];
  if (options.all) callback(null, all);
  else callback(null, V6, 6);
};

const USER = { user: "postgres", database: "postgres" } as const;

/**
 * A PostgreSQL server of the scenario's own that answers queries: startServer() resolves once the
 * port accepts, but the server may still refuse sessions (`the database system is starting up`,
 * SQLSTATE 57P03) on a loaded machine: probe with a session until it takes one (at most 10 s).
 */
export async function readyPostgres(scope: Scope): Promise<RealServer> {
  const server = await startServer(scope, "postgres");
  const pg = await load<Pg>("pg");
  const until = Date.now() + 10_000;
  for (;;) {
    const probe = new pg.Client({ ...USER, host: V4, port: server.port });
    probe.on("error", () => {});
    try {
      await probe.connect();
      await probe.query("select 1");
      return server;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "57P03" || Date.now() > until) throw error;
      await sleep(100);
    } finally {
      await probe.end().catch(() => {});
    }
  }
}

/** A pg.Pool (its `error` event swallowed), ended at the scope's close. */
async function pgPool(scope: Scope, config: PoolConfig): Promise<PgPool> {
  const pg = await load<Pg>("pg");
  const pool = new pg.Pool({ ...USER, ...config });
  pool.on("error", () => {});
  scope.defer(() => pool.end().catch(() => {}));
  return pool;
}

/** A pg client (its `error` event swallowed: the scenarios judge what the call rejected with), ended at the scope's close. */
async function pgClient(scope: Scope, config: ClientConfig): Promise<PgClient> {
  const pg = await load<Pg>("pg");
  const client = new pg.Client({ ...USER, ...config });
  client.on("error", () => {});
  scope.defer(() => client.end().catch(() => {}));
  return client;
}

/** pg's `Connection terminated unexpectedly`: the socket closed (a FIN), and pg kept nothing of where. */
const TERMINATED: Expectation = {
  kind: "ConnectionError",
  phase: null,
  requestSent: null,
  native: /^Error "Connection terminated unexpectedly"$/,
  why: "pg says `Connection terminated unexpectedly` whenever the socket closes (connecting or awaiting an answer): where it failed, and whether the query was sent, is lost",
};

/** pg's connectionTimeoutMillis ran out: `timeout expired` (pg's connect is TCP and the startup handshake; no query is sent before it ends). */
const CONNECT_TIMEOUT: Expectation = {
  kind: "TimeoutError",
  timeout: "connect",
  phase: "connect",
  requestSent: false,
  native: /^Error "timeout expired"$/,
};

/** Deno 2.2.15, 2.3.7, 2.4.4 and 2.5.7: pg's connect clock destroys the socket, and pg hears the close first (DENO22_CLOSE_FIRST). */
const DENO22_PG_CONNECT_TIMEOUT: Expectation = {
  kind: "ConnectionError",
  phase: null,
  requestSent: null,
  native: /^Error "Connection terminated unexpectedly"$/,
  why: `${DENO22_CLOSE_FIRST}: pg's connect clock destroys the socket with \`timeout expired\`, but pg sees the close first and says \`Connection terminated unexpectedly\`: the timeout is lost, and where it ran out`,
};

const RESET_READ: Expectation = { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, syscall: "read", phase: "receive", requestSent: true };

/** Bun 1.1's node:net loses a reset: it closes the socket without an 'error', and the client sees a close. */
export const bun11ResetLost = (client: string, says: string): Expectation => ({
  kind: "ConnectionError",
  phase: null,
  requestSent: null,
  why: `node:net closes the socket without an 'error' (the reset is lost): ${client} sees a close, and says ${says}`,
});

/** Bun 1.1's node:net reports a refused connect as `Failed to connect`, with no address and no port. */
export const BUN11_REFUSED: Expectation = {
  kind: "ConnectionRefusedError",
  code: "ECONNREFUSED",
  errno: 111,
  syscall: "connect",
  phase: "connect",
  requestSent: false,
  native: /^Error ECONNREFUSED connect$/,
  why: "Bun 1.1's node:net says only `Failed to connect`: no address, no port",
};

/** Bun 1.1's node:net reports a failed lookup as a refused connect (`Failed to connect`), with no hostname. */
export const BUN11_LOOKUP_AS_REFUSED: Expectation = {
  ...BUN11_REFUSED,
  why: "Bun 1.1's node:net reports a failed lookup as `Failed to connect`, ECONNREFUSED, with no hostname: the name failure is lost",
};

/** Deno 2.0's and Bun 1.1's node:net try one address of localhost only (no happy eyeballs). */
export const ONE_ADDRESS: Readonly<Record<"deno@2.0" | "bun@1.1", Expectation>> = {
  "deno@2.0": {
    kind: "ConnectionRefusedError",
    code: "ECONNREFUSED",
    errno: 111,
    syscall: "connect",
    phase: "connect",
    requestSent: false,
    knownFields: ["port"],
    native: /^Error ECONNREFUSED connect$/,
    why: "Deno 2.0's node:net tries one address only (no happy eyeballs): a plain ECONNREFUSED",
  },
  "bun@1.1": { ...BUN11_REFUSED, why: "Bun 1.1's node:net tries one address only (no happy eyeballs), and says `Failed to connect`: no address, no port" },
};

/** Deno 2.0's node:net lookup says ENOTFOUND for a name server that never answers. */
export const DENO20_SILENT_DNS: Expectation = {
  kind: "NameResolutionError",
  code: "ENOTFOUND",
  syscall: "getaddrinfo",
  phase: "resolve",
  requestSent: false,
  knownFields: ["hostname"],
  why: "Deno 2.0's node:net lookup says ENOTFOUND for a name server that never answers",
};

/** Bun 1.2.23 and 1.3.14: node:net's failed lookup is a DNSException that says getaddrinfo ENOTFOUND, but not the name. */
export const BUN12_NXDOMAIN: Expectation = {
  kind: "NameResolutionError",
  code: "ENOTFOUND",
  syscall: "getaddrinfo",
  phase: "resolve",
  requestSent: false,
  native: /^Error\[DNSException\] ENOTFOUND getaddrinfo$/,
  why: "node:net's lookup error (a DNSException) says `getaddrinfo ENOTFOUND` without the hostname",
};

/** Bun 1.2.23 and 1.3.14: node:net's lookup does not fail while the name server never answers. */
export const BUN12_DNS_SILENT: Expectation = {
  kind: "no error",
  why: "node:net's lookup does not fail within the scenario's wait when the name server never answers: no EAI_AGAIN, and the client waits on",
};

export const pgClients: readonly Scenario[] = [
  {
    id: "pg-refused",
    client: "pg",
    title: "pg Client.connect() to a closed port",
    expect: {
      default: { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect", phase: "connect", requestSent: false, knownFields: ["address", "port"] },
      "bun@1.1": BUN11_REFUSED,
    },
    async provoke(scope) {
      const port = await closedPort(V4);
      const client = await pgClient(scope, { host: V4, port });
      return { error: await rejection(client.connect()), known: { address: V4, port } };
    },
  },
  {
    id: "pg-refused-localhost-both",
    client: "pg",
    title: "pg Client.connect() to localhost (::1 and 127.0.0.1), both closed (a custom stream with happy eyeballs)",
    skip: noIPv6,
    expect: {
      default: { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect", phase: "connect", requestSent: false, knownFields: ["port"], errors: 2, native: /^AggregateError/ },
      ...ONE_ADDRESS,
    },
    async provoke(scope) {
      const port = await closedOnBoth();
      // pg connects its stream with connect(port, host): a stream of our own adds the lookup.
      class Eyeballs extends Socket {
        override connect(...args: unknown[]): this {
          const [p, host] = args as [number, string];
          return super.connect({ port: p, host, lookup: bothLocalhosts as never, autoSelectFamily: true } as SocketConnectOpts);
        }
      }
      const client = await pgClient(scope, { host: "localhost", port, stream: () => new Eyeballs() });
      return { error: await rejection(client.connect()), known: { port } };
    },
  },
  {
    id: "pg-connect-timeout",
    client: "pg",
    title: "pg Client.connect() (connectionTimeoutMillis 500) to a listener whose accept queue is full (namespace)",
    namespace: { sysctls: {}, budget: 15_000 },
    expect: { default: { ...CONNECT_TIMEOUT, why: "the SYN is never answered: pg's own clock, not the kernel's" }, "deno@2.2": DENO22_PG_CONNECT_TIMEOUT, "deno@2.3": DENO22_PG_CONNECT_TIMEOUT, "deno@2.4": DENO22_PG_CONNECT_TIMEOUT, "deno@2.5": DENO22_PG_CONNECT_TIMEOUT },
    async provoke(scope) {
      const port = await fullListener(scope);
      const client = await pgClient(scope, { host: V4, port, connectionTimeoutMillis: 500 });
      return { error: await rejection(client.connect(), 10_000) };
    },
  },
  {
    id: "pg-silent-connect-timeout",
    client: "pg",
    title: "pg Client.connect() (connectionTimeoutMillis 500) to a peer that accepts and never answers the startup message",
    expect: { default: { ...CONNECT_TIMEOUT, why: "connected, the startup message sent, never answered: pg's connect (TCP and handshake) ran out" }, "deno@2.2": DENO22_PG_CONNECT_TIMEOUT, "deno@2.3": DENO22_PG_CONNECT_TIMEOUT, "deno@2.4": DENO22_PG_CONNECT_TIMEOUT, "deno@2.5": DENO22_PG_CONNECT_TIMEOUT },
    async provoke(scope) {
      const port = await fakePostgres(scope, { after: "startup", then: "silent" });
      const client = await pgClient(scope, { host: V4, port, connectionTimeoutMillis: 500 });
      return { error: await rejection(client.connect(), 10_000) };
    },
  },
  {
    id: "pg-pool-connect-timeout",
    client: "pg",
    title: "pg Pool.connect() (connectionTimeoutMillis 500) to a peer that accepts and never answers the startup message",
    // pg-pool's own clock (set before the client's) destroys the socket, and wraps the client's
    // `Connection terminated unexpectedly` (its cause) in a text that says why.
    expect: {
      default: {
        ...CONNECT_TIMEOUT,
        native: /^Error "Connection terminated due to/,
        why: "connected, the startup message sent, never answered: pg-pool's connect clock ran out, and it says so",
      },
    },
    async provoke(scope) {
      const port = await fakePostgres(scope, { after: "startup", then: "silent" });
      const pool = await pgPool(scope, { host: V4, port, connectionTimeoutMillis: 500 });
      return { error: await rejection(pool.connect(), 10_000) };
    },
  },
  {
    id: "pg-pool-exhausted",
    client: "pg",
    title: "pg Pool.connect() (max 1, connectionTimeoutMillis 500) while its one client is checked out (not a network failure)",
    expect: {
      default: {
        kind: "unchanged",
        native: /^Error "timeout exceeded when trying to conn/,
        why: "pg-pool says `timeout exceeded when trying to connect` for a wait on its own queue (every client checked out): no connection was tried",
      },
    },
    async provoke(scope) {
      const port = await fakePostgres(scope, { after: "query", then: "silent" });
      const pool = await pgPool(scope, { host: V4, port, max: 1, connectionTimeoutMillis: 500 });
      const held = await pool.connect();
      scope.defer(() => held.release(true));
      return { error: await rejection(pool.connect(), 10_000) };
    },
  },
  {
    id: "pg-silent-query-timeout",
    client: "pg",
    title: "pg query (query_timeout 500) queued while connecting to a peer that never answers the startup message",
    // pg's query_timeout runs from the call, queued or sent: the clock of the whole call.
    expect: {
      default: {
        kind: "TimeoutError",
        timeout: "deadline",
        phase: null,
        requestSent: null,
        native: /^Error "Query read timeout"$/,
        why: "pg's query_timeout is a clock on the whole call, from query() on: it says `Query read timeout` for a query still queued (here: never sent) as for one sent",
      },
    },
    async provoke(scope) {
      const port = await fakePostgres(scope, { after: "startup", then: "silent" });
      const client = await pgClient(scope, { host: V4, port });
      client.connect().catch(() => {});
      return { error: await rejection(client.query({ text: "select 1", query_timeout: 500 } as never), 10_000) };
    },
  },
  {
    id: "pg-query-timeout",
    client: "pg",
    title: "pg query (select pg_sleep(30), query_timeout 500) on a real PostgreSQL server",
    skip: needs("postgres"),
    expect: {
      default: {
        kind: "TimeoutError",
        timeout: "deadline",
        phase: null,
        requestSent: null,
        native: /^Error "Query read timeout"$/,
        why: "the query was sent, but pg says `Query read timeout` for a queued query too: whether it was sent is lost",
      },
    },
    async provoke(scope) {
      const server = await readyPostgres(scope);
      const client = await pgClient(scope, { host: V4, port: server.port });
      await client.connect();
      return { error: await rejection(client.query({ text: "select pg_sleep(30)", query_timeout: 500 } as never), 10_000) };
    },
  },
  {
    id: "pg-statement-timeout",
    client: "pg",
    title: "pg query (select pg_sleep(30)) with statement_timeout 300 ms: the server cancels it (not a network failure)",
    skip: needs("postgres"),
    expect: {
      default: {
        kind: "unchanged",
        native: /57014/,
        why: "statement_timeout is the server's own clock: it cancels the statement and answers with its error (SQLSTATE 57014); the connection is sound",
      },
    },
    async provoke(scope) {
      const server = await readyPostgres(scope);
      const client = await pgClient(scope, { host: V4, port: server.port, statement_timeout: 300 });
      await client.connect();
      return { error: await rejection(client.query("select pg_sleep(30)"), 10_000) };
    },
  },
  {
    id: "pg-reset-during-startup",
    client: "pg",
    title: "pg Client.connect() to a peer that resets once the startup message arrived",
    expect: {
      default: { ...RESET_READ, why: "the startup message was sent; the reset met the read of its answer" },
      "bun@1.1": bun11ResetLost("pg", "`Connection terminated unexpectedly`"),
      "bun@1.2": bun11ResetLost("pg", "`Connection terminated unexpectedly`"),
      "bun@1.3": bun11ResetLost("pg", "`Connection terminated unexpectedly`"),
    },
    async provoke(scope) {
      const port = await fakePostgres(scope, { after: "startup", then: "reset" });
      const client = await pgClient(scope, { host: V4, port });
      return { error: await rejection(client.connect(), 10_000) };
    },
  },
  {
    id: "pg-fin-during-startup",
    client: "pg",
    title: "pg Client.connect() to a peer that closes (FIN) once the startup message arrived",
    expect: { default: TERMINATED },
    async provoke(scope) {
      const port = await fakePostgres(scope, { after: "startup", then: "end" });
      const client = await pgClient(scope, { host: V4, port });
      return { error: await rejection(client.connect(), 10_000) };
    },
  },
  {
    id: "pg-reset-mid-query",
    client: "pg",
    title: "pg query to a fake server that resets once the query arrived",
    expect: { default: RESET_READ, "bun@1.1": bun11ResetLost("pg", "`Connection terminated unexpectedly`"), "bun@1.2": bun11ResetLost("pg", "`Connection terminated unexpectedly`"), "bun@1.3": bun11ResetLost("pg", "`Connection terminated unexpectedly`") },
    async provoke(scope) {
      const port = await fakePostgres(scope, { after: "query", then: "reset" });
      const client = await pgClient(scope, { host: V4, port });
      await client.connect();
      return { error: await rejection(client.query("select 1"), 10_000) };
    },
  },
  {
    id: "pg-fin-mid-query",
    client: "pg",
    title: "pg query to a fake server that closes (FIN) once the query arrived",
    expect: { default: TERMINATED },
    async provoke(scope) {
      const port = await fakePostgres(scope, { after: "query", then: "end" });
      const client = await pgClient(scope, { host: V4, port });
      await client.connect();
      return { error: await rejection(client.query("select 1"), 10_000) };
    },
  },
  {
    id: "pg-backend-killed",
    client: "pg",
    title: "pg query while its PostgreSQL backend is killed (kill -9)",
    skip: needs("postgres"),
    expect: { default: TERMINATED },
    async provoke(scope) {
      const server = await readyPostgres(scope);
      const client = await pgClient(scope, { host: V4, port: server.port });
      await client.connect();
      const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
      const pending = client.query("select pg_sleep(30)");
      setTimeout(() => process.kill(rows[0]!.pid, "SIGKILL"), 300);
      return { error: await rejection(pending, 10_000) };
    },
  },
  {
    id: "pg-server-killed",
    client: "pg",
    title: "pg query while its PostgreSQL server (the postmaster) is killed (kill -9)",
    skip: needs("postgres"),
    expect: { default: TERMINATED },
    async provoke(scope) {
      const server = await readyPostgres(scope);
      const client = await pgClient(scope, { host: V4, port: server.port });
      await client.connect();
      const pending = client.query("select pg_sleep(30)");
      setTimeout(() => server.kill(), 300);
      return { error: await rejection(pending, 10_000) };
    },
  },
  {
    id: "pg-not-queryable",
    client: "pg",
    title: "pg query on a client whose backend was killed before (kill -9)",
    skip: needs("postgres"),
    // pg refuses the query before writing anything: the client knows its connection is gone.
    expect: { default: { kind: "NotConnectedError", phase: "send", requestSent: false, native: /^Error "Client has encountered a connection erro/ } },
    async provoke(scope) {
      const server = await readyPostgres(scope);
      const client = await pgClient(scope, { host: V4, port: server.port });
      await client.connect();
      const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
      const pending = client.query("select pg_sleep(30)");
      setTimeout(() => process.kill(rows[0]!.pid, "SIGKILL"), 300);
      await rejection(pending, 10_000);
      await sleep(50);
      return { error: await rejection(client.query("select 1"), 5000) };
    },
  },
  {
    id: "pg-nxdomain",
    client: "pg",
    title: "pg Client.connect() to a name the loopback name server answers NXDOMAIN (namespace)",
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
      const client = await pgClient(scope, { host: hostname, port: 5432 });
      return { error: await rejection(client.connect(), 10_000), known: { hostname } };
    },
  },
  {
    id: "pg-dns-silent",
    client: "pg",
    title: "pg Client.connect() to a name whose name server never answers (namespace, resolv.conf timeout 1 s)",
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
      const client = await pgClient(scope, { host: hostname, port: 5432 });
      return { error: await rejection(client.connect(), 10_000), known: { hostname } };
    },
  },
];
