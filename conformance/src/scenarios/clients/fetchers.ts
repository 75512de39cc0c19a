/**
 * @module
 * The fetch-style clients: ky 2 and ofetch 1 (both wrap the runtime's own fetch) and node-fetch 3
 * (node:http underneath), each driven into the same faults against loopback peers that write raw
 * HTTP bytes (node:net; in-process node:http servers misbehave on Deno 2.0 and Bun 1.1). Every
 * peer is a fresh server of the scenario's own, so no connection is ever reused (Deno 2.9 and Bun
 * may resend a request on a reused keep-alive connection that was reset). Retries are off
 * (`retry: 0`): ky retries a network error twice, ofetch once, by default.
 */

import { closedPort, peer, rejection, type Scope, serveDns } from "../../peers.ts";
import { Agent } from "node:http";
import { createServer } from "node:net";
import { fullListener, httpHead, noIPv6, V4, V6 } from "../../provoke.ts";
import type { Expectation, Expectations, Known, Scenario } from "../../types.ts";
import { DENO27_SILENT_DNS, load } from "./kit.ts";

type Client = "ky" | "ofetch" | "node-fetch";

/** What a GET with a text body may be given. */
interface Get {
  /** The client's own timeout option (ky, ofetch), in ms. */
  readonly timeout?: number;
  readonly signal?: AbortSignal;
  /** node-fetch's `agent` (an http.Agent with a `lookup` of the scenario's own). */
  readonly agent?: unknown;
}

type Ky = (url: string, options: Record<string, unknown>) => { text(): Promise<string> };
type Ofetch = { ofetch: (url: string, options: Record<string, unknown>) => Promise<unknown> };
type NodeFetch = (url: string, options: Record<string, unknown>) => Promise<{ text(): Promise<string> }>;

/** A GET of `url` read to the end as text, as each client's README shows it. */
async function get(client: Client, url: string, options: Get = {}): Promise<unknown> {
  if (client === "ky") {
    const ky = await load<Ky>("ky");
    // ky's default timeout is 10 s: off unless the scenario tries it.
    return ky(url, { retry: 0, timeout: options.timeout ?? false, signal: options.signal }).text();
  }
  if (client === "ofetch") {
    const { ofetch } = await load<Ofetch>("ofetch");
    return ofetch(url, { retry: 0, timeout: options.timeout, signal: options.signal, responseType: "text" });
  }
  // On Bun, a bare "node-fetch" is Bun's own stand-in (its fetch): the package itself is asked for.
  const fetch = await load<NodeFetch>("node-fetch/src/index.js");
  const response = await fetch(url, { signal: options.signal, agent: options.agent });
  return response.text();
}

/** A server on 127.0.0.1 that reads the request and then does `then` (in this process: FIN only). */
async function server(scope: Scope, then: (socket: import("node:net").Socket) => void): Promise<number> {
  const { port } = await scope.server((socket) => socket.once("data", () => then(socket)), { host: V4 });
  return port;
}

/** One fault, for every client: the pins per client, and how it is provoked. */
interface Fault {
  readonly id: string;
  readonly title: string;
  readonly expect: Readonly<Record<Client, Expectations | undefined>>;
  readonly namespace?: Scenario["namespace"];
  readonly skip?: Scenario["skip"];
  provoke(scope: Scope, client: Client): Promise<{ error: unknown; known?: Known }>;
}

const CLIENTS: readonly Client[] = ["ky", "ofetch", "node-fetch"];


/** Pins of ky and ofetch, which hand on the runtime's fetch error (as their cause, or as is). */
const both = (e: Expectations): Readonly<Record<Client, Expectations | undefined>> => ({ ky: e, ofetch: e, "node-fetch": undefined });

/** Deno 2.0.6's pin of node-fetch-reset-mid-body and node-fetch-closed-mid-body, which Deno 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7 and 2.6.8 give too. */
const DENO20_NODE_FETCH_BODY_LEAK: Expectation = { kind: "no error", leaks: /^TypeError "error reading a body from connection"/, why: "node:http emits no 'error' on the response; its fetch-based body reader leaves the failure as an unhandled rejection" };

