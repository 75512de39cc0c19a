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
import { DENO22_CLOSE_FIRST, DENO27_SILENT_DNS, load } from "./kit.ts";
import { BUN12_DNS_SILENT, BUN12_NXDOMAIN } from "./pg.ts";

// ---- the clients, as each is called -----------------------------------------------------------

/** The options a scenario gives a client: its own timeout, a signal, a lookup. */
interface Call {
  readonly timeout?: number;
  readonly signal?: AbortSignal;
  readonly lookup?: Lookup;
}

type Lookup = (hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => void;

type Axios = { get(url: string, config: Record<string, unknown>): Promise<{ data: unknown }> };
type Got = (url: string, options: Record<string, unknown>) => Promise<{ body: unknown }> & {
  text(): Promise<string>;
  on(event: "request", listener: (request: { on(event: "error", listener: () => void): unknown }) => void): unknown;
};
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
  const request = got(url, options);
  // Bun 1.2's node:http emits an 'error' on the ClientRequest for each address it tried; got
  // listens for the first only, and a second would be uncaught: the scenario takes the rest.
  request.on("request", (r) => r.on("error", () => {}));
  return await request.text();
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
/**
 * A server that answers a head promising 100 bytes, sends 10, then closes (FIN). The FIN waits
 * 150 ms: this server runs in the client's own event loop, and at 20 ms a loaded machine let Bun
 * 1.3.14's node:http read the head, the 10 bytes and the FIN at once, before got had its response
 * (seen once in a full npm test: RequestError ECONNRESET instead of the body's ReadError).
 */
const cuttingServer = async (scope: Scope): Promise<number> =>
  (
    await scope.server((s) => {
      s.once("data", () => {
        s.write(httpHead(100) + "0123456789");
        setTimeout(() => s.end(), 150);
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
// 20 s: a silent pin waits 10 s inside, and a child started with three runtimes side by side once
// needed more than the 5 s left of 15 (Bun 1.2.23, pg-dns-silent, 2026-12-03).
const RESOLVER = { sysctls: {}, budget: 20_000, resolver: true } as const;
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
  native: /^ReadError ERR_HTTP_CONTENT_LENGTH_MISMATCH <- Object\[Error\] ERR_HTTP_CONTENT_LENGTH_MISMATCH$/,
  why: "got says `Content-Length mismatch` (ReadError) for a FIN and a RST alike, and keeps no socket error",
};
// axios's `stream has been aborted` (ERR_BAD_RESPONSE, no cause): the connection closed under the body.
const AXIOS_BODY_ABORTED: Expectation = {
  kind: "ConnectionError",
  code: "ERR_BAD_RESPONSE",
  phase: "receive",
  requestSent: true,
  native: /^AxiosError ERR_BAD_RESPONSE$/,
  why: "axios says only `stream has been aborted` (ERR_BAD_RESPONSE, no cause): the connection closed under the body, not how",
};
// axios's own timeout: one clock on the whole request, its error (ECONNABORTED) placing it nowhere.
const AXIOS_TIMEOUT: Expectation = {
  kind: "TimeoutError",
  code: "ETIMEDOUT",
  errno: 110,
  timeout: "deadline",
  phase: null,
  requestSent: null,
  native: /^AxiosError ECONNABORTED$/,
  why: "axios's timeout is one clock on the whole request: its error (ECONNABORTED, `timeout of 300ms exceeded`) says not where it ran out",
};
const USER_ABORT: Expectation = { kind: "unchanged", why: "the user's own abort is no network failure" };

// ---- what some runtime versions lose (their node:http, node:net and node:dns) ---------------

/** Deno 2.0's node:http is its fetch: a TypeError wraps what happened, as text. */
const DENO20_HTTP_TEXT = "node:http is its fetch: a TypeError keeps what happened as text (no syscall, address or port)";
/** Deno 2.0's node:http emits no 'error' for a connection the server cut before or during the response (nor in 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7 and 2.6.8). */
const DENO20_HTTP_SILENT: Expectation = { kind: "no error", why: "node:http emits no 'error': the client never hears of it" };
const DENO20_BODY_LEAK: Expectation = {
  kind: "no error",
  leaks: /^TypeError "error reading a body from connection"/,
  why: "node:http emits no 'error' on the response, and its fetch-based body reader leaves the failure as an unhandled rejection",
};
/**
 * node:http emits hyper's own error for a reset before the answer, `Http "connection error"` (no
 * code, no cause), and axios wraps it (AxiosError named Http, the Http error as cause).
 * Deno 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7 and 2.6.8.
 */
const DENO21_AXIOS_CONNECTION_ERROR: Expectation = {
  kind: "ConnectionError",
  phase: null,
  requestSent: null,
  native: /^AxiosError\[Http\] "connection error" <- Http "connection error"$/,
  why: "node:http emits hyper's own error, class Http, `connection error` (any I/O error on a connection once it was up), with no code and no cause, which axios keeps as cause: that the peer reset it, and whether the request had been written, are lost",
};
/** Deno 2.2.15, 2.3.7, 2.4.4 and 2.5.7: undici's body clock destroys the socket, and undici hears the close first (DENO22_CLOSE_FIRST). */
const DENO22_UNDICI_BODY_TIMEOUT: Expectation = {
  kind: "ConnectionResetError",
  code: "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
  phase: "receive",
  requestSent: true,
  native: /^ResponseContentLengthMismatchError UND_ERR_RES_CONTENT_LENGTH_MISMATCH$/,
  why: `${DENO22_CLOSE_FIRST}: undici's body clock destroys the socket, but undici sees the close first and says the body was cut short (\`Response body length does not match content-length header\`): the timeout is lost`,
};
/** Deno 2.0's node:http has no `lookup` option (nor in 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7 and 2.6.8). */
const DENO20_NO_LOOKUP: Expectation = { kind: "not testable", why: "node:http throws `Not implemented: ClientRequest.options.lookup`" };
/** Bun 1.1's node:http is its fetch: a closed connection is ConnectionClosed, wherever it happened. */
const BUN11_CLOSED: Expectation = {
  kind: "ConnectionResetError",
  code: "ECONNRESET",
  errno: 104,
  phase: null,
  requestSent: null,
  why: "node:http is its fetch, and says ConnectionClosed (`The socket connection was closed unexpectedly`) for a FIN and a RST alike, with no syscall: where it failed is lost",
};
const BUN11_HTTP_REFUSED: Expectation = {
  ...REFUSED,
  syscall: undefined,
  why: "node:http is its fetch, and says ConnectionRefused (`Unable to connect`), with no syscall",
};
/**
 * Bun 1.1 reports a name that does not resolve (NXDOMAIN, or a name server that never answers) as
 * a refused connect, `Failed to connect`; strace shows the DNS queries and no connect at all.
 */
const BUN11_DNS_AS_REFUSED = "reports a name that does not resolve as a refused connect (strace: the DNS queries were sent, no connect() was made): the resolver's answer is lost, and neterr can only believe the code";
const BUN11_HTTP_DNS: Expectation = { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, phase: "connect", requestSent: false, knownFields: ["hostname"], why: `node:http (its fetch) ${BUN11_DNS_AS_REFUSED}` };
const BUN11_NET_DNS: Expectation = { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect", phase: "connect", requestSent: false, why: `node:net ${BUN11_DNS_AS_REFUSED}` };
/** Deno 2.0 and Bun 1.1: node:net tries one address of a name (no happy eyeballs). */
const ONE_ADDRESS = "node:net tries one address only (no happy eyeballs): a plain ECONNREFUSED";
/** got 16.1.0 does not load on Deno 2.0 (nor on 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7 and 2.6.8). */
const GOT_DENO20: Expectation = {
  kind: "not testable",
  why: "got 16.1.0 does not load: node:dns has no getDefaultResultOrder (SyntaxError ERR_MODULE_NOT_FOUND)",
};
const GOT_BUN11_CLOSED: Expectation = { ...BUN11_CLOSED, why: `${BUN11_CLOSED.why}; got's RequestError keeps it as cause` };
/** Bun 1.1's node:http ends a body cut short as an abort: got makes it ECONNRESET, `The server aborted pending request`. */
const GOT_BUN11_ABORTED: Expectation = {
  kind: "ConnectionResetError",
  code: "ECONNRESET",
  errno: 104,
  phase: "receive",
  requestSent: true,
  why: "node:http reports the cut body (FIN or RST) as an abort, with no length: got's ReadError says ECONNRESET, `The server aborted pending request`, a code got sets itself; neterr takes it at its word",
};

/** Bun 1.1's pin of axios-reset-mid-body, which Bun 1.2 and 1.3 give too. */
const BUN11_AXIOS_RESET_MID_BODY: Expectation = { ...AXIOS_BODY_ABORTED, why: "node:http reports the RST as the body's abort, as for a FIN: axios says only `stream has been aborted`" };

/** Bun 1.1's pin of got-connect-timeout, which Bun 1.2 and 1.3 give too. */
const BUN11_GOT_CONNECT_TIMEOUT: Expectation = {
        kind: "no error",
        why: "node:http gives the request a socket that says `connecting: false` before it is connected, and got arms its connect clock only on a connecting socket: no rejection within 10 s (the kernel's SYN retries take minutes)",
      };

/** Bun 1.1's pin of undici-reset-before-response, which Bun 1.2 and 1.3 give too. */
const BUN11_UNDICI_RESET_BEFORE_RESPONSE: Expectation = {
        kind: "ConnectionResetError",
        code: "UND_ERR_SOCKET",
        phase: "receive",
        requestSent: true,
        why: "node:net closes the socket without an 'error' on a RST: undici sees only the close (`other side closed`), as for a FIN",
      };

/** Bun 1.2.23 and 1.3.14: node:http (its fetch) reports a name that does not resolve as a refused connect, and keeps no hostname. */
const BUN12_HTTP_DNS: Expectation = { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, phase: "connect", requestSent: false, why: `node:http (its fetch) ${BUN11_DNS_AS_REFUSED}; nor is the hostname kept` };

/** Bun 1.2.23 and 1.3.14: node:http (its fetch) says ECONNREFUSED, tries one address only, and keeps neither address nor port. */
const BUN12_HTTP_REFUSED = (native: RegExp): Expectation => ({
  kind: "ConnectionRefusedError",
  code: "ECONNREFUSED",
  errno: 111,
  phase: "connect",
  requestSent: false,
  native,
  why: "node:http is its fetch, and says ECONNREFUSED with no syscall, address or port; it tries one address only",
});

const BUN12_AXIOS_REFUSED = BUN12_HTTP_REFUSED(/^AxiosError\[Error\] ECONNREFUSED <- Error ECONNREFUSED$/);
const BUN12_GOT_REFUSED = BUN12_HTTP_REFUSED(/^RequestError ECONNREFUSED <- Error ECONNREFUSED$/);

/** Bun 1.2.23 and 1.3.14: got's response clock runs out, but what it rejects with is node:http's abort, as ECONNRESET. */
const BUN12_GOT_TIMEOUT_AS_RESET: Expectation = {
  kind: "ConnectionResetError",
  code: "ECONNRESET",
  errno: 104,
  phase: "receive",
  requestSent: true,
  native: /^ReadError ECONNRESET <- Object\[Error\] ECONNRESET$/,
  why: "got's clock fired and destroyed the request, but node:http then reports the abort, which got says as ECONNRESET (`The server aborted pending request`): the timeout is lost",
};

/** Bun 1.2.23 and 1.3.14: got's read clock runs out, and what it rejects with is the body's short length. */
const BUN12_GOT_READ_TIMEOUT: Expectation = {
  kind: "ConnectionError",
  code: "ERR_HTTP_CONTENT_LENGTH_MISMATCH",
  phase: "receive",
  requestSent: true,
  native: /^ReadError ERR_HTTP_CONTENT_LENGTH_MISMATCH <- Object\[Error\] ERR_HTTP_CONTENT_LENGTH_MISMATCH$/,
  why: "got's read clock fired and destroyed the request, but got then rejects with the body's short length (`Content-Length mismatch: expected 100 bytes, received 10 bytes`): the timeout is lost",
};

export const httpClients: readonly Scenario[] = [
  // ---- axios 1.21.1 -------------------------------------------------------------------------
  {
    id: "axios-refused",
    client: "axios",
    title: "axios GET to a closed port",
    expect: {
      default: { ...REFUSED, native: /^AxiosError\[Error\] ECONNREFUSED <- Error ECONNREFUSED connect$/ },
      "deno@2.0": { ...REFUSED, syscall: undefined, knownFields: [], why: DENO20_HTTP_TEXT },
      "bun@1.1": BUN11_HTTP_REFUSED,
      "bun@1.2": BUN12_AXIOS_REFUSED,
      "bun@1.3": BUN12_AXIOS_REFUSED,
    },
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
    expect: { default: AXIOS_TIMEOUT },
    async provoke(scope) {
      const port = await fullListener(scope);
      return { error: await rejection(axiosGet(`http://${V4}:${port}/`, { timeout: 300 }), 10_000) };
    },
  },
  {
    id: "axios-timeout",
    client: "axios",
    title: "axios GET (timeout 300 ms) to a server that reads the request and never answers",
    expect: { default: AXIOS_TIMEOUT },
    async provoke(scope) {
      const port = await silentServer(scope);
      return { error: await rejection(axiosGet(`http://${V4}:${port}/`, { timeout: 300 })) };
    },
  },
  {
    id: "axios-reset-before-response",
    client: "axios",
    title: "axios GET to a server that resets (RST) once the request arrived",
    expect: {
      default: RESET,
      "deno@2.0": {
        kind: "no error",
        mayLeak: /^BadResource "Bad resource/,
        why: "node:http emits no 'error' but a response of status 0, with no headers and an empty body (seen with a probe): axios resolves with it; in some runs its socket also leaks an unhandled BadResource",
      },
      "deno@2.1": DENO21_AXIOS_CONNECTION_ERROR,
      "deno@2.2": DENO21_AXIOS_CONNECTION_ERROR,
      "deno@2.3": DENO21_AXIOS_CONNECTION_ERROR,
      "deno@2.4": DENO21_AXIOS_CONNECTION_ERROR,
      "deno@2.5": DENO21_AXIOS_CONNECTION_ERROR,
      "deno@2.6": DENO21_AXIOS_CONNECTION_ERROR,
      "bun@1.1": BUN11_CLOSED,
      "bun@1.2": BUN11_CLOSED,
      "bun@1.3": BUN11_CLOSED,
    },
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
    expect: { default: { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true }, "deno@2.0": DENO20_HTTP_SILENT, "deno@2.1": DENO20_HTTP_SILENT, "deno@2.2": DENO20_HTTP_SILENT, "deno@2.3": DENO20_HTTP_SILENT, "deno@2.4": DENO20_HTTP_SILENT, "deno@2.5": DENO20_HTTP_SILENT, "deno@2.6": DENO20_HTTP_SILENT, "bun@1.1": BUN11_CLOSED, "bun@1.2": BUN11_CLOSED, "bun@1.3": BUN11_CLOSED },
    async provoke(scope) {
      const port = await closingServer(scope);
      return { error: await rejection(axiosGet(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "axios-closed-mid-body",
    client: "axios",
    title: "axios GET whose body the server cuts short (FIN after 10 of 100 bytes)",
    expect: { default: AXIOS_BODY_ABORTED, "deno@2.0": DENO20_BODY_LEAK, "deno@2.1": DENO20_BODY_LEAK, "deno@2.2": DENO20_BODY_LEAK, "deno@2.3": DENO20_BODY_LEAK, "deno@2.4": DENO20_BODY_LEAK, "deno@2.5": DENO20_BODY_LEAK, "deno@2.6": DENO20_BODY_LEAK },
    async provoke(scope) {
      const port = await cuttingServer(scope);
      return { error: await rejection(axiosGet(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "axios-reset-mid-body",
    client: "axios",
    title: "axios GET whose body the server resets (RST after 10 of 100 bytes)",
    expect: {
      default: RESET,
      "deno@2.0": DENO20_BODY_LEAK,
      "deno@2.1": DENO20_BODY_LEAK,
      "deno@2.2": DENO20_BODY_LEAK,
      "deno@2.3": DENO20_BODY_LEAK,
      "deno@2.4": DENO20_BODY_LEAK,
      "deno@2.5": DENO20_BODY_LEAK,
      "deno@2.6": DENO20_BODY_LEAK,
      "bun@1.1": BUN11_AXIOS_RESET_MID_BODY,
      "bun@1.2": BUN11_AXIOS_RESET_MID_BODY,
      "bun@1.3": BUN11_AXIOS_RESET_MID_BODY,
    },
    async provoke(scope) {
      const port = await resettingMidBodyPeer(scope);
      return { error: await rejection(axiosGet(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "axios-abort-timeout",
    client: "axios",
    title: "axios GET with AbortSignal.timeout(300) to a server that never answers",
    // The caller's deadline ran out. axios makes the same CanceledError ("canceled",
    // ERR_CANCELED, no cause) of it as of a user's abort, and keeps the signal's TimeoutError
    // only as config.signal.reason, which neterr reads: where it was is lost.
    expect: {
      default: {
        kind: "TimeoutError",
        timeout: "deadline",
        phase: null,
        requestSent: null,
        native: /^CanceledError ERR_CANCELED$/,
        why: "axios makes the same CanceledError (`canceled`, ERR_CANCELED, no cause) of a timeout signal as of a user's abort; neterr reads the signal's reason (config.signal.reason), a TimeoutError that says nothing of where",
      },
    },
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
    expect: {
      default: NXDOMAIN,
      "deno@2.0": { ...NXDOMAIN, syscall: undefined, knownFields: [], why: DENO20_HTTP_TEXT },
      "bun@1.1": BUN11_HTTP_DNS,
      "bun@1.2": BUN12_HTTP_DNS,
      "bun@1.3": BUN12_HTTP_DNS,
    },
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
    expect: {
      default: DNS_SILENT,
      "deno@2.0": { ...DNS_SILENT, syscall: undefined, knownFields: [], why: DENO20_HTTP_TEXT },
      "deno@2.1": DENO27_SILENT_DNS,
      "deno@2.2": DENO27_SILENT_DNS,
      "deno@2.3": DENO27_SILENT_DNS,
      "deno@2.4": DENO27_SILENT_DNS,
      "deno@2.5": DENO27_SILENT_DNS,
      "deno@2.6": DENO27_SILENT_DNS,
      "deno@2.7": DENO27_SILENT_DNS,
      "bun@1.1": BUN11_HTTP_DNS,
      "bun@1.2": BUN12_HTTP_DNS,
      "bun@1.3": BUN12_HTTP_DNS,
    },
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
    expect: {
      default: { ...BOTH_REFUSED, native: /^AxiosError\[AggregateError\] ECONNREFUSED <- AggregateError\(2\) ECONNREFUSED/ },
      "deno@2.0": DENO20_NO_LOOKUP,
      "deno@2.1": DENO20_NO_LOOKUP,
      "deno@2.2": DENO20_NO_LOOKUP,
      "deno@2.3": DENO20_NO_LOOKUP,
      "deno@2.4": DENO20_NO_LOOKUP,
      "deno@2.5": DENO20_NO_LOOKUP,
      "deno@2.6": DENO20_NO_LOOKUP,
      "bun@1.1": { ...BUN11_HTTP_REFUSED, knownFields: ["port"], why: `${BUN11_HTTP_REFUSED.why}; it tries one address only` },
      "bun@1.2": BUN12_AXIOS_REFUSED,
      "bun@1.3": BUN12_AXIOS_REFUSED,
    },
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
    expect: { "deno@2.0": GOT_DENO20, "deno@2.1": GOT_DENO20, "deno@2.2": GOT_DENO20, "deno@2.3": GOT_DENO20, "deno@2.4": GOT_DENO20, "deno@2.5": GOT_DENO20, "deno@2.6": GOT_DENO20, default: { ...REFUSED, native: /^RequestError ECONNREFUSED <- Error ECONNREFUSED connect$/ }, "bun@1.1": { ...BUN11_HTTP_REFUSED, why: `${BUN11_HTTP_REFUSED.why}; got's RequestError keeps it as cause` }, "bun@1.2": BUN12_GOT_REFUSED, "bun@1.3": BUN12_GOT_REFUSED },
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
    expect: {
      "deno@2.0": GOT_DENO20,
      "deno@2.1": GOT_DENO20,
      "deno@2.2": GOT_DENO20,
      "deno@2.3": GOT_DENO20,
      "deno@2.4": GOT_DENO20,
      "deno@2.5": GOT_DENO20,
      "deno@2.6": GOT_DENO20,
      default: { kind: "TimeoutError", code: "ETIMEDOUT", errno: 110, timeout: "connect", phase: "connect", requestSent: false, native: /^TimeoutError ETIMEDOUT <- TimeoutError ETIMEDOUT$/ },
      "bun@1.1": BUN11_GOT_CONNECT_TIMEOUT,
      "bun@1.2": BUN11_GOT_CONNECT_TIMEOUT,
      "bun@1.3": BUN11_GOT_CONNECT_TIMEOUT,
    },
    async provoke(scope) {
      const port = await fullListener(scope);
      return { error: await rejection(gotGet(`http://${V4}:${port}/`, {}, { connect: 300 }), 10_000) };
    },
  },
  {
    id: "got-timeout",
    client: "got",
    title: "got GET (timeout.response 300 ms) to a server that reads the request and never answers",
    expect: { "deno@2.0": GOT_DENO20, "deno@2.1": GOT_DENO20, "deno@2.2": GOT_DENO20, "deno@2.3": GOT_DENO20, "deno@2.4": GOT_DENO20, "deno@2.5": GOT_DENO20, "deno@2.6": GOT_DENO20, default: { kind: "TimeoutError", code: "ETIMEDOUT", errno: 110, timeout: "response", phase: "receive", requestSent: true, native: /^TimeoutError ETIMEDOUT <- TimeoutError ETIMEDOUT$/ }, "bun@1.2": BUN12_GOT_TIMEOUT_AS_RESET, "bun@1.3": BUN12_GOT_TIMEOUT_AS_RESET },
    async provoke(scope) {
      const port = await silentServer(scope);
      return { error: await rejection(gotGet(`http://${V4}:${port}/`, {}, { response: 300 })) };
    },
  },
  {
    id: "got-read-timeout",
    client: "got",
    title: "got GET (timeout.read 300 ms) whose body stalls after 10 of 100 bytes",
    // The body stalled: got's read clock (from the response head to the body's end) ran out.
    expect: {
      "deno@2.0": GOT_DENO20,
      "deno@2.1": GOT_DENO20,
      "deno@2.2": GOT_DENO20,
      "deno@2.3": GOT_DENO20,
      "deno@2.4": GOT_DENO20,
      "deno@2.5": GOT_DENO20,
      "deno@2.6": GOT_DENO20,
      default: { kind: "TimeoutError", code: "ETIMEDOUT", errno: 110, timeout: "idle", phase: "receive", requestSent: true, native: /^TimeoutError ETIMEDOUT <- TimeoutError ETIMEDOUT$/ },
      "bun@1.1": {
        ...GOT_BUN11_ABORTED,
        why: "got's read clock fired and destroyed the request, but node:http then reports the body's abort, which got says as ECONNRESET (`The server aborted pending request`): the timeout is lost",
      },
      "bun@1.2": BUN12_GOT_READ_TIMEOUT,
      "bun@1.3": BUN12_GOT_READ_TIMEOUT,
    },
    async provoke(scope) {
      const { port } = await scope.server((s) => s.once("data", () => s.write(httpHead(100) + "0123456789")), { host: V4 });
      return { error: await rejection(gotGet(`http://${V4}:${port}/`, {}, { read: 300 })) };
    },
  },
  {
    id: "got-reset-before-response",
    client: "got",
    title: "got GET to a server that resets (RST) once the request arrived",
    expect: { "deno@2.0": GOT_DENO20, "deno@2.1": GOT_DENO20, "deno@2.2": GOT_DENO20, "deno@2.3": GOT_DENO20, "deno@2.4": GOT_DENO20, "deno@2.5": GOT_DENO20, "deno@2.6": GOT_DENO20, default: RESET, "bun@1.1": GOT_BUN11_CLOSED, "bun@1.2": GOT_BUN11_CLOSED, "bun@1.3": GOT_BUN11_CLOSED },
    async provoke(scope) {
      const port = await resettingPeer(scope);
      return { error: await rejection(gotGet(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "got-closed-before-response",
    client: "got",
    title: "got GET to a server that closes (FIN) before answering",
    expect: { "deno@2.0": GOT_DENO20, "deno@2.1": GOT_DENO20, "deno@2.2": GOT_DENO20, "deno@2.3": GOT_DENO20, "deno@2.4": GOT_DENO20, "deno@2.5": GOT_DENO20, "deno@2.6": GOT_DENO20, default: { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true }, "bun@1.1": GOT_BUN11_CLOSED, "bun@1.2": GOT_BUN11_CLOSED, "bun@1.3": GOT_BUN11_CLOSED },
    async provoke(scope) {
      const port = await closingServer(scope);
      return { error: await rejection(gotGet(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "got-closed-mid-body",
    client: "got",
    title: "got GET whose body the server cuts short (FIN after 10 of 100 bytes)",
    expect: { "deno@2.0": GOT_DENO20, "deno@2.1": GOT_DENO20, "deno@2.2": GOT_DENO20, "deno@2.3": GOT_DENO20, "deno@2.4": GOT_DENO20, "deno@2.5": GOT_DENO20, "deno@2.6": GOT_DENO20, default: GOT_BODY_CUT, "bun@1.1": GOT_BUN11_ABORTED },
    async provoke(scope) {
      const port = await cuttingServer(scope);
      return { error: await rejection(gotGet(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "got-reset-mid-body",
    client: "got",
    title: "got GET whose body the server resets (RST after 10 of 100 bytes)",
    expect: { "deno@2.0": GOT_DENO20, "deno@2.1": GOT_DENO20, "deno@2.2": GOT_DENO20, "deno@2.3": GOT_DENO20, "deno@2.4": GOT_DENO20, "deno@2.5": GOT_DENO20, "deno@2.6": GOT_DENO20, default: GOT_BODY_CUT, "bun@1.1": GOT_BUN11_ABORTED },
    async provoke(scope) {
      const port = await resettingMidBodyPeer(scope);
      return { error: await rejection(gotGet(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "got-abort-timeout",
    client: "got",
    title: "got GET with AbortSignal.timeout(300) to a server that never answers",
    // got's TimeoutError (event "request") keeps the signal's DOMException as cause.
    expect: { "deno@2.0": GOT_DENO20, "deno@2.1": GOT_DENO20, "deno@2.2": GOT_DENO20, "deno@2.3": GOT_DENO20, "deno@2.4": GOT_DENO20, "deno@2.5": GOT_DENO20, "deno@2.6": GOT_DENO20, default: { ...DEADLINE, native: /^TimeoutError ETIMEDOUT <- DOMException\[TimeoutError\]/ }, "bun@1.3": { kind: "no error", why: "got's request, aborted by AbortSignal.timeout(), does not settle within 5 s (Bun 1.2.23 rejects as Node does)" } },
    async provoke(scope) {
      const port = await silentServer(scope);
      return { error: await rejection(gotGet(`http://${V4}:${port}/`, { signal: AbortSignal.timeout(300) })) };
    },
  },
  {
    id: "got-user-abort",
    client: "got",
    title: "got GET aborted by the user's own AbortController",
    expect: { "deno@2.0": GOT_DENO20, "deno@2.1": GOT_DENO20, "deno@2.2": GOT_DENO20, "deno@2.3": GOT_DENO20, "deno@2.4": GOT_DENO20, "deno@2.5": GOT_DENO20, "deno@2.6": GOT_DENO20, default: USER_ABORT },
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
    expect: { "deno@2.0": GOT_DENO20, "deno@2.1": GOT_DENO20, "deno@2.2": GOT_DENO20, "deno@2.3": GOT_DENO20, "deno@2.4": GOT_DENO20, "deno@2.5": GOT_DENO20, "deno@2.6": GOT_DENO20, default: NXDOMAIN, "bun@1.1": BUN11_HTTP_DNS, "bun@1.2": BUN12_HTTP_DNS, "bun@1.3": BUN12_HTTP_DNS },
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
    expect: { "deno@2.0": GOT_DENO20, "deno@2.1": GOT_DENO20, "deno@2.2": GOT_DENO20, "deno@2.3": GOT_DENO20, "deno@2.4": GOT_DENO20, "deno@2.5": GOT_DENO20, "deno@2.6": GOT_DENO20, "deno@2.7": DENO27_SILENT_DNS, default: DNS_SILENT, "bun@1.1": BUN11_HTTP_DNS, "bun@1.2": BUN12_HTTP_DNS, "bun@1.3": BUN12_HTTP_DNS },
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
    expect: {
      "deno@2.0": GOT_DENO20,
      "deno@2.1": GOT_DENO20,
      "deno@2.2": GOT_DENO20,
      "deno@2.3": GOT_DENO20,
      "deno@2.4": GOT_DENO20,
      "deno@2.5": GOT_DENO20,
      "deno@2.6": GOT_DENO20,
      default: BOTH_REFUSED,
      "bun@1.1": { ...BUN11_HTTP_REFUSED, knownFields: ["port"], why: `${BUN11_HTTP_REFUSED.why}; it tries one address only` },
      "bun@1.2": BUN12_GOT_REFUSED,
      "bun@1.3": BUN12_GOT_REFUSED,
    },
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
    expect: { default: REFUSED, "bun@1.1": { ...REFUSED, knownFields: [], why: `node:net says "Failed to connect" (errno 1), with no address or port` } },
    async provoke(scope) {
      const port = await closedPort(V4);
      return { error: await rejection(undiciGet(scope, `http://${V4}:${port}/`)), known: { address: V4, port } };
    },
  },
  {
    id: "undici-body-timeout",
    client: "undici",
    title: "undici request (npm undici 7, bodyTimeout 300 ms) whose body stalls after 10 of 100 bytes",
    expect: { default: { kind: "TimeoutError", code: "UND_ERR_BODY_TIMEOUT", timeout: "idle", phase: "receive", requestSent: true }, "deno@2.2": DENO22_UNDICI_BODY_TIMEOUT, "deno@2.3": DENO22_UNDICI_BODY_TIMEOUT, "deno@2.4": DENO22_UNDICI_BODY_TIMEOUT, "deno@2.5": DENO22_UNDICI_BODY_TIMEOUT },
    async provoke(scope) {
      const { port } = await scope.server((s) => s.once("data", () => s.write(httpHead(100) + "0123456789")), { host: V4 });
      return { error: await rejection(undiciGet(scope, `http://${V4}:${port}/`, {}, { bodyTimeout: 300 })) };
    },
  },
  {
    id: "undici-reset-before-response",
    client: "undici",
    title: "undici request (npm undici 7) to a server that resets (RST) once the request arrived",
    expect: {
      default: RESET,
      "bun@1.1": BUN11_UNDICI_RESET_BEFORE_RESPONSE,
      "bun@1.2": BUN11_UNDICI_RESET_BEFORE_RESPONSE,
      "bun@1.3": BUN11_UNDICI_RESET_BEFORE_RESPONSE,
    },
    async provoke(scope) {
      const port = await resettingPeer(scope);
      return { error: await rejection(undiciGet(scope, `http://${V4}:${port}/`)) };
    },
  },
  {
    id: "undici-closed-before-response",
    client: "undici",
    title: "undici request (npm undici 7) to a server that closes (FIN) before answering",
    expect: {
      default: { kind: "ConnectionResetError", code: "UND_ERR_SOCKET", phase: "receive", requestSent: true, knownFields: ["address", "port"] },
      "bun@1.1": { kind: "ConnectionResetError", code: "UND_ERR_SOCKET", phase: "receive", requestSent: true, knownFields: ["address"], why: "node:net's socket has no remotePort once closed: the port is lost" },
    },
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
    expect: { default: NXDOMAIN, "bun@1.1": BUN11_NET_DNS, "bun@1.2": BUN12_NXDOMAIN, "bun@1.3": BUN12_NXDOMAIN },
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
    expect: {
      default: DNS_SILENT,
      "deno@2.0": { ...NXDOMAIN, why: "node:dns's lookup says ENOTFOUND for a name server that never answers too (EAI_AGAIN elsewhere)" },
      "deno@2.1": DENO27_SILENT_DNS,
      "deno@2.2": DENO27_SILENT_DNS,
      "deno@2.3": DENO27_SILENT_DNS,
      "deno@2.4": DENO27_SILENT_DNS,
      "deno@2.5": DENO27_SILENT_DNS,
      "deno@2.6": DENO27_SILENT_DNS,
      "deno@2.7": DENO27_SILENT_DNS,
      "bun@1.1": BUN11_NET_DNS,
      "bun@1.2": BUN12_DNS_SILENT,
      "bun@1.3": BUN12_DNS_SILENT,
    },
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
    expect: {
      default: BOTH_REFUSED,
      "deno@2.0": { ...REFUSED, knownFields: ["port"], why: ONE_ADDRESS },
      "bun@1.1": { ...REFUSED, knownFields: [], why: `${ONE_ADDRESS}, and says "Failed to connect" (errno 1), with no address or port` },
    },
    async provoke(scope) {
      const port = await closedOnBoth();
      return { error: await rejection(undiciGet(scope, `http://localhost:${port}/`, { lookup: bothLoopbacks })), known: { port } };
    },
  },
];
