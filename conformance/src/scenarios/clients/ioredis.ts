/**
 * @module
 * ioredis 6 driven into real faults: against a real Redis server of the scenario's own (killed
 * mid-BLPOP), and against loopback peers that refuse, reset, close, never answer, or cannot be
 * resolved. ioredis reconnects by default and queues commands while offline: every scenario turns
 * that off (`retryStrategy: () => null`, or `maxRetriesPerRequest: 0`) so that the failure
 * surfaces as a rejection, and its title says which options.
 *
 * What the user holds is the rejection of `connect()` or of the command. ioredis replaces the
 * socket error with its own `Connection is closed.` (or `MaxRetriesPerRequestError`) and keeps
 * the socket error nowhere on it: it emits it, untouched, as the client's `'error'` event. Each
 * fault therefore has two rows: the rejection (what ioredis kept), and the `'error'` event (the
 * better hook, which neterr maps with all the socket's fields).
 */

import type { Redis as IORedisClient, RedisOptions } from "ioredis";
import { closedPort, peer, rejection, serveDns, Silence, type Scope } from "../../peers.ts";
import { fullListener, V4 } from "../../provoke.ts";
import { startServer } from "../../servers.ts";
import type { Expectation, Expectations, Known, Provoked, Scenario } from "../../types.ts";
import { DENO22_CLOSE_FIRST, DENO27_SILENT_DNS, load, needs } from "./kit.ts";
import { BUN12_DNS_SILENT, BUN12_NXDOMAIN } from "./pg.ts";

type IORedis = new (options: RedisOptions) => IORedisClient;

/** The options of every scenario: no reconnection, so the failure surfaces; connect when asked. */
const FAIL_FAST = { lazyConnect: true, retryStrategy: () => null } as const;
/** ...and no handshake of its own: the first bytes on the wire are the user's command. */
const BARE = { ...FAIL_FAST, protocol: 2, enableReadyCheck: false, disableClientInfo: true } as const;

/** ioredis's `Connection is closed.`: which failure closed it, and when, is lost. */
const CLOSED = (why: string): Expectation => ({ kind: "ConnectionError", phase: null, requestSent: null, native: /^Error "Connection is closed\."$/, why });

/**
 * A client of `options` (to 127.0.0.1:`port`, or to `host`), closed at the scope's close, and the
 * first error it emits as its `'error'` event (listened to from the start).
 */
async function client(scope: Scope, options: RedisOptions): Promise<{ redis: IORedisClient; event: Promise<unknown> }> {
  const Redis = await load<IORedis>("ioredis");
  const redis = new Redis({ host: V4, ...options });
  let first: ((e: unknown) => void) | undefined;
  const event = new Promise<unknown>((resolve) => (first = resolve));
  redis.on("error", (e: unknown) => first?.(e)); // every later one too: none may go unhandled
  scope.defer(() => redis.disconnect());
  return { redis, event };
}

