/**
 * @module
 * mysql2 (its promise API) against loopback peers that fail before the server's greeting, and a
 * real MariaDB server of the scenario's own for the faults after it.
 */

import { spawnSync } from "node:child_process";
import { closedPort, peer, rejection, serveDns, sleep } from "../../peers.ts";
import { fullListener, ssKillUnavailable, V4 } from "../../provoke.ts";
import { startServer } from "../../servers.ts";
import type { Expectation, Scenario } from "../../types.ts";
import { DENO27_SILENT_DNS, load, needs } from "./kit.ts";
import { BUN12_NXDOMAIN } from "./pg.ts";

interface Connection {
  query(options: string | { sql: string; timeout?: number }): Promise<[unknown, unknown]>;
  end(): Promise<void>;
  destroy(): void;
  readonly threadId: number | null;
}
type Mysql2 = { createConnection(config: Record<string, unknown>): Promise<Connection> };

const mysql2 = (): Promise<Mysql2> => load<Mysql2>("mysql2/promise");

/** A connection that is closed at the scope's close, whatever happened to it. */
async function connectTo(scope: Parameters<Scenario["provoke"]>[0], config: Record<string, unknown>): Promise<Connection> {
  const connection = await (await mysql2()).createConnection({ user: "root", ...config });
  scope.defer(() => connection.destroy());
  return connection;
}

/** mysql2's connect that fails: its rejection (the connection, if any, is destroyed at close). */
async function failedConnect(config: Record<string, unknown>, ms = 10_000): Promise<unknown> {
  const pending = (await mysql2()).createConnection({ user: "root", ...config });
  pending.then((c) => c.destroy(), () => {});
  return await rejection(pending, ms, "a failed connect");
}

/** The connect clock: mysql2's own `connectTimeout`, which covers the TCP connect and the greeting alike. */
const CONNECT_TIMEOUT = {
  kind: "TimeoutError",
  code: "ETIMEDOUT",
  syscall: "connect",
  timeout: "connect",
  phase: "connect",
  requestSent: false,
  native: /^Error ETIMEDOUT connect$/,
} as const;

/** mysql2's own `PROTOCOL_CONNECTION_LOST`: the socket closed with no error (a FIN), wherever it was. */
const CONNECTION_LOST = {
  kind: "ConnectionError",
  code: "PROTOCOL_CONNECTION_LOST",
  phase: null,
  requestSent: null,
  native: /^Error PROTOCOL_CONNECTION_LOST$/,
} as const;

/** Bun 1.1's node:net: a name that does not resolve, reported as a refused connection (the query did go out). */
const LOOKUP_AS_REFUSED = {
  kind: "ConnectionRefusedError",
  code: "ECONNREFUSED",
  errno: 111,
  syscall: "connect",
  phase: "connect",
  requestSent: false,
  native: /^Error ECONNREFUSED connect$/,
  why: "node:net reports a failed lookup as `Failed to connect`, ECONNREFUSED, with no hostname (its DNS query went out: seen on the name server)",
} as const;

/** Bun 1.1's pin of mysql2-reset-before-greeting, which Bun 1.2 and 1.3 give too. */
const BUN11_MYSQL2_RESET_BEFORE_GREETING: Expectation = { ...CONNECTION_LOST, why: "node:net closes the socket without an 'error' (the reset is lost): mysql2 sees a close, and says PROTOCOL_CONNECTION_LOST" };

/** Bun 1.1's pin of mysql2-reset-mid-query, which Bun 1.2 and 1.3 give too. */
const BUN11_MYSQL2_RESET_MID_QUERY: Expectation = { ...CONNECTION_LOST, why: "node:net closes the socket without an 'error' (the reset is lost): mysql2 sees a close, and says PROTOCOL_CONNECTION_LOST" };

/** Bun 1.2.23 and 1.3.14: the lookup never fails, and mysql2's connectTimeout says connect ETIMEDOUT. */
const BUN12_MYSQL2_DNS_SILENT: Expectation = {
  kind: "TimeoutError",
  code: "ETIMEDOUT",
  errno: 110,
  syscall: "connect",
  timeout: "connect",
  phase: "connect",
  requestSent: false,
  native: /^Error ETIMEDOUT connect$/,
  why: "node:net's lookup never fails while the name server is silent; mysql2's connectTimeout (which covers the lookup) runs out and says `connect ETIMEDOUT`: that it was the name is lost",
};

