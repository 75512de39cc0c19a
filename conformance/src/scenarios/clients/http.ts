/**
 * @module
 * The Node HTTP clients: axios, got, and the npm undici (imported as `undici/index.js`: on Bun a
 * bare "undici" is Bun's own stand-in), each driven into the same faults against loopback peers
 * of the suite's own. The peers are node:net servers writing raw HTTP bytes (in-process node:http
 * servers misbehave on Deno 2.0 and Bun 1.1), or peer processes where a RST is needed. undici's
 * headers and connect timeouts are in timeouts.ts (`undici-headers-timeout`,
 * `undici-connect-timeout`).
 */

import { createServer } from "node:net";
import { closedPort, peer, rejection, type Scope, serveDns } from "../../peers.ts";
import { fullListener, httpHead, noIPv6, V4, V6 } from "../../provoke.ts";
import type { Expectation, Scenario } from "../../types.ts";
import { load } from "./kit.ts";

// ---- the clients, as each is called -----------------------------------------------------------

/** The options a scenario gives a client: its own timeout, a signal, a lookup. */
interface Call {
  readonly timeout?: number;
  readonly signal?: AbortSignal;
  readonly lookup?: Lookup;
}

type Lookup = (hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => void;

type Axios = { get(url: string, config: Record<string, unknown>): Promise<{ data: unknown }> };
type Got = (url: string, options: Record<string, unknown>) => Promise<{ body: unknown }> & { text(): Promise<string> };
type Undici = {
  Agent: new (options: Record<string, unknown>) => { destroy(): Promise<void> };
  request(url: string, options: Record<string, unknown>): Promise<{ body: { text(): Promise<string> } }>;
};

/** axios GET, the whole body read (axios reads it before it resolves); no proxy from the environment. */
async function axiosGet(url: string, call: Call = {}): Promise<unknown> {
  const axios = await load<Axios>("axios");
  const config: Record<string, unknown> = { proxy: false, responseType: "text" };
  if (call.timeout !== undefined) config.timeout = call.timeout;
  if (call.signal) config.signal = call.signal;
  if (call.lookup) config.lookup = call.lookup;
  return (await axios.get(url, config)).data;
}

/** got GET, the whole body read, no retry (got retries a GET twice by default). */
async function gotGet(url: string, call: Call = {}, timeout?: Record<string, number>): Promise<unknown> {
  const got = await load<Got>("got");
  const options: Record<string, unknown> = { retry: { limit: 0 } };
  if (timeout) options.timeout = timeout;
  if (call.signal) options.signal = call.signal;
  if (call.lookup) options.dnsLookup = call.lookup;
  return await got(url, options).text();
}

/** undici.request (npm undici 7) on an Agent of the scenario's own, the whole body read. */
async function undiciGet(scope: Scope, url: string, call: Call = {}, agent: Record<string, unknown> = {}): Promise<unknown> {
  const undici = (await import("undici/index.js")) as unknown as Undici; // on Bun, a bare "undici" is Bun's own stand-in
  const connect: Record<string, unknown> = {};
  if (call.lookup) Object.assign(connect, { lookup: call.lookup, autoSelectFamily: true });
  const dispatcher = new undici.Agent({ ...agent, connect });
  scope.defer(() => dispatcher.destroy());
  const options: Record<string, unknown> = { dispatcher };
  if (call.signal) options.signal = call.signal;
  const { body } = await undici.request(url, options);
  return await body.text();
}

// ---- the peers --------------------------------------------------------------------------------

/** A server that reads the request and never answers. */
const silentServer = async (scope: Scope): Promise<number> => (await scope.server(() => {}, { host: V4 })).port;
/** A server that reads the request, then closes (FIN) without a byte of answer. */
const closingServer = async (scope: Scope): Promise<number> => (await scope.server((s) => s.once("data", () => s.end()), { host: V4 })).port;
/** A server that answers a head promising 100 bytes, sends 10, then closes (FIN). */
const cuttingServer = async (scope: Scope): Promise<number> =>
  (
    await scope.server((s) => {
      s.once("data", () => {
        s.write(httpHead(100) + "0123456789");
        setTimeout(() => s.end(), 20);
      });
    }, { host: V4 })
  ).port;
/** A peer process that resets (RST) once the request arrived. */
const resettingPeer = (scope: Scope): Promise<number> => peer(scope, { kind: "tcp", on: "data", then: "reset" });
/** A peer process that answers a head promising 100 bytes, sends 10, then resets (RST). */
const resettingMidBodyPeer = (scope: Scope): Promise<number> =>
  peer(scope, { kind: "tcp", on: "data", write: httpHead(100) + "0123456789", then: "reset", delay: 20 });

/** A port closed on both 127.0.0.1 and ::1. */
async function closedOnBoth(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const candidate = await closedPort(V4);
    const probe = createServer();
    const free = await new Promise<boolean>((resolve) => {
      probe.once("error", () => resolve(false));
      probe.listen(candidate, V6, () => probe.close(() => resolve(true)));
    });
    if (free) return candidate;
  }
  throw new Error("no port closed on both loopback addresses in 20 tries");
}

