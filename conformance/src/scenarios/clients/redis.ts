/**
 * @module
 * redis (node-redis 6) driven into real faults: against a real Redis server of the scenario's
 * own (killed mid-BLPOP), and against loopback peers that refuse, reset, close, never answer, or
 * cannot be resolved. node-redis reconnects by default: every scenario says
 * `socket.reconnectStrategy: false` (or a strategy that gives up) so that the failure surfaces as
 * the rejection of `connect()` or of the command, and its title says which options.
 *
 * node-redis rejects with the socket error itself where there is one (ECONNREFUSED, ECONNRESET,
 * ENOTFOUND), and with its own classes otherwise (`SocketClosedUnexpectedlyError`,
 * `ConnectionTimeoutError`, `SocketTimeoutError`...), whose `name` is just `"Error"`. Its
 * `'error'` event carries the same error as the rejection (seen in every scenario): no better
 * hook there. It takes an AbortSignal per command (`withAbortSignal`), and a per-command
 * `timeout`; both act only while the command waits to be written (node-redis drops their
 * listeners when it writes the command).
 */

import type { RedisClientOptions, RedisClientType } from "redis";
import { closedPort, peer, rejection, serveDns, type Scope } from "../../peers.ts";
import { fullListener, noIPv6, V4, V6 } from "../../provoke.ts";
import { startServer } from "../../servers.ts";
import type { Expectation, Scenario } from "../../types.ts";
import { BUN11_NAME_AS_REFUSED, BUN11_NO_CONNECT_TIMER, BUN11_REFUSED, REFUSED } from "./ioredis.ts";
import { DENO22_CLOSE_FIRST, DENO27_SILENT_DNS, load, needs } from "./kit.ts";
import { BUN12_NXDOMAIN } from "./pg.ts";
import { createServer } from "node:net";

type NodeRedis = { createClient: (options: RedisClientOptions) => RedisClientType };

/**
 * A node-redis client (to 127.0.0.1 unless `socket.host` says otherwise), with
 * `reconnectStrategy: false` unless `socket` says otherwise; destroyed at the scope's close.
 * Every `'error'` event is listened to (node-redis emits the error it rejects with).
 */
async function client(scope: Scope, options: Readonly<Record<string, unknown>> & { socket: Readonly<Record<string, unknown>> }): Promise<RedisClientType> {
  const { createClient } = await load<NodeRedis>("redis");
  const redis = createClient({ ...options, socket: { host: V4, reconnectStrategy: false, ...options.socket } } as RedisClientOptions);
  redis.on("error", () => {});
  scope.defer(() => {
    try {
      redis.destroy();
    } catch {
      // never opened, or already closed
    }
  });
  return redis;
}

/** node-redis's `SocketClosedUnexpectedlyError`: the socket closed (FIN, RST on Bun 1.1, a killed server); when, and whether the command was sent, is lost. */
const CLOSED = (why: string): Expectation => ({ kind: "ConnectionError", phase: null, requestSent: null, native: /^SocketClosedUnexpectedlyError\[Error\] "Socket closed unexpectedly"$/, why });

const RESET: Expectation = { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, syscall: "read", phase: "receive", requestSent: true };
const BUN11_RESET_AS_CLOSED = CLOSED("Bun 1.1's node:net closes the socket without an 'error' on a reset: node-redis says only that it closed");

/** A peer (a Node process) that reads the first bytes, then does `then`, having written `write`. */
const peerPort = (scope: Scope, then: "reset" | "end", write?: string): Promise<number> =>
  peer(scope, { kind: "tcp", on: "data", then, ...(write === undefined ? {} : { write, delay: 50 }) });

/** No handshake of its own (RESP2: no HELLO; no CLIENT SETINFO, no CLIENT MAINT_NOTIFICATIONS): `connect()` resolves on the TCP connect, the first bytes are the user's command. */
const BARE = { RESP: 2, disableClientInfo: true, maintNotifications: "disabled" } as const;

/** The socket's idle timer (`socket.socketTimeout`): no byte within it, whatever was pending. */
const SOCKET_TIMEOUT: Expectation = {
  kind: "TimeoutError",
  timeout: "idle",
  phase: null,
  requestSent: null,
  native: /^SocketTimeoutError\[Error\] "Socket timeout timeout\. Expecting data/,
  why: "node-redis arms the socket's idle timer once connected, whether or not a command is pending: neither where the connection was nor whether a command was sent is said",
};