/** The first `'error'` event within `ms`, or {@link Silence}. */
async function within(event: Promise<unknown>, ms: number, what: string): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const silence = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Silence(`no 'error' event within ${ms} ms: expected ${what}`)), ms);
  });
  try {
    return await Promise.race([event, silence]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One fault, two rows: `ioredis-ID` (the rejection of `act`) and `ioredis-ID-event` (the first
 * `'error'` event the client emitted meanwhile).
 */
function fault(spec: {
  id: string;
  title: string;
  options: RedisOptions;
  /** The peer (a port on 127.0.0.1), or a host name to resolve. */
  target: (scope: Scope) => Promise<{ port: number; host?: string; known?: Known }>;
  act: (redis: IORedisClient) => Promise<unknown>;
  rejects: Expectations;
  emits: Expectations;
  skip?: Scenario["skip"];
  namespace?: Scenario["namespace"];
  /** How long to wait for the rejection (and then the event). */
  ms?: number;
}): Scenario[] {
  const run = async (scope: Scope, which: "rejection" | "event"): Promise<Provoked> => {
    const { port, host, known } = await spec.target(scope);
    const { redis, event } = await client(scope, { ...spec.options, port, ...(host === undefined ? {} : { host }) });
    const pending = spec.act(redis);
    const rejected = rejection(pending, spec.ms ?? 5000);
    if (which === "rejection") return { error: await rejected, known };
    await rejected.catch(() => {});
    return { error: await within(event, 1000, "the socket's error"), known };
  };
  const common = { client: "ioredis", skip: spec.skip, namespace: spec.namespace };
  return [
    { ...common, id: `ioredis-${spec.id}`, title: `ioredis ${spec.title}`, expect: spec.rejects, provoke: (scope) => run(scope, "rejection") },
    {
      ...common,
      id: `ioredis-${spec.id}-event`,
      title: `ioredis ${spec.title}: the client's 'error' event`,
      expect: spec.emits,
      provoke: (scope) => run(scope, "event"),
    },
  ];
}

/** Deno 2.2.15, 2.3.7, 2.4.4 and 2.5.7: ioredis's socket clock destroys the socket, and ioredis hears the close first (DENO22_CLOSE_FIRST). */
const DENO22_IOREDIS_SOCKET_TIMEOUT: Expectation = {
  kind: "no error",
  why: `${DENO22_CLOSE_FIRST}: ioredis's socketTimeout destroys the socket with its \`Socket timeout\` error, but ioredis sees the close first, and no 'error' event comes (within 1 s): the timeout is lost`,
};

export const REFUSED: Expectation = {
  kind: "ConnectionRefusedError",
  code: "ECONNREFUSED",
  errno: 111,
  syscall: "connect",
  phase: "connect",
  requestSent: false,
  knownFields: ["address", "port"],
};
export const BUN11_REFUSED: Expectation = {
  ...REFUSED,
  knownFields: [],
  why: `Bun 1.1's node:net says "Failed to connect" (errno 1), with no address or port`,
};
/** Bun 1.1's node:net: a name that does not resolve is reported as a refused connection. */
export const BUN11_NAME_AS_REFUSED: Expectation = {
  kind: "ConnectionRefusedError",
  code: "ECONNREFUSED",
  errno: 111,
  syscall: "connect",
  phase: "connect",
  requestSent: false,
  native: /^Error ECONNREFUSED connect$/,
  why: `Bun 1.1's node:net reports a failed lookup as "Failed to connect", code ECONNREFUSED: the resolver's answer is lost`,
};
/** Bun 1.1's node:net never fires a socket's 'timeout' while it connects: ioredis's and node-redis's connect timers are socket timeouts. */
export const BUN11_NO_CONNECT_TIMER = "Bun 1.1's node:net never fires the socket's 'timeout' while connecting, and the client's connect timer is that timeout: nothing within the scenario's bound";
const closedTarget = async (): Promise<{ port: number; known: Known }> => {
  const port = await closedPort(V4);
  return { port, known: { address: V4, port } };
};
/** A peer (a Node process) that reads the first bytes, then does `then`, having written `write`. */
const peerTarget =
  (then: "reset" | "end", write?: string) =>
  async (scope: Scope): Promise<{ port: number }> => ({
    port: await peer(scope, { kind: "tcp", on: "data", then, ...(write === undefined ? {} : { write, delay: 50 }) }),
  });

/** Why ioredis cannot be pointed at a localhost with two closed addresses here. */
const LOCALHOST_WHY =
  "ioredis 6 passes only host, port and family to net.createConnection (StandaloneConnector): it takes no custom lookup, so localhost's two addresses cannot be given without the machine's own resolver";

/** ioredis takes no signal: a command cannot be aborted, only timed out (commandTimeout) or disconnected. */
const NO_SIGNAL_WHY = "ioredis 6 takes no AbortSignal: a command can only time out (commandTimeout) or be dropped with the connection (disconnect())";

/** Bun 1.1.45 to 1.3.14: a reset ends the socket with no 'error', so ioredis emits none either. */
const BUN_RESET_NO_EVENT: Expectation = { kind: "no error", why: "Bun's node:net (1.1 to 1.3) closes the socket without an 'error' on a reset: ioredis emits nothing" };

export const ioredisClients: readonly Scenario[] = [
  // ---- refused ----------------------------------------------------------------------------------
  ...fault({
    id: "refused",
    title: "connect() to a closed port (retryStrategy: () => null)",
    options: FAIL_FAST,
    target: closedTarget,
    act: (redis) => redis.connect(),
    rejects: { default: CLOSED("ioredis rejects with its own text and keeps the ECONNREFUSED only in its 'error' event") },
    emits: { default: REFUSED, "bun@1.1": BUN11_REFUSED },
  }),
  {
    id: "ioredis-refused-max-retries",
    client: "ioredis",
    title: "ioredis GET to a closed port (maxRetriesPerRequest: 0, default retryStrategy: it keeps reconnecting)",
    expect: {
      default: {
        kind: "ConnectionError",
        phase: null,
        requestSent: null,
        native: /^MaxRetriesPerRequestError "Reached the max retries per request/,
        why: "ioredis flushes the command when a connection attempt failed and says only that it gave up: the ECONNREFUSED is in its 'error' event",
      },
    },
    async provoke(scope) {
      const port = await closedPort(V4);
      const { redis } = await client(scope, { port, maxRetriesPerRequest: 0 });
      return { error: await rejection(redis.get("k")) };
    },
  },
  {
    id: "ioredis-offline-queue-off",
    client: "ioredis",
    title: "ioredis GET before the connection is up (enableOfflineQueue: false, connecting to a closed port)",
    expect: {
      // ioredis refuses to queue the command: it was never written, the client was not connected.
      default: { kind: "NotConnectedError", phase: null, requestSent: false, native: /^Error "Stream isn't writeable and enableOfflin/ },
    },
    async provoke(scope) {
      const port = await closedPort(V4);
      const { redis } = await client(scope, { port, retryStrategy: () => null, enableOfflineQueue: false });
      return { error: await rejection(redis.get("k")) };
    },
  },

  {
    id: "ioredis-localhost-both",
    client: "ioredis",
    title: "ioredis connect() to localhost with two addresses (::1, 127.0.0.1), both closed",
    skip: () => LOCALHOST_WHY,
    expect: { default: { kind: "not testable", why: LOCALHOST_WHY } },
    provoke: () => Promise.reject(new Error(LOCALHOST_WHY)),
  },

  {
    id: "ioredis-user-abort",
    client: "ioredis",
    title: "ioredis command aborted by the user's AbortController, or AbortSignal.timeout()",
    skip: () => NO_SIGNAL_WHY,
    expect: { default: { kind: "not testable", why: NO_SIGNAL_WHY } },
    provoke: () => Promise.reject(new Error(NO_SIGNAL_WHY)),
  },

  // ---- timeouts -----------------------------------------------------------------------------------
  ...fault({
    id: "connect-timeout",
    title: "connect() to a listener whose accept queue is full (namespace; connectTimeout: 300, retryStrategy: () => null)",
    namespace: { sysctls: {}, budget: 15_000 },
    options: { ...FAIL_FAST, connectTimeout: 300 },
    target: async (scope) => ({ port: await fullListener(scope) }),
    act: (redis) => redis.connect(),
    rejects: { default: CLOSED("ioredis rejects with its own text; its 'error' event says connect ETIMEDOUT"), "bun@1.1": { kind: "no error", why: BUN11_NO_CONNECT_TIMER } },
    emits: {
      "bun@1.1": { kind: "no error", why: BUN11_NO_CONNECT_TIMER },
      // ioredis's own Error("connect ETIMEDOUT"), code ETIMEDOUT, syscall connect: its connect timer.
      default: { kind: "TimeoutError", code: "ETIMEDOUT", errno: 110, syscall: "connect", timeout: "connect", phase: "connect", requestSent: false, native: /^Error ETIMEDOUT connect$/ },
    },
  }),
  {
    id: "ioredis-silent-connect-timeout",
    client: "ioredis",
    title: "ioredis connect() to a peer that accepts and never answers (connectTimeout: 300, retryStrategy: () => null)",
    expect: {
      default: {
        kind: "no error",
        why: "connectTimeout covers the TCP connect only: once accepted, connect() waits for the handshake's replies for ever",
      },
    },
    async provoke(scope) {
      const { port } = await scope.server(() => {}, { host: V4 });
      const { redis } = await client(scope, { ...FAIL_FAST, port, connectTimeout: 300 });
      return { error: await rejection(redis.connect(), 1500, "no rejection: connectTimeout does not cover the handshake") };
    },
  },
  {
    id: "ioredis-command-timeout",
    client: "ioredis",
    title: "ioredis GET to a peer that accepts and never answers (commandTimeout: 400, retryStrategy: () => null)",
    expect: {
      default: {
        kind: "TimeoutError",
        timeout: "deadline",
        phase: null,
        requestSent: null,
        native: /^Error "Command timed out"$/,
        why: "commandTimeout runs from the call: the command may still wait in the offline queue (here, behind the unanswered handshake) or for its reply",
      },
    },
    async provoke(scope) {
      const { port } = await scope.server(() => {}, { host: V4 });
      const { redis } = await client(scope, { port, retryStrategy: () => null, commandTimeout: 400 });
      return { error: await rejection(redis.get("k")) };
    },
  },
  ...fault({
    id: "socket-timeout",
    title: "BLPOP to a real Redis server with nothing to pop (socketTimeout: 400, retryStrategy: () => null)",
    skip: needs("redis"),
    options: { ...FAIL_FAST, socketTimeout: 400 },
    target: async (scope) => ({ port: (await startServer(scope, "redis")).port }),
    act: async (redis) => {
      await redis.connect();
      return redis.blpop("neterr-empty", 0);
    },
    rejects: { default: CLOSED("ioredis closes the socket on its socketTimeout and rejects with its own text; its 'error' event says which clock") },
    emits: {
      // ioredis's socket timer: no byte came back within 400 ms while a reply was awaited.
      default: { kind: "TimeoutError", timeout: "idle", phase: "receive", requestSent: true, native: /^Error "Socket timeout\. Expecting data, but did/ },
      "deno@2.2": DENO22_IOREDIS_SOCKET_TIMEOUT,
      "deno@2.3": DENO22_IOREDIS_SOCKET_TIMEOUT,
      "deno@2.4": DENO22_IOREDIS_SOCKET_TIMEOUT,
      "deno@2.5": DENO22_IOREDIS_SOCKET_TIMEOUT,
    },
  }),

  // ---- the peer goes away mid-command ------------------------------------------------------------------
  ...fault({
    id: "reset",
    title: "GET answered with a reset (RST) (protocol: 2, enableReadyCheck: false, disableClientInfo: true: no handshake; retryStrategy: () => null)",
    options: BARE,
    target: peerTarget("reset"),
    act: async (redis) => {
      await redis.connect();
      return redis.get("k");
    },
    rejects: { default: CLOSED("ioredis rejects with its own text and keeps the ECONNRESET only in its 'error' event") },
    emits: {
      default: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, syscall: "read", phase: "receive", requestSent: true },
      "bun@1.1": BUN_RESET_NO_EVENT,
      "bun@1.2": BUN_RESET_NO_EVENT,
      "bun@1.3": BUN_RESET_NO_EVENT,
    },
  }),
  ...fault({
    id: "fin-before-reply",
    title: "GET answered with a FIN and no reply (protocol: 2, enableReadyCheck: false, disableClientInfo: true: no handshake; retryStrategy: () => null)",
    options: BARE,
    target: peerTarget("end"),
    act: async (redis) => {
      await redis.connect();
      return redis.get("k");
    },
    rejects: { default: CLOSED("ioredis rejects with its own text: a FIN is no socket error, and nothing says the command was sent") },
    emits: { default: { kind: "no error", why: "a FIN is no socket error: ioredis emits nothing" } },
  }),
  {
    id: "ioredis-fin-mid-reply",
    client: "ioredis",
    title: "ioredis GET answered with half a reply, then a FIN (protocol: 2, enableReadyCheck: false, disableClientInfo: true: no handshake; retryStrategy: () => null)",
    expect: { default: CLOSED("ioredis rejects with its own text: the half reply it read is dropped") },
    async provoke(scope) {
      const { port } = await peerTarget("end", "$10\r\nabc")(scope);
      const { redis } = await client(scope, { ...BARE, port });
      await redis.connect();
      return { error: await rejection(redis.get("k")) };
    },
  },
  {
    id: "ioredis-server-killed",
    client: "ioredis",
    title: "ioredis BLPOP while its Redis server is killed (kill -9) (retryStrategy: () => null)",
    skip: needs("redis"),
    expect: { default: CLOSED("ioredis rejects with its own text; the kernel closed the dead server's socket with a FIN, so its 'error' event says nothing either") },
    async provoke(scope) {
      const server = await startServer(scope, "redis");
      const { redis } = await client(scope, { ...FAIL_FAST, port: server.port });
      await redis.connect();
      const pending = redis.blpop("neterr-empty", 0);
      setTimeout(() => server.kill(), 200);
      return { error: await rejection(pending, 10_000) };
    },
  },

  // ---- names ----------------------------------------------------------------------------------------
  ...(
    [
      ["nxdomain", "nxdomain", "a name the name server says does not exist (NXDOMAIN)", "ENOTFOUND"],
      ["dns-silent", "silent", "a name whose name server never answers", "EAI_AGAIN"],
    ] as const
  ).flatMap(([id, mode, what, code]) =>
    fault({
      id,
      title: `connect() to ${what} (namespace with resolver; retryStrategy: () => null)`,
      namespace: { sysctls: {}, budget: 20_000, resolver: true },
      options: FAIL_FAST,
      target: async (scope) => {
        await serveDns(scope, mode, 53);
        const hostname = `${mode}.neterr.test`;
        return { port: 6379, host: hostname, known: { hostname } };
      },
      act: (redis) => redis.connect(),
      ms: 8000,
      rejects: {
        default: CLOSED(`ioredis rejects with its own text and keeps the ${code} only in its 'error' event`),
        // Bun 1.2.23 and 1.3.14: a silent name server leaves the lookup, so connect(), pending.
        ...(mode === "silent" ? { "bun@1.2": BUN12_DNS_SILENT, "bun@1.3": BUN12_DNS_SILENT } : {}),
      },
      emits: {
        default: { kind: "NameResolutionError", code, syscall: "getaddrinfo", phase: "resolve", requestSent: false, knownFields: ["hostname"] },
        "bun@1.1": BUN11_NAME_AS_REFUSED,
        "bun@1.2": mode === "silent" ? BUN12_DNS_SILENT : BUN12_NXDOMAIN,
        "bun@1.3": mode === "silent" ? BUN12_DNS_SILENT : BUN12_NXDOMAIN,
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
    }),
  ),
];