/** A lookup that answers as /etc/hosts with both entries would (::1 first), asking no resolver. */
const bothLoopbacks: Lookup = (_host, options, callback) => {
  const all = [
    { address: V6, family: 6 },
    { address: V4, family: 4 },
  ];
  if (options.all) callback(null, all);
  else callback(null, V6, 6);
};

/** A user's abort, 100 ms into a request the server never answers. */
function userAbort(): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  return controller.signal;
}

const NX = "nx.neterr.test";
/** In a namespace whose resolv.conf names 127.0.0.1 only: the suite's DNS server on port 53. */
const RESOLVER = { sysctls: {}, budget: 15_000, resolver: true } as const;
const NAMESPACE = { sysctls: {}, budget: 15_000 } as const;

// ---- the pins that the faults share -----------------------------------------------------------

const REFUSED: Expectation = {
  kind: "ConnectionRefusedError",
  code: "ECONNREFUSED",
  errno: 111,
  syscall: "connect",
  phase: "connect",
  requestSent: false,
  knownFields: ["address", "port"],
};
// Both addresses of localhost refused: each connect's error, and the port they share.
const BOTH_REFUSED: Expectation = { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, phase: "connect", requestSent: false, errors: 2, knownFields: ["port"] };
// The name server said NXDOMAIN: nothing was sent.
const NXDOMAIN: Expectation = { kind: "NameResolutionError", code: "ENOTFOUND", syscall: "getaddrinfo", phase: "resolve", requestSent: false, knownFields: ["hostname"] };
// The name server never answered: getaddrinfo gives up (resolv.conf: timeout:1 attempts:1).
const DNS_SILENT: Expectation = { kind: "NameResolutionError", code: "EAI_AGAIN", syscall: "getaddrinfo", phase: "resolve", requestSent: false, knownFields: ["hostname"] };
// The server read the request, then reset: it was sent.
const RESET: Expectation = { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, syscall: "read", phase: "receive", requestSent: true };
// The caller's AbortSignal.timeout() ran out: the deadline on the whole call, not where it was.
const DEADLINE: Expectation = { kind: "TimeoutError", timeout: "deadline", phase: null, requestSent: null };
// got's ReadError for a body cut short by a FIN or a RST alike: the connection ended under the body.
const GOT_BODY_CUT: Expectation = {
  kind: "ConnectionError",
  code: "ERR_HTTP_CONTENT_LENGTH_MISMATCH",
  phase: "receive",
  requestSent: true,
  why: "got says `Content-Length mismatch` (ReadError) for a FIN and a RST alike, and keeps no socket error",
};
const USER_ABORT: Expectation = { kind: "unchanged", why: "the user's own abort is no network failure" };