export const mysql2Clients: readonly Scenario[] = [
  {
    id: "mysql2-refused",
    client: "mysql2",
    title: "mysql2 createConnection() to a closed port",
    // mysql2 hands on node:net's own error (and sets `fatal` on it).
    expect: {
      default: { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect", phase: "connect", requestSent: false, knownFields: ["address", "port"] },
      "bun@1.1": {
        kind: "ConnectionRefusedError",
        code: "ECONNREFUSED",
        errno: 111,
        syscall: "connect",
        phase: "connect",
        requestSent: false,
        why: "node:net's error says only `Failed to connect`: no address, no port",
      },
    },
    async provoke() {
      const port = await closedPort(V4);
      return { error: await failedConnect({ host: V4, port }), known: { address: V4, port } };
    },
  },
  {
    id: "mysql2-fin-before-greeting",
    client: "mysql2",
    title: "mysql2 createConnection() to a peer that closes (FIN) before the server's greeting",
    expect: {
      default: {
        ...CONNECTION_LOST,
        why: "mysql2 says PROTOCOL_CONNECTION_LOST for any close with no socket error: before the greeting as during a query, so where it failed is lost (nothing was sent: the server speaks first)",
      },
    },
    async provoke(scope) {
      const port = await peer(scope, { kind: "tcp", on: "connect", then: "end", delay: 50 });
      return { error: await failedConnect({ host: V4, port }) };
    },
  },
  {
    id: "mysql2-reset-before-greeting",
    client: "mysql2",
    title: "mysql2 createConnection() to a peer that resets (RST) before the server's greeting",
    expect: {
      default: {
        kind: "ConnectionResetError",
        code: "ECONNRESET",
        errno: 104,
        syscall: "read",
        phase: "receive",
        requestSent: true,
        why: "node:net's read error, handed on by mysql2 (with `fatal`): a failed read says the request was sent, yet nothing was (a MySQL server speaks first); core cannot tell",
      },
      "bun@1.1": BUN11_MYSQL2_RESET_BEFORE_GREETING,
      "bun@1.2": BUN11_MYSQL2_RESET_BEFORE_GREETING,
      "bun@1.3": BUN11_MYSQL2_RESET_BEFORE_GREETING,
    },
    async provoke(scope) {
      const port = await peer(scope, { kind: "tcp", on: "connect", then: "reset", delay: 50 });
      return { error: await failedConnect({ host: V4, port }) };
    },
  },
  {
    id: "mysql2-greeting-timeout",
    client: "mysql2",
    title: "mysql2 createConnection() (connectTimeout 500 ms) to a peer that accepts and never greets",
    expect: {
      default: {
        ...CONNECT_TIMEOUT,
        why: "mysql2's connectTimeout runs until the handshake ends; its error says `connect ETIMEDOUT` with a string `errorno`, whether the TCP connect or the greeting was late",
      },
    },
    async provoke(scope) {
      const { port } = await scope.server(() => {}, { host: V4 });
      return { error: await failedConnect({ host: V4, port, connectTimeout: 500 }) };
    },
  },
  {
    id: "mysql2-connect-timeout",
    client: "mysql2",
    title: "mysql2 createConnection() (connectTimeout 500 ms) to a listener whose accept queue is full (namespace)",
    namespace: { sysctls: {}, budget: 15_000 },
    expect: { default: { ...CONNECT_TIMEOUT, why: "mysql2's own connectTimeout: no address or port on its error" } },
    async provoke(scope) {
      const port = await fullListener(scope);
      return { error: await failedConnect({ host: V4, port, connectTimeout: 500 }) };
    },
  },
  {
    id: "mysql2-nxdomain",
    client: "mysql2",
    title: "mysql2 createConnection() to a name the loopback name server answers NXDOMAIN (namespace)",
    namespace: { sysctls: {}, budget: 20_000, resolver: true },
    expect: {
      default: { kind: "NameResolutionError", code: "ENOTFOUND", syscall: "getaddrinfo", phase: "resolve", requestSent: false, knownFields: ["hostname"] },
      "bun@1.1": LOOKUP_AS_REFUSED,
      "bun@1.2": BUN12_NXDOMAIN,
      "bun@1.3": BUN12_NXDOMAIN,
    },
    async provoke(scope) {
      await serveDns(scope, "nxdomain", 53);
      const hostname = "nx.neterr.test";
      return { error: await failedConnect({ host: hostname, port: 3306, connectTimeout: 8000 }), known: { hostname } };
    },
  },
  {
    id: "mysql2-dns-silent",
    client: "mysql2",
    title: "mysql2 createConnection() to a name whose name server never answers (namespace, resolv.conf timeout 1 s)",
    namespace: { sysctls: {}, budget: 20_000, resolver: true },
    // getaddrinfo's EAI_AGAIN says "try again" (SERVFAIL and silence alike), not that a clock ran out.
    expect: {
      default: { kind: "NameResolutionError", code: "EAI_AGAIN", syscall: "getaddrinfo", phase: "resolve", requestSent: false, knownFields: ["hostname"] },
      "deno@2.0": {
        kind: "NameResolutionError",
        code: "ENOTFOUND",
        syscall: "getaddrinfo",
        phase: "resolve",
        requestSent: false,
        knownFields: ["hostname"],
        why: "node:net's lookup says ENOTFOUND for a name server that never answers",
      },
      "deno@2.1": DENO27_SILENT_DNS,
      "deno@2.2": DENO27_SILENT_DNS,
      "deno@2.3": DENO27_SILENT_DNS,
      "deno@2.4": DENO27_SILENT_DNS,
      "deno@2.5": DENO27_SILENT_DNS,
      "deno@2.6": DENO27_SILENT_DNS,
      "deno@2.7": DENO27_SILENT_DNS,
      "bun@1.1": LOOKUP_AS_REFUSED,
      "bun@1.2": BUN12_MYSQL2_DNS_SILENT,
      "bun@1.3": BUN12_MYSQL2_DNS_SILENT,
    },
    async provoke(scope) {
      await serveDns(scope, "silent", 53);
      const hostname = "silent.neterr.test";
      return { error: await failedConnect({ host: hostname, port: 3306, connectTimeout: 8000 }), known: { hostname } };
    },
  },
  {
    id: "mysql2-server-killed",
    client: "mysql2",
    title: "mysql2 query (SELECT SLEEP(30)) while its MariaDB server is killed (kill -9)",
    skip: needs("mariadb"),
    expect: {
      default: {
        ...CONNECTION_LOST,
        why: "the killed server's socket closes with a FIN; mysql2 says PROTOCOL_CONNECTION_LOST, as before a greeting: where it failed (the query was sent) is lost",
      },
    },
    async provoke(scope) {
      const server = await startServer(scope, "mariadb");
      const connection = await connectTo(scope, { host: V4, port: server.port });
      const error = rejection(connection.query("SELECT SLEEP(30)"), 10_000);
      await sleep(300);
      server.kill();
      return { error: await error };
    },
  },
  {
    id: "mysql2-reset-mid-query",
    client: "mysql2",
    title: "mysql2 query (SELECT SLEEP(30)) whose connection the server's side resets (RST: ss -K of MariaDB's socket)",
    skip: async () => needs("mariadb")() ?? ssKillUnavailable(),
    // mysql2 hands on node:net's read error: the query was sent, the answer never came.
    expect: {
      default: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, syscall: "read", phase: "receive", requestSent: true },
      "bun@1.1": BUN11_MYSQL2_RESET_MID_QUERY,
      "bun@1.2": BUN11_MYSQL2_RESET_MID_QUERY,
      "bun@1.3": BUN11_MYSQL2_RESET_MID_QUERY,
    },
    async provoke(scope) {
      const server = await startServer(scope, "mariadb");
      const connection = await connectTo(scope, { host: V4, port: server.port });
      const error = rejection(connection.query("SELECT SLEEP(30)"), 10_000);
      await sleep(300);
      // The kernel aborts the server's end of every established connection to its port: a RST to us.
      const killed = spawnSync("ss", ["-K", "-t", "src", V4, "sport", "=", `:${server.port}`], { encoding: "utf8", timeout: 5000 });
      if (killed.status !== 0) throw new Error(`ss -K: ${killed.stderr || killed.error?.message}`);
      return { error: await error };
    },
  },
  {
    id: "mysql2-localhost-both",
    client: "mysql2",
    title: "mysql2 createConnection() to localhost with both addresses closed",
    skip: () => "mysql2 takes no lookup option (it calls net.connect(port, host)): localhost would be resolved by this machine's own /etc/hosts",
    expect: { default: { kind: "not testable", why: "mysql2 takes no lookup option" } },
    async provoke() {
      return {};
    },
  },
  {
    id: "mysql2-connection-killed",
    client: "mysql2",
    title: "mysql2 query (SELECT SLEEP(30)) whose connection is killed by KILL from a second connection (MariaDB)",
    skip: needs("mariadb"),
    expect: {
      default: {
        ...CONNECTION_LOST,
        why: "MariaDB closes the killed connection with no error packet; mysql2 says PROTOCOL_CONNECTION_LOST, as before a greeting: where it failed (the query was sent) is lost",
      },
    },
    async provoke(scope) {
      const server = await startServer(scope, "mariadb");
      const connection = await connectTo(scope, { host: V4, port: server.port });
      const killer = await connectTo(scope, { host: V4, port: server.port });
      // Watched from the start: the query fails before the KILL's own answer arrives.
      const error = rejection(connection.query("SELECT SLEEP(30)"), 10_000);
      await sleep(300);
      await killer.query(`KILL ${connection.threadId}`);
      return { error: await error };
    },
  },
  {
    id: "mysql2-query-after-close",
    client: "mysql2",
    title: "mysql2 query on a connection whose MariaDB server was killed before (kill -9)",
    skip: needs("mariadb"),
    // mysql2 refuses the query itself: a connection no longer connected, nothing sent.
    expect: { default: { kind: "NotConnectedError", phase: "send", requestSent: false, native: /^Error "Can't add new command/ } },
    async provoke(scope) {
      const server = await startServer(scope, "mariadb");
      const connection = await connectTo(scope, { host: V4, port: server.port });
      const lost = rejection(connection.query("SELECT SLEEP(30)"), 10_000, "the connection lost");
      await sleep(300);
      server.kill();
      await lost;
      return { error: await rejection(connection.query("SELECT 1")) };
    },
  },
  {
    id: "mysql2-user-destroy",
    client: "mysql2",
    title: "mysql2 query (SELECT SLEEP(30)) while the user destroys the connection (MariaDB)",
    skip: needs("mariadb"),
    // The user's own abort, which is no network failure; mysql2 reports nothing of it.
    expect: {
      default: {
        kind: "no error",
        why: "mysql2's destroy() only half-closes the socket (stream.end()) and rejects no pending query: it stays pending, or resolves if the server still answers",
      },
    },
    async provoke(scope) {
      const server = await startServer(scope, "mariadb");
      const connection = await connectTo(scope, { host: V4, port: server.port });
      const error = rejection(connection.query("SELECT SLEEP(30)"), 3000);
      await sleep(300);
      connection.destroy();
      return { error: await error };
    },
  },
  {
    id: "mysql2-query-timeout",
    client: "mysql2",
    title: "mysql2 query (SELECT SLEEP(30)) with its own timeout option (500 ms) (MariaDB)",
    skip: needs("mariadb"),
    expect: { default: { kind: "TimeoutError", code: "PROTOCOL_SEQUENCE_TIMEOUT", timeout: "deadline", phase: "receive", requestSent: true } },
    async provoke(scope) {
      const server = await startServer(scope, "mariadb");
      const connection = await connectTo(scope, { host: V4, port: server.port });
      return { error: await rejection(connection.query({ sql: "SELECT SLEEP(30)", timeout: 500 }), 10_000) };
    },
  },
];