/** Deno 2.0.6's pin of node-fetch-closed-before-response, which Deno 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7 and 2.6.8 give too. */
const DENO20_NODE_FETCH_SILENT: Expectation = { kind: "no error", why: "node:http emits no 'error' at all: node-fetch never settles" };

/**
 * node:http emits hyper's own error for a reset before the answer, `Http "connection error"` (no
 * code, no cause); node-fetch makes a FetchError of its text, with no code: mapped to the generic class.
 * Deno 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7 and 2.6.8.
 */
const DENO21_NODE_FETCH_CONNECTION_ERROR: Expectation = {
  kind: "ConnectionError",
  phase: null,
  requestSent: null,
  native: /^FetchError "request to /,
  why: "node:http emits hyper's own error, class Http, `connection error` (any I/O error on a connection once it was up), with no code and no cause; node-fetch keeps only its text (`request to ... failed, reason: connection error`), with no code: that the peer reset it, and whether the request had been written, are lost",
};

/** Deno 2.7.14's node-fetch-dns-silent (DENO27_SILENT_DNS, but node-fetch keeps no hostname field), which Deno 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7 and 2.6.8 give too. */
const DENO27_NODE_FETCH_SILENT_DNS: Expectation = { ...DENO27_SILENT_DNS, knownFields: [] };

/** The client's own clock on the whole attempt ran out: its error says nothing of where it was. */
const CLIENT_CLOCK: Expectations = {
  default: {
    kind: "TimeoutError",
    timeout: "deadline",
    phase: null,
    requestSent: null,
    why: "the client's own timer on the whole request (up to the response head) ran out: its error keeps no word of where the request was",
  },
};

/** A reset whose place the runtime's error does not keep. */
const RESET_LOST = { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, phase: null, requestSent: null } as const;

/** Bun's fetch (ky hands its error on as is: its network-error test knows no Bun text). */
const BUN_CLOSED = "Bun's fetch says a closed connection alike wherever it happened (ConnectionClosed on 1.1, ECONNRESET from 1.2 on): where, and whether the request went out, is lost";

/** Bun 1.2.23 and 1.3.14: node:http is their fetch, whose ECONNRESET node-fetch copies as its code. */
const BUN12_NODE_FETCH_CLOSED: Expectation = { ...RESET_LOST, why: `node:http is Bun's fetch, whose ECONNRESET node-fetch copies as its code: ${BUN_CLOSED}` };

/** node-fetch keeps the socket error's code, not the error: its own text says where. */
const NODE_FETCH_TEXT = "node-fetch copies only the socket error's code (its syscall as erroredSysCall) and drops it: its own text says where (\"request to ... failed, reason: read ECONNRESET\" or \"socket hang up\" before the answer, \"Invalid response body\" during it)";

/** Pinned: Bun's fetch (and its node:http) from 1.1.45 to 1.3.14 reports a name it could not resolve as ConnectionRefused (lost). */
const BUN11_DNS_AS_REFUSED = {
  kind: "ConnectionRefusedError",
  code: "ECONNREFUSED",
  errno: 111,
  phase: "connect",
  requestSent: false,
  why: "Bun's fetch (1.1.45 to 1.3.14) reports a name it could not resolve as ConnectionRefused: the resolver's failure is lost, and neterr can read only a refused connect",
} as const;