/** Deno 2.2.15, 2.3.7, 2.4.4 and 2.5.7: node-redis's socket clock destroys the socket, and node-redis hears the close first (DENO22_CLOSE_FIRST). */
const DENO22_SOCKET_TIMEOUT: Expectation = {
  kind: "ConnectionError",
  phase: null,
  requestSent: null,
  native: /^SocketClosedUnexpectedlyError\[Error\] "Socket closed unexpectedly"$/,
  why: `${DENO22_CLOSE_FIRST}: node-redis's socket clock destroys the socket, but node-redis sees the close first and says \`Socket closed unexpectedly\`: the timeout is lost`,
};

/** Bun 1.2.23 and 1.3.14: the lookup never fails, and node-redis's connectTimeout says only that it ran out. */
const BUN12_REDIS_DNS_SILENT: Expectation = {
  kind: "TimeoutError",
  timeout: "connect",
  phase: "connect",
  requestSent: false,
  native: /^ConnectionTimeoutError\[Error\] "Connection timeout"$/,
  why: "node:net's lookup never fails while the name server is silent; node-redis's connectTimeout (which covers the lookup) runs out: that it was the name is lost",
};

export const redisClients: readonly Scenario[] = [
  // ---- refused ----------------------------------------------------------------------------------
  {
    id: "redis-refused",
    client: "redis",
    title: "node-redis connect() to a closed port (socket.reconnectStrategy: false)",
    expect: { default: REFUSED, "bun@1.1": BUN11_REFUSED },
    async provoke(scope) {
      const port = await closedPort(V4);
      const redis = await client(scope, { socket: { port } });
      return { error: await rejection(redis.connect()), known: { address: V4, port } };
    },
  },
  {
    id: "redis-reconnect-strategy-error",
    client: "redis",
    title: "node-redis connect() to a closed port (socket.reconnectStrategy: () => new Error(\"stop\"))",
    // A ReconnectStrategyError whose text is the strategy's; it keeps the socket error in `socketError`.
    expect: { default: { ...REFUSED, native: /^ReconnectStrategyError\[Error\] "stop"$/ }, "bun@1.1": { ...BUN11_REFUSED, native: /^ReconnectStrategyError\[Error\] "stop"$/ } },
    async provoke(scope) {
      const port = await closedPort(V4);
      const redis = await client(scope, { socket: { port, reconnectStrategy: () => new Error("stop") } });
      return { error: await rejection(redis.connect()), known: { address: V4, port } };
    },
  },
  {
    id: "redis-closed-after-failure",
    client: "redis",
    title: "node-redis GET after connect() to a closed port failed (socket.reconnectStrategy: false)",
    // The client gave up on its connection: the command was refused before it was written.
    expect: { default: { kind: "NotConnectedError", phase: null, requestSent: false, native: /^ClientClosedError\[Error\] "The client is closed"$/ } },
    async provoke(scope) {
      const port = await closedPort(V4);
      const redis = await client(scope, { socket: { port } });
      await redis.connect().catch(() => {});
      return { error: await rejection(redis.get("k")) };
    },
  },
  {
    id: "redis-offline",
    client: "redis",
    title: "node-redis GET while connecting to a peer that never answers (disableOfflineQueue: true, socket.reconnectStrategy: false)",
    // Not connected yet, and told not to queue: refused before it was written.
    expect: { default: { kind: "NotConnectedError", phase: null, requestSent: false, native: /^ClientOfflineError\[Error\] "The client is offline"$/ } },
    async provoke(scope) {
      const { port } = await scope.server(() => {}, { host: V4 });
      const redis = await client(scope, { disableOfflineQueue: true, socket: { port } });
      redis.connect().catch(() => {});
      return { error: await rejection(redis.get("k")) };
    },
  },
  {
    id: "redis-localhost-both",
    client: "redis",
    title: "node-redis connect() to localhost with two addresses (::1, 127.0.0.1), both closed (socket.lookup, socket.autoSelectFamily: true, socket.reconnectStrategy: false)",
    skip: noIPv6,
    expect: {
      default: { ...REFUSED, knownFields: ["port"], errors: 2, native: /^AggregateError\(2\) ECONNREFUSED/ },
      "deno@2.0": { ...REFUSED, knownFields: ["port"], native: /^Error ECONNREFUSED connect$/, why: "Deno 2.0's node:net tries one address only (no happy eyeballs): a plain ECONNREFUSED" },
      "bun@1.1": { ...BUN11_REFUSED, why: `Bun 1.1's node:net tries one address only, and says "Failed to connect"` },
    },
    async provoke(scope) {
      // Both families on one port number: find one that is closed on both.
      let port = 0;
      for (let i = 0; i < 20 && port === 0; i++) {
        const candidate = await closedPort(V4);
        const probe = createServer();
        const free = await new Promise<boolean>((resolve) => {
          probe.once("error", () => resolve(false));
          probe.listen(candidate, V6, () => probe.close(() => resolve(true)));
        });
        if (free) port = candidate;
      }
      // The lookup answers like /etc/hosts with both entries would, without asking any resolver.
      const lookup = (_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void): void => {
        const all = [
          { address: V6, family: 6 },
          { address: V4, family: 4 },
        ];
        if (options.all) callback(null, all);
        else callback(null, V6, 6);
      };
      const redis = await client(scope, { socket: { host: "localhost", port, lookup: lookup as never, autoSelectFamily: true } });
      return { error: await rejection(redis.connect()), known: { port } };
    },
  },

  // ---- timeouts -----------------------------------------------------------------------------------
  {
    id: "redis-connect-timeout",
    client: "redis",
    title: "node-redis connect() to a listener whose accept queue is full (namespace; socket.connectTimeout: 300, socket.reconnectStrategy: false)",
    namespace: { sysctls: {}, budget: 15_000 },
    expect: {
      // node-redis's connect timer ran out before the TCP connect completed.
      default: { kind: "TimeoutError", timeout: "connect", phase: "connect", requestSent: false, native: /^ConnectionTimeoutError\[Error\] "Connection timeout"$/ },
      "bun@1.1": { kind: "no error", why: BUN11_NO_CONNECT_TIMER },
    },
    async provoke(scope) {
      const port = await fullListener(scope);
      const redis = await client(scope, { socket: { port, connectTimeout: 300 } });
      return { error: await rejection(redis.connect()) };
    },
  },
  {
    id: "redis-silent-connect-timeout",
    client: "redis",
    title: "node-redis connect() to a peer that accepts and never answers (socket.connectTimeout: 300, socket.reconnectStrategy: false)",
    expect: { default: { kind: "no error", why: "connectTimeout covers the TCP connect only: once accepted, connect() waits for the handshake's replies for ever" } },
    async provoke(scope) {
      const { port } = await scope.server(() => {}, { host: V4 });
      const redis = await client(scope, { socket: { port, connectTimeout: 300 } });
      return { error: await rejection(redis.connect(), 1500, "no rejection: connectTimeout does not cover the handshake") };
    },
  },
  {
    id: "redis-silent-socket-timeout",
    client: "redis",
    title: "node-redis connect() to a peer that accepts and never answers (socket.connectTimeout: 300, socket.socketTimeout: 400, socket.reconnectStrategy: false)",
    expect: { default: SOCKET_TIMEOUT, "deno@2.2": DENO22_SOCKET_TIMEOUT, "deno@2.3": DENO22_SOCKET_TIMEOUT, "deno@2.4": DENO22_SOCKET_TIMEOUT, "deno@2.5": DENO22_SOCKET_TIMEOUT },
    async provoke(scope) {
      const { port } = await scope.server(() => {}, { host: V4 });
      const redis = await client(scope, { socket: { port, connectTimeout: 300, socketTimeout: 400 } });
      return { error: await rejection(redis.connect()) };
    },
  },
  {
    id: "redis-socket-timeout",
    client: "redis",
    title: "node-redis BLPOP to a real Redis server with nothing to pop (socket.socketTimeout: 400, socket.reconnectStrategy: false)",
    skip: needs("redis"),
    expect: { default: SOCKET_TIMEOUT },
    async provoke(scope) {
      const server = await startServer(scope, "redis");
      const redis = await client(scope, { socket: { port: server.port, socketTimeout: 400 } });
      await redis.connect();
      return { error: await rejection(redis.blPop("neterr-empty", 0)) };
    },
  },
  {
    id: "redis-command-timeout",
    client: "redis",
    title: "node-redis GET with a command timeout while connecting to a listener whose accept queue is full (namespace; withCommandOptions({ timeout: 400 }), socket.connectTimeout: 5000)",
    namespace: { sysctls: {}, budget: 15_000 },
    expect: {
      // The command waited to be written (the connect hangs) when its clock ran out.
      default: {
        kind: "TimeoutError",
        timeout: "deadline",
        phase: null,
        requestSent: false,
        native: /^TimeoutError\[Error\]/,
        why: "node-redis's own TimeoutError (name \"Error\"; no message in 6.3.1, \"Command timed out after N ms waiting to be sent\" in 6.4.0) is told by its constructor's name alone; its timer runs only until the command is written, so nothing was sent, but where it waited is not said",
      },
    },
    async provoke(scope) {
      const port = await fullListener(scope);
      const redis = await client(scope, { socket: { port, connectTimeout: 5000 } });
      redis.connect().catch(() => {});
      return { error: await rejection(redis.withCommandOptions({ timeout: 400 }).get("k")) };
    },
  },
  {
    id: "redis-abort-timeout",
    client: "redis",
    title: "node-redis GET with AbortSignal.timeout(400) while connecting to a listener whose accept queue is full (namespace; withAbortSignal, socket.connectTimeout: 5000)",
    namespace: { sysctls: {}, budget: 15_000 },
    expect: {
      default: {
        kind: "unchanged",
        native: /^AbortError\[Error\] "The command was aborted"$/,
        why: "node-redis rejects with its own AbortError and drops the signal's reason: a deadline cannot be told from the user's own abort",
      },
    },
    async provoke(scope) {
      const port = await fullListener(scope);
      const redis = await client(scope, { socket: { port, connectTimeout: 5000 } });
      redis.connect().catch(() => {});
      return { error: await rejection(redis.withAbortSignal(AbortSignal.timeout(400)).get("k")) };
    },
  },
  {
    id: "redis-user-abort",
    client: "redis",
    title: "node-redis GET aborted by the user's AbortController while connecting to a listener whose accept queue is full (namespace; withAbortSignal)",
    namespace: { sysctls: {}, budget: 15_000 },
    expect: { default: { kind: "unchanged", native: /^AbortError\[Error\] "The command was aborted"$/ } },
    async provoke(scope) {
      const port = await fullListener(scope);
      const redis = await client(scope, { socket: { port, connectTimeout: 5000 } });
      redis.connect().catch(() => {});
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      return { error: await rejection(redis.withAbortSignal(controller.signal).get("k")) };
    },
  },

  // ---- the peer goes away ---------------------------------------------------------------------------
  {
    id: "redis-reset-handshake",
    client: "redis",
    title: "node-redis connect() whose handshake (HELLO 3, CLIENT SETINFO) is answered with a reset (RST) (socket.reconnectStrategy: false)",
    expect: { default: RESET, "bun@1.1": BUN11_RESET_AS_CLOSED, "bun@1.2": BUN11_RESET_AS_CLOSED, "bun@1.3": BUN11_RESET_AS_CLOSED },
    async provoke(scope) {
      const port = await peerPort(scope, "reset");
      const redis = await client(scope, { socket: { port } });
      return { error: await rejection(redis.connect()) };
    },
  },
  {
    id: "redis-reset",
    client: "redis",
    title: "node-redis GET answered with a reset (RST) (RESP: 2, disableClientInfo: true, maintNotifications: disabled: no handshake; socket.reconnectStrategy: false)",
    expect: { default: RESET, "bun@1.1": BUN11_RESET_AS_CLOSED, "bun@1.2": BUN11_RESET_AS_CLOSED, "bun@1.3": BUN11_RESET_AS_CLOSED },
    async provoke(scope) {
      const port = await peerPort(scope, "reset");
      const redis = await client(scope, { ...BARE, socket: { port } });
      await redis.connect();
      return { error: await rejection(redis.get("k")) };
    },
  },
  {
    id: "redis-fin-before-reply",
    client: "redis",
    title: "node-redis GET answered with a FIN and no reply (RESP: 2, disableClientInfo: true, maintNotifications: disabled: no handshake; socket.reconnectStrategy: false)",
    expect: { default: CLOSED("node-redis says only that the socket closed: not when, nor that the command was sent") },
    async provoke(scope) {
      const port = await peerPort(scope, "end");
      const redis = await client(scope, { ...BARE, socket: { port } });
      await redis.connect();
      return { error: await rejection(redis.get("k")) };
    },
  },
  {
    id: "redis-fin-mid-reply",
    client: "redis",
    title: "node-redis GET answered with half a reply, then a FIN (RESP: 2, disableClientInfo: true, maintNotifications: disabled: no handshake; socket.reconnectStrategy: false)",
    expect: { default: CLOSED("node-redis says only that the socket closed: the half reply it read is dropped") },
    async provoke(scope) {
      const port = await peerPort(scope, "end", "$10\r\nabc");
      const redis = await client(scope, { ...BARE, socket: { port } });
      await redis.connect();
      return { error: await rejection(redis.get("k")) };
    },
  },
  {
    id: "redis-server-killed",
    client: "redis",
    title: "node-redis BLPOP while its Redis server is killed (kill -9) (socket.reconnectStrategy: false)",
    skip: needs("redis"),
    expect: { default: CLOSED("the kernel closed the dead server's socket with a FIN: node-redis says only that the socket closed") },
    async provoke(scope) {
      const server = await startServer(scope, "redis");
      const redis = await client(scope, { socket: { port: server.port } });
      await redis.connect();
      const pending = redis.blPop("neterr-empty", 0);
      setTimeout(() => server.kill(), 200);
      return { error: await rejection(pending, 10_000) };
    },
  },

  // ---- names ----------------------------------------------------------------------------------------
  ...(
    [
      ["redis-nxdomain", "nxdomain", "a name the name server says does not exist (NXDOMAIN)", "ENOTFOUND"],
      ["redis-dns-silent", "silent", "a name whose name server never answers", "EAI_AGAIN"],
    ] as const
  ).map(
    ([id, mode, what, code]): Scenario => ({
      id,
      client: "redis",
      title: `node-redis connect() to ${what} (namespace with resolver; socket.reconnectStrategy: false)`,
      namespace: { sysctls: {}, budget: 20_000, resolver: true },
      expect: {
        default: { kind: "NameResolutionError", code, syscall: "getaddrinfo", phase: "resolve", requestSent: false, knownFields: ["hostname"] },
        "bun@1.1": BUN11_NAME_AS_REFUSED,
        "bun@1.2": mode === "silent" ? BUN12_REDIS_DNS_SILENT : BUN12_NXDOMAIN,
        "bun@1.3": mode === "silent" ? BUN12_REDIS_DNS_SILENT : BUN12_NXDOMAIN,
        ...(mode === "silent"
          ? {
              "deno@2.0": {
                kind: "NameResolutionError",
                code: "ENOTFOUND",
                syscall: "getaddrinfo",
                phase: "resolve",
                requestSent: false,
                knownFields: ["hostname"],
                why: "Deno 2.0's node:dns lookup says ENOTFOUND when the name server never answers: that it was a timeout is lost",
              } satisfies Expectation,
              "deno@2.1": DENO27_SILENT_DNS,
              "deno@2.2": DENO27_SILENT_DNS,
              "deno@2.3": DENO27_SILENT_DNS,
              "deno@2.4": DENO27_SILENT_DNS,
              "deno@2.5": DENO27_SILENT_DNS,
              "deno@2.6": DENO27_SILENT_DNS,
              "deno@2.7": DENO27_SILENT_DNS,
            }
          : {}),
      },
      async provoke(scope) {
        await serveDns(scope, mode, 53);
        const hostname = `${mode}.neterr.test`;
        const redis = await client(scope, { socket: { host: hostname, port: 6379 } });
        return { error: await rejection(redis.connect(), 8000), known: { hostname } };
      },
    }),
  ),
];