export const httpClients: readonly Scenario[] = [
  // ---- axios 1.21.1 -------------------------------------------------------------------------
  {
    id: "axios-refused",
    client: "axios",
    title: "axios GET to a closed port",
    expect: { default: REFUSED },
    async provoke() {
      const port = await closedPort(V4);
      return { error: await rejection(axiosGet(`http://${V4}:${port}/`)), known: { address: V4, port } };
    },
  },
  {
    id: "axios-connect-timeout",
    client: "axios",
    title: "axios GET (timeout 300 ms) to a listener whose accept queue is full (namespace)",
    namespace: NAMESPACE,
    // axios has one clock for the whole request: its error says not whether it ran out connecting.
    expect: { default: { kind: "TimeoutError", code: "ETIMEDOUT", errno: 110, timeout: "deadline", phase: null, requestSent: null, why: "axios's timeout is one clock on the whole request: its error (ECONNABORTED, `timeout of 300ms exceeded`) says not where it ran out" } },
    async provoke(scope) {
      const port = await fullListener(scope);
      return { error: await rejection(axiosGet(`http://${V4}:${port}/`, { timeout: 300 }), 10_000) };
    },
  },
  {
    id: "axios-timeout",
    client: "axios",
    title: "axios GET (timeout 300 ms) to a server that reads the request and never answers",
    expect: { default: { kind: "TimeoutError", code: "ETIMEDOUT", errno: 110, timeout: "deadline", phase: null, requestSent: null, why: "axios's timeout is one clock on the whole request: its error (ECONNABORTED, `timeout of 300ms exceeded`) says not where it ran out" } },
    async provoke(scope) {
      const port = await silentServer(scope);
      return { error: await rejection(axiosGet(`http://${V4}:${port}/`, { timeout: 300 })) };
    },
  },
  {
    id: "axios-reset-before-response",
    client: "axios",
    title: "axios GET to a server that resets (RST) once the request arrived",
    expect: { default: RESET },
    async provoke(scope) {
      const port = await resettingPeer(scope);
      return { error: await rejection(axiosGet(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "axios-closed-before-response",
    client: "axios",
    title: "axios GET to a server that closes (FIN) before answering",
    // "socket hang up": the request was sent; the server closed before any answer.
    expect: { default: { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true } },
    async provoke(scope) {
      const port = await closingServer(scope);
      return { error: await rejection(axiosGet(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "axios-closed-mid-body",
    client: "axios",
    title: "axios GET whose body the server cuts short (FIN after 10 of 100 bytes)",
    expect: { default: { kind: "ConnectionError", code: "ERR_BAD_RESPONSE", phase: "receive", requestSent: true, why: "axios says only `stream has been aborted` (ERR_BAD_RESPONSE, no cause): the connection closed under the body, not how" } },
    async provoke(scope) {
      const port = await cuttingServer(scope);
      return { error: await rejection(axiosGet(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "axios-reset-mid-body",
    client: "axios",
    title: "axios GET whose body the server resets (RST after 10 of 100 bytes)",
    expect: { default: RESET },
    async provoke(scope) {
      const port = await resettingMidBodyPeer(scope);
      return { error: await rejection(axiosGet(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "axios-abort-timeout",
    client: "axios",
    title: "axios GET with AbortSignal.timeout(300) to a server that never answers",
    // The caller's deadline ran out; but axios makes the same CanceledError ("canceled",
    // ERR_CANCELED, no cause) of it as of a user's abort, and keeps the signal's TimeoutError only
    // as config.signal.reason: neterr cannot tell it from an abort.
    expect: { default: { kind: "unchanged", why: "axios makes the same CanceledError (`canceled`, ERR_CANCELED, no cause) of a timeout signal as of a user's abort; the TimeoutError is only in config.signal.reason" } },
    async provoke(scope) {
      const port = await silentServer(scope);
      return { error: await rejection(axiosGet(`http://${V4}:${port}/`, { signal: AbortSignal.timeout(300) })) };
    },
  },
  {
    id: "axios-user-abort",
    client: "axios",
    title: "axios GET aborted by the user's own AbortController",
    expect: { default: USER_ABORT },
    async provoke(scope) {
      const port = await silentServer(scope);
      return { error: await rejection(axiosGet(`http://${V4}:${port}/`, { signal: userAbort() })) };
    },
  },
  {
    id: "axios-nxdomain",
    client: "axios",
    title: "axios GET to a name the name server says does not exist (namespace)",
    namespace: RESOLVER,
    expect: { default: NXDOMAIN },
    async provoke(scope) {
      await serveDns(scope, "nxdomain", 53);
      return { error: await rejection(axiosGet(`http://${NX}/`), 10_000), known: { hostname: NX } };
    },
  },
  {
    id: "axios-dns-silent",
    client: "axios",
    title: "axios GET to a name whose name server never answers (namespace)",
    namespace: RESOLVER,
    expect: { default: DNS_SILENT },
    async provoke(scope) {
      await serveDns(scope, "silent", 53);
      return { error: await rejection(axiosGet(`http://${NX}/`), 10_000), known: { hostname: NX } };
    },
  },
  {
    id: "axios-localhost-both",
    client: "axios",
    title: "axios GET to localhost (lookup: ::1 and 127.0.0.1), both closed",
    skip: noIPv6,
    expect: { default: BOTH_REFUSED },
    async provoke() {
      const port = await closedOnBoth();
      return { error: await rejection(axiosGet(`http://localhost:${port}/`, { lookup: bothLoopbacks })), known: { port } };
    },
  },

  // ---- got 16.1.0 ---------------------------------------------------------------------------
  {
    id: "got-refused",
    client: "got",
    title: "got GET to a closed port",
    expect: { default: REFUSED },
    async provoke() {
      const port = await closedPort(V4);
      return { error: await rejection(gotGet(`http://${V4}:${port}/`)), known: { address: V4, port } };
    },
  },
  {
    id: "got-connect-timeout",
    client: "got",
    title: "got GET (timeout.connect 300 ms) to a listener whose accept queue is full (namespace)",
    namespace: NAMESPACE,
    expect: { default: { kind: "TimeoutError", code: "ETIMEDOUT", errno: 110, timeout: "connect", phase: "connect", requestSent: false } },
    async provoke(scope) {
      const port = await fullListener(scope);
      return { error: await rejection(gotGet(`http://${V4}:${port}/`, {}, { connect: 300 }), 10_000) };
    },
  },
  {
    id: "got-timeout",
    client: "got",
    title: "got GET (timeout.response 300 ms) to a server that reads the request and never answers",
    expect: { default: { kind: "TimeoutError", code: "ETIMEDOUT", errno: 110, timeout: "response", phase: "receive", requestSent: true } },
    async provoke(scope) {
      const port = await silentServer(scope);
      return { error: await rejection(gotGet(`http://${V4}:${port}/`, {}, { response: 300 })) };
    },
  },
  {
    id: "got-reset-before-response",
    client: "got",
    title: "got GET to a server that resets (RST) once the request arrived",
    expect: { default: RESET },
    async provoke(scope) {
      const port = await resettingPeer(scope);
      return { error: await rejection(gotGet(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "got-closed-before-response",
    client: "got",
    title: "got GET to a server that closes (FIN) before answering",
    expect: { default: { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true } },
    async provoke(scope) {
      const port = await closingServer(scope);
      return { error: await rejection(gotGet(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "got-closed-mid-body",
    client: "got",
    title: "got GET whose body the server cuts short (FIN after 10 of 100 bytes)",
    expect: { default: GOT_BODY_CUT },
    async provoke(scope) {
      const port = await cuttingServer(scope);
      return { error: await rejection(gotGet(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "got-reset-mid-body",
    client: "got",
    title: "got GET whose body the server resets (RST after 10 of 100 bytes)",
    expect: { default: GOT_BODY_CUT },
    async provoke(scope) {
      const port = await resettingMidBodyPeer(scope);
      return { error: await rejection(gotGet(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "got-abort-timeout",
    client: "got",
    title: "got GET with AbortSignal.timeout(300) to a server that never answers",
    expect: { default: DEADLINE },
    async provoke(scope) {
      const port = await silentServer(scope);
      return { error: await rejection(gotGet(`http://${V4}:${port}/`, { signal: AbortSignal.timeout(300) })) };
    },
  },
  {
    id: "got-user-abort",
    client: "got",
    title: "got GET aborted by the user's own AbortController",
    expect: { default: USER_ABORT },
    async provoke(scope) {
      const port = await silentServer(scope);
      return { error: await rejection(gotGet(`http://${V4}:${port}/`, { signal: userAbort() })) };
    },
  },
  {
    id: "got-nxdomain",
    client: "got",
    title: "got GET to a name the name server says does not exist (namespace)",
    namespace: RESOLVER,
    expect: { default: NXDOMAIN },
    async provoke(scope) {
      await serveDns(scope, "nxdomain", 53);
      return { error: await rejection(gotGet(`http://${NX}/`), 10_000), known: { hostname: NX } };
    },
  },
  {
    id: "got-dns-silent",
    client: "got",
    title: "got GET to a name whose name server never answers (namespace)",
    namespace: RESOLVER,
    expect: { default: DNS_SILENT },
    async provoke(scope) {
      await serveDns(scope, "silent", 53);
      return { error: await rejection(gotGet(`http://${NX}/`), 10_000), known: { hostname: NX } };
    },
  },
  {
    id: "got-localhost-both",
    client: "got",
    title: "got GET to localhost (dnsLookup: ::1 and 127.0.0.1), both closed",
    skip: noIPv6,
    expect: { default: BOTH_REFUSED },
    async provoke() {
      const port = await closedOnBoth();
      return { error: await rejection(gotGet(`http://localhost:${port}/`, { lookup: bothLoopbacks })), known: { port } };
    },
  },

  // ---- undici 7.30.2 (the npm package); its headers and connect timeouts: timeouts.ts --------
  {
    id: "undici-refused",
    client: "undici",
    title: "undici request (npm undici 7) to a closed port",
    expect: { default: REFUSED },
    async provoke(scope) {
      const port = await closedPort(V4);
      return { error: await rejection(undiciGet(scope, `http://${V4}:${port}/`)), known: { address: V4, port } };
    },
  },
  {
    id: "undici-body-timeout",
    client: "undici",
    title: "undici request (npm undici 7, bodyTimeout 300 ms) whose body stalls after 10 of 100 bytes",
    expect: { default: { kind: "TimeoutError", code: "UND_ERR_BODY_TIMEOUT", timeout: "idle", phase: "receive", requestSent: true } },
    async provoke(scope) {
      const { port } = await scope.server((s) => s.once("data", () => s.write(httpHead(100) + "0123456789")), { host: V4 });
      return { error: await rejection(undiciGet(scope, `http://${V4}:${port}/`, {}, { bodyTimeout: 300 })) };
    },
  },
  {
    id: "undici-reset-before-response",
    client: "undici",
    title: "undici request (npm undici 7) to a server that resets (RST) once the request arrived",
    expect: { default: RESET },
    async provoke(scope) {
      const port = await resettingPeer(scope);
      return { error: await rejection(undiciGet(scope, `http://${V4}:${port}/`)) };
    },
  },
  {
    id: "undici-closed-before-response",
    client: "undici",
    title: "undici request (npm undici 7) to a server that closes (FIN) before answering",
    expect: { default: { kind: "ConnectionResetError", code: "UND_ERR_SOCKET", phase: "receive", requestSent: true, knownFields: ["address", "port"] } },
    async provoke(scope) {
      const port = await closingServer(scope);
      return { error: await rejection(undiciGet(scope, `http://${V4}:${port}/`)), known: { address: V4, port } };
    },
  },
  {
    id: "undici-closed-mid-body",
    client: "undici",
    title: "undici request (npm undici 7) whose body the server cuts short (FIN after 10 of 100 bytes)",
    expect: { default: { kind: "ConnectionResetError", code: "UND_ERR_RES_CONTENT_LENGTH_MISMATCH", phase: "receive", requestSent: true } },
    async provoke(scope) {
      const port = await cuttingServer(scope);
      return { error: await rejection(undiciGet(scope, `http://${V4}:${port}/`)) };
    },
  },
  {
    id: "undici-reset-mid-body",
    client: "undici",
    title: "undici request (npm undici 7) whose body the server resets (RST after 10 of 100 bytes)",
    // undici reports the RST as the body it did not get, as for a FIN (UNDICI_CODES: a reset).
    expect: { default: { kind: "ConnectionResetError", code: "UND_ERR_RES_CONTENT_LENGTH_MISMATCH", phase: "receive", requestSent: true } },
    async provoke(scope) {
      const port = await resettingMidBodyPeer(scope);
      return { error: await rejection(undiciGet(scope, `http://${V4}:${port}/`)) };
    },
  },
  {
    id: "undici-abort-timeout",
    client: "undici",
    title: "undici request (npm undici 7) with AbortSignal.timeout(300) to a server that never answers",
    expect: { default: DEADLINE },
    async provoke(scope) {
      const port = await silentServer(scope);
      return { error: await rejection(undiciGet(scope, `http://${V4}:${port}/`, { signal: AbortSignal.timeout(300) })) };
    },
  },
  {
    id: "undici-user-abort",
    client: "undici",
    title: "undici request (npm undici 7) aborted by the user's own AbortController",
    expect: { default: USER_ABORT },
    async provoke(scope) {
      const port = await silentServer(scope);
      return { error: await rejection(undiciGet(scope, `http://${V4}:${port}/`, { signal: userAbort() })) };
    },
  },
  {
    id: "undici-nxdomain",
    client: "undici",
    title: "undici request (npm undici 7) to a name the name server says does not exist (namespace)",
    namespace: RESOLVER,
    expect: { default: NXDOMAIN },
    async provoke(scope) {
      await serveDns(scope, "nxdomain", 53);
      return { error: await rejection(undiciGet(scope, `http://${NX}/`), 10_000), known: { hostname: NX } };
    },
  },
  {
    id: "undici-dns-silent",
    client: "undici",
    title: "undici request (npm undici 7) to a name whose name server never answers (namespace)",
    namespace: RESOLVER,
    expect: { default: DNS_SILENT },
    async provoke(scope) {
      await serveDns(scope, "silent", 53);
      return { error: await rejection(undiciGet(scope, `http://${NX}/`), 10_000), known: { hostname: NX } };
    },
  },
  {
    id: "undici-localhost-both",
    client: "undici",
    title: "undici request (npm undici 7) to localhost (connect.lookup: ::1 and 127.0.0.1), both closed",
    skip: noIPv6,
    expect: { default: BOTH_REFUSED },
    async provoke(scope) {
      const port = await closedOnBoth();
      return { error: await rejection(undiciGet(scope, `http://localhost:${port}/`, { lookup: bothLoopbacks })), known: { port } };
    },
  },
];