const FAULTS: readonly Fault[] = [
  {
    id: "refused",
    title: "GET to a closed port",
    expect: {
      ...both({
        default: { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, phase: "connect", requestSent: false, knownFields: ["address", "port"] },
        deno: { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, phase: "connect", requestSent: false, why: "Deno's fetch keeps only text: no address or port" },
      }),
      "node-fetch": {
        default: { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, phase: "connect", requestSent: false, why: "node-fetch copies only the socket error's code and syscall (as erroredSysCall) and drops it: no address or port" },
      },
    },
    async provoke(_scope, client) {
      const port = await closedPort(V4);
      return { error: await rejection(get(client, `http://${V4}:${port}/`)), known: { address: V4, port } };
    },
  },
  {
    id: "connect-timeout",
    title: "GET (client timeout 500 ms) to a listener whose accept queue is full (namespace)",
    namespace: { sysctls: {}, budget: 15_000 },
    expect: {
      ky: CLIENT_CLOCK,
      ofetch: {
        ...CLIENT_CLOCK,
        "bun@1.1": {
          kind: "no error",
          why: "Bun 1.1.45's fetch does not settle when aborted while its connect is pending (the SYN unanswered): ofetch's timeout aborts the fetch and waits for it (ky's own timer rejects at once)",
        },
      },
      "node-fetch": {
        default: { kind: "unchanged", why: "node-fetch 3 has no timeout option; with AbortSignal.timeout() it rejects with its own AbortError and drops the signal's reason: a timeout it made look like the user's abort" },
      },
    },
    async provoke(scope, client) {
      const port = await fullListener(scope);
      const options = client === "node-fetch" ? { signal: AbortSignal.timeout(500) } : { timeout: 500 };
      return { error: await rejection(get(client, `http://${V4}:${port}/`, options), 10_000) };
    },
  },
  {
    id: "response-timeout",
    title: "GET (client timeout 500 ms) to a server that reads the request and never answers",
    expect: both(CLIENT_CLOCK),
    async provoke(scope, client) {
      const port = await server(scope, () => {});
      return { error: await rejection(get(client, `http://${V4}:${port}/`, { timeout: 500 })) };
    },
  },
  {
    id: "body-timeout",
    title: "GET (client timeout 500 ms) whose server sends the head and 10 of 100 bytes, then nothing",
    expect: {
      ky: { default: { ...CLIENT_CLOCK.default, why: "ky's timeout also bounds reading the body (.text()); its TimeoutError keeps no word of where the request was" } },
      ofetch: { default: { kind: "no error", why: "ofetch's timeout covers the fetch up to the response head only: a body that stalls is awaited for ever" } },
      "node-fetch": undefined,
    },
    async provoke(scope, client) {
      const port = await server(scope, (socket) => socket.write(httpHead(100) + "0123456789"));
      return { error: await rejection(get(client, `http://${V4}:${port}/`, { timeout: 500 }), 3000) };
    },
  },
  {
    id: "refused-localhost-both",
    title: "GET of localhost with two addresses (::1, 127.0.0.1), both closed (an http.Agent with its own lookup)",
    skip: noIPv6,
    expect: {
      ky: { default: { kind: "not testable", why: "ky calls the runtime's fetch, which takes no lookup of the caller's: only the machine's own resolver could answer" } },
      ofetch: { default: { kind: "not testable", why: "ofetch calls the runtime's fetch, which takes no lookup of the caller's: only the machine's own resolver could answer" } },
      "node-fetch": {
        default: {
          kind: "ConnectionRefusedError",
          code: "ECONNREFUSED",
          errno: 111,
          phase: "connect",
          requestSent: false,
          why: "node-fetch copies only the code of node:net's AggregateError (its text is empty): the two refusals and the addresses are lost",
        },
        "deno@2.0": {
          kind: "ConnectionRefusedError",
          code: "ECONNREFUSED",
          errno: 111,
          phase: "connect",
          requestSent: false,
          why: "node:http is its fetch, which never asks the agent's lookup: the machine's own localhost was refused, and node-fetch copies only the code",
        },
      },
    },
    async provoke(scope, client) {
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
      const agent = new Agent({ lookup, autoSelectFamily: true } as never);
      scope.defer(() => agent.destroy());
      return { error: await rejection(get(client, `http://localhost:${port}/`, { agent })), known: { port } };
    },
  },
  {
    id: "reset-before-response",
    title: "GET to a server that reads the request and resets (RST)",
    // The server read the request, then reset: it was sent, and the reset met the wait for the answer.
    expect: {
      ...both({
        default: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, phase: "receive", requestSent: true },
        deno: { ...RESET_LOST, why: "Deno's fetch keeps only the errno's text (on its cause): not where it failed" },
        bun: { ...RESET_LOST, why: BUN_CLOSED },
      }),
      "node-fetch": {
        default: { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true, why: NODE_FETCH_TEXT },
        "deno@2.0": {
          kind: "no error",
          mayLeak: /^BadResource "Bad resource/,
          why: "node:http (fetch underneath) gives node-fetch a response of status 0 with an empty body: the reset is lost (in some runs its socket also leaks an unhandled BadResource)",
        },
        "deno@2.1": DENO21_NODE_FETCH_CONNECTION_ERROR,
        "deno@2.2": DENO21_NODE_FETCH_CONNECTION_ERROR,
        "deno@2.3": DENO21_NODE_FETCH_CONNECTION_ERROR,
        "deno@2.4": DENO21_NODE_FETCH_CONNECTION_ERROR,
        "deno@2.5": DENO21_NODE_FETCH_CONNECTION_ERROR,
        "deno@2.6": DENO21_NODE_FETCH_CONNECTION_ERROR,
        "bun@1.1": { ...RESET_LOST, why: `node:http is Bun's fetch, whose ConnectionClosed node-fetch copies as its code: ${BUN_CLOSED}` },
        "bun@1.2": BUN12_NODE_FETCH_CLOSED,
        "bun@1.3": BUN12_NODE_FETCH_CLOSED,
      },
    },
    async provoke(scope, client) {
      const port = await peer(scope, { kind: "tcp", on: "data", then: "reset" });
      return { error: await rejection(get(client, `http://${V4}:${port}/`)) };
    },
  },
  {
    id: "reset-mid-body",
    title: "GET whose body the server resets (RST after 10 of 100 bytes)",
    // The head came: the request was sent; the reset cut the body.
    expect: {
      ...both({
        default: { kind: "ConnectionResetError", phase: "receive", requestSent: true, why: "the runtime's fetch error on reading the body, which neither client wraps" },
        bun: { ...RESET_LOST, why: BUN_CLOSED },
      }),
      "node-fetch": {
        default: { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true, why: NODE_FETCH_TEXT },
        "deno@2.0": DENO20_NODE_FETCH_BODY_LEAK,
        "deno@2.1": DENO20_NODE_FETCH_BODY_LEAK,
        "deno@2.2": DENO20_NODE_FETCH_BODY_LEAK,
        "deno@2.3": DENO20_NODE_FETCH_BODY_LEAK,
        "deno@2.4": DENO20_NODE_FETCH_BODY_LEAK,
        "deno@2.5": DENO20_NODE_FETCH_BODY_LEAK,
        "deno@2.6": DENO20_NODE_FETCH_BODY_LEAK,
        "bun@1.1": {
          kind: "ConnectionResetError",
          code: "ECONNRESET",
          errno: 104,
          phase: "receive",
          requestSent: true,
          native: /^FetchError ConnectionClosed$/,
          why: "node:http is Bun's fetch, whose ConnectionClosed (said alike wherever it happened) node-fetch copies as its code; node-fetch's own text says it was reading the body",
        },
      },
    },
    async provoke(scope, client) {
      const port = await peer(scope, { kind: "tcp", on: "data", write: httpHead(100) + "0123456789", then: "reset", delay: 20 });
      return { error: await rejection(get(client, `http://${V4}:${port}/`)) };
    },
  },
  {
    id: "closed-before-response",
    title: "GET to a server that reads the request and closes (FIN)",
    // The server read the request, then closed: it was sent. Every runtime reports a connection
    // closed under a request as a reset (Node's "socket hang up").
    expect: {
      ...both({
        default: { kind: "ConnectionResetError", phase: "receive", requestSent: true },
        bun: { ...RESET_LOST, why: BUN_CLOSED },
      }),
      "node-fetch": {
        default: { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true, why: NODE_FETCH_TEXT },
        "deno@2.0": DENO20_NODE_FETCH_SILENT,
        "deno@2.1": DENO20_NODE_FETCH_SILENT,
        "deno@2.2": DENO20_NODE_FETCH_SILENT,
        "deno@2.3": DENO20_NODE_FETCH_SILENT,
        "deno@2.4": DENO20_NODE_FETCH_SILENT,
        "deno@2.5": DENO20_NODE_FETCH_SILENT,
        "deno@2.6": DENO20_NODE_FETCH_SILENT,
        "bun@1.1": { ...RESET_LOST, why: `node:http is Bun's fetch, whose ConnectionClosed node-fetch copies as its code: ${BUN_CLOSED}` },
        "bun@1.2": BUN12_NODE_FETCH_CLOSED,
        "bun@1.3": BUN12_NODE_FETCH_CLOSED,
      },
    },
    async provoke(scope, client) {
      const port = await server(scope, (socket) => socket.end());
      return { error: await rejection(get(client, `http://${V4}:${port}/`)) };
    },
  },
  {
    id: "closed-mid-body",
    title: "GET whose body the server cuts short (FIN after 10 of 100 bytes)",
    expect: {
      ...both({
        default: { kind: "ConnectionResetError", phase: "receive", requestSent: true, why: "the runtime's fetch error on reading the body, which neither client wraps" },
        bun: { ...RESET_LOST, why: BUN_CLOSED },
      }),
      "node-fetch": {
        default: { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true, why: NODE_FETCH_TEXT },
        "deno@2.0": DENO20_NODE_FETCH_BODY_LEAK,
        "deno@2.1": DENO20_NODE_FETCH_BODY_LEAK,
        "deno@2.2": DENO20_NODE_FETCH_BODY_LEAK,
        "deno@2.3": DENO20_NODE_FETCH_BODY_LEAK,
        "deno@2.4": DENO20_NODE_FETCH_BODY_LEAK,
        "deno@2.5": DENO20_NODE_FETCH_BODY_LEAK,
        "deno@2.6": DENO20_NODE_FETCH_BODY_LEAK,
        "bun@1.1": {
          kind: "ConnectionResetError",
          code: "ECONNRESET",
          errno: 104,
          phase: "receive",
          requestSent: true,
          native: /^FetchError ConnectionClosed$/,
          why: "node:http is Bun's fetch, whose ConnectionClosed (said alike wherever it happened) node-fetch copies as its code; node-fetch's own text says it was reading the body",
        },
      },
    },
    async provoke(scope, client) {
      const port = await server(scope, (socket) => {
        socket.write(httpHead(100) + "0123456789");
        setTimeout(() => socket.end(), 20);
      });
      return { error: await rejection(get(client, `http://${V4}:${port}/`)) };
    },
  },
  {
    id: "abort-timeout",
    title: "GET with AbortSignal.timeout(300) to a server that never answers",
    expect: {
      ...both({ default: { kind: "TimeoutError", timeout: "deadline", phase: null, requestSent: null, why: "the caller's deadline: the signal's TimeoutError says only that it passed" } }),
      "node-fetch": {
        default: { kind: "unchanged", why: "node-fetch 3 rejects with its own AbortError for any abort and drops the signal's reason (TimeoutError): nothing tells it from the user's abort" },
      },
    },
    async provoke(scope, client) {
      const port = await server(scope, () => {});
      return { error: await rejection(get(client, `http://${V4}:${port}/`, { signal: AbortSignal.timeout(300) })) };
    },
  },
  {
    id: "user-abort",
    title: "GET aborted by the user's own AbortController (not a network failure)",
    expect: { ky: { default: { kind: "unchanged" } }, ofetch: { default: { kind: "unchanged" } }, "node-fetch": { default: { kind: "unchanged" } } },
    async provoke(scope, client) {
      const port = await server(scope, () => {});
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      return { error: await rejection(get(client, `http://${V4}:${port}/`, { signal: controller.signal })) };
    },
  },
  {
    id: "http-404",
    title: "GET answered 404 (an HTTP status, not a network failure)",
    expect: { ...both({ default: { kind: "unchanged" } }) },
    async provoke(scope, client) {
      const port = await server(scope, (socket) => socket.end("HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"));
      return { error: await rejection(get(client, `http://${V4}:${port}/`)) };
    },
  },
  {
    id: "nxdomain",
    title: "GET of a name the loopback name server answers NXDOMAIN (namespace)",
    namespace: { sysctls: {}, budget: 20_000, resolver: true },
    expect: {
      ...both({ default: { kind: "NameResolutionError", code: "ENOTFOUND", phase: "resolve", requestSent: false }, "bun@1.1": BUN11_DNS_AS_REFUSED, "bun@1.2": BUN11_DNS_AS_REFUSED, "bun@1.3": BUN11_DNS_AS_REFUSED }),
      "node-fetch": { default: { kind: "NameResolutionError", code: "ENOTFOUND", phase: "resolve", requestSent: false }, "bun@1.1": BUN11_DNS_AS_REFUSED, "bun@1.2": BUN11_DNS_AS_REFUSED, "bun@1.3": BUN11_DNS_AS_REFUSED },
    },
    async provoke(scope, client) {
      await serveDns(scope, "nxdomain", 53);
      return { error: await rejection(get(client, "http://nx.neterr.test:8080/"), 10_000), known: { hostname: "nx.neterr.test" } };
    },
  },
  {
    id: "dns-silent",
    title: "GET of a name whose loopback name server never answers (namespace)",
    namespace: { sysctls: {}, budget: 20_000, resolver: true },
    expect: {
      ...both({ default: { kind: "NameResolutionError", code: "EAI_AGAIN", phase: "resolve", requestSent: false }, "bun@1.1": BUN11_DNS_AS_REFUSED, "bun@1.2": BUN11_DNS_AS_REFUSED, "bun@1.3": BUN11_DNS_AS_REFUSED }),
      "node-fetch": { default: { kind: "NameResolutionError", code: "EAI_AGAIN", phase: "resolve", requestSent: false }, "deno@2.1": DENO27_NODE_FETCH_SILENT_DNS, "deno@2.2": DENO27_NODE_FETCH_SILENT_DNS, "deno@2.3": DENO27_NODE_FETCH_SILENT_DNS, "deno@2.4": DENO27_NODE_FETCH_SILENT_DNS, "deno@2.5": DENO27_NODE_FETCH_SILENT_DNS, "deno@2.6": DENO27_NODE_FETCH_SILENT_DNS, "deno@2.7": DENO27_NODE_FETCH_SILENT_DNS, "bun@1.1": BUN11_DNS_AS_REFUSED, "bun@1.2": BUN11_DNS_AS_REFUSED, "bun@1.3": BUN11_DNS_AS_REFUSED },
    },
    async provoke(scope, client) {
      await serveDns(scope, "silent", 53);
      return { error: await rejection(get(client, "http://silent.neterr.test:8080/"), 10_000), known: { hostname: "silent.neterr.test" } };
    },
  },
];

export const fetcherClients: readonly Scenario[] = FAULTS.flatMap((fault) =>
  CLIENTS.flatMap((client): Scenario[] => {
    const expect = fault.expect[client];
    if (expect === undefined) return [];
    return [
      {
        id: `${client}-${fault.id}`,
        client,
        title: `${client} ${fault.title}`,
        expect,
        ...(fault.namespace ? { namespace: fault.namespace } : {}),
        ...(fault.skip ? { skip: fault.skip } : {}),
        provoke: (scope) => fault.provoke(scope, client),
      },
    ];
  }),
);

