/**
 * @module
 * ws (the npm WebSocket client) against loopback peers that refuse, close, reset, answer with
 * something that is no upgrade, or never answer, during the opening handshake; and peers that
 * complete the upgrade, then close or reset. What the user holds is what ws's `'error'` event
 * emits; where ws emits none, the scenario reports the silence with what `'close'` gave.
 */

import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createServer } from "node:net";
import { closedPort, peer, peerCommand, serveDns, Silence, type Scope } from "../../peers.ts";
import { fullListener, noIPv6, V4, V6 } from "../../provoke.ts";
import type { Expectation, Scenario } from "../../types.ts";
import { DENO27_SILENT_DNS, load } from "./kit.ts";
import { DENO21_HTTP_CONNECTION_ERROR } from "../reset.ts";
import { BUN12_CONNECTION_ENDED } from "../websocket.ts";

interface WebSocketLike {
  on(event: "error", listener: (error: unknown) => void): unknown;
  on(event: "close", listener: (code: number, reason: unknown) => void): unknown;
  on(event: "open", listener: () => void): unknown;
  terminate(): void;
}
type Ws = new (url: string, options?: Record<string, unknown>) => WebSocketLike;

/**
 * Opens a ws client to `url`; resolves with the first `'error'` it emits, or rejects with
 * {@link Silence} (saying what `'close'` gave) when it closes without one or `ms` pass.
 */
async function wsError(scope: Scope, url: string, options: Record<string, unknown> = {}, ms = 8000): Promise<unknown> {
  const WebSocket = await load<Ws>("ws");
  const socket = new WebSocket(url, options);
  scope.defer(() => socket.terminate());
  return await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Silence(`no 'error' and no 'close' within ${ms} ms`)), ms);
    socket.on("error", (error) => {
      clearTimeout(timer);
      resolve(error);
    });
    socket.on("close", (code, reason) => {
      clearTimeout(timer);
      // After an 'error', ws closes too: the error (already resolved) is what counts.
      reject(new Silence(`no 'error'; 'close' with code ${code} and reason ${JSON.stringify(String(reason))}`));
    });
  });
}

/**
 * A peer (a Node process of its own, whatever runtime is under test: Deno 2.0's node:net has no
 * `resetAndDestroy()`) that completes the WebSocket upgrade (Sec-WebSocket-Accept from node:crypto)
 * and then, after 200 ms, closes (FIN) or resets (RST). Resolves with its port on 127.0.0.1.
 */
async function upgradedPeer(scope: Scope, then: "end" | "reset"): Promise<number> {
  const script = join(scope.tmpdir(), "ws-peer.mjs");
  writeFileSync(
    script,
    [
      `import { createServer } from "node:net";`,
      `import { createHash } from "node:crypto";`,
      `const server = createServer((socket) => {`,
      `  socket.on("error", () => {});`,
      `  let head = "";`,
      `  socket.on("data", (data) => {`,
      `    head += data;`,
      `    if (!head.includes("\\r\\n\\r\\n")) return;`,
      `    const key = /sec-websocket-key: *([^\\r]+)/i.exec(head)[1].trim();`,
      `    const accept = createHash("sha1").update(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest("base64");`,
      `    socket.write("HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: " + accept + "\\r\\n\\r\\n");`,
      `    setTimeout(() => (${JSON.stringify(then)} === "reset" ? socket.resetAndDestroy() : socket.end()), 200);`,
      `  });`,
      `});`,
      `server.listen(0, "127.0.0.1", () => console.log(server.address().port));`,
      `process.stdin.on("end", () => process.exit(0)).resume();`,
      ``,
    ].join("\n"),
  );
  const [cmd, ...args] = peerCommand(script);
  const child = spawn(cmd!, args, { stdio: ["pipe", "pipe", "inherit"] });
  scope.defer(() => {
    child.stdin.end();
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the WebSocket peer gave no port within 10 s")), 10_000);
    child.stdout.setEncoding("utf8").once("data", (data: string) => {
      clearTimeout(timer);
      resolve(Number(data.trim()));
    });
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** ws's own handshake clock (`handshakeTimeout`): the same text whether the connect or the answer was late. */
const HANDSHAKE_TIMEOUT = {
  kind: "TimeoutError",
  timeout: "connect",
  phase: null,
  requestSent: null,
  native: /^Error "Opening handshake has timed out"$/,
} as const;

/** Bun 1.1 answers `import "ws"` with a WebSocket of its own (its native one), not the npm package. */
const BUN_OWN_WS = "Bun 1.1 replaces the npm ws with its own WebSocket";

const HANDSHAKE_TIMEOUT_IGNORED = {
  kind: "no error",
  why: `${BUN_OWN_WS}, which ignores handshakeTimeout: neither 'error' nor 'close' within 4 s`,
} as const;

/** Bun 1.1's pin of ws-refused, which Bun 1.2 and 1.3 give too. */
const BUN11_WS_REFUSED: Expectation = {
        kind: "OSError",
        phase: null,
        requestSent: false,
        native: /^ErrorEvent "WebSocket connection to/,
        why: `${BUN_OWN_WS}: 'error' emits an ErrorEvent \`WebSocket connection to '...' failed: Failed to connect\`, no code; it says \`Failed to connect\` of a failed lookup too`,
      };

/** Bun 1.1's pin of ws-localhost-both, which Bun 1.2 and 1.3 give too. */
const BUN11_WS_LOCALHOST_BOTH: Expectation = {
        kind: "OSError",
        phase: null,
        requestSent: false,
        native: /^ErrorEvent "WebSocket connection to/,
        why: `${BUN_OWN_WS}: an ErrorEvent \`failed: Failed to connect\`, no code (it tried one address only)`,
      };

/** Bun 1.1's pin of ws-nxdomain, which Bun 1.2 and 1.3 give too. */
const BUN11_WS_NXDOMAIN: Expectation = {
        kind: "OSError",
        phase: null,
        requestSent: false,
        native: /^ErrorEvent "WebSocket connection to/,
        why: `${BUN_OWN_WS}: an ErrorEvent \`failed: Failed to connect\`, no code, the same text as for a refused connect: the failed lookup is lost: neterr can say only that nothing was sent`,
      };

/** Bun 1.1's pin of ws-dns-silent, which Bun 1.2 and 1.3 give too. */
const BUN11_WS_DNS_SILENT: Expectation = {
        kind: "OSError",
        phase: null,
        requestSent: false,
        native: /^ErrorEvent "WebSocket connection to/,
        why: `${BUN_OWN_WS}: an ErrorEvent \`failed: Failed to connect\`, no code, the same text as for a refused connect: the failed lookup is lost: neterr can say only that nothing was sent`,
      };

/** Bun 1.1's pin of ws-user-terminate, which Bun 1.2 gives too. */
const BUN11_WS_USER_TERMINATE: Expectation = { kind: "no error", why: `${BUN_OWN_WS}, whose terminate() while connecting emits neither 'error' nor 'close' within 5 s` };

/** Bun 1.2.23 and 1.3.14: their own WebSocket (in place of the npm ws) says why the handshake failed only as text. */
const BUN12_WS_NO_101: Expectation = { kind: "unchanged", native: /^ErrorEvent "WebSocket connection to '/, why: "Bun replaces the npm ws with its own WebSocket, whose ErrorEvent says only 'Expected 101 status code' (no status, no parse error)" };

/** Deno 2.0.6's pin of ws-localhost-both, which Deno 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7 and 2.6.8 give too. */
const DENO20_WS_NO_LOOKUP: Expectation = { kind: "not testable", why: "node:http (its fetch) throws `Not implemented: ClientRequest.options.lookup`" };

/** Deno 2.0.6's pin of ws-fin-handshake, which Deno 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7 and 2.6.8 give too. */
const DENO20_WS_FIN_SILENT: Expectation = { kind: "no error", why: "node:http (its fetch) reports nothing: neither 'error' nor 'close' within 8 s" };

/** Deno 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7 and 2.6.8: node:http emits hyper's own parse error, and ws hands it on. */
const DENO21_WS_GARBAGE: Expectation = { kind: "unchanged", native: /^Http "invalid HTTP version parsed"$/, why: "node:http emits hyper's own error, class Http, `invalid HTTP version parsed`, with no code" };

export const wsClients: readonly Scenario[] = [
  {
    id: "ws-refused",
    client: "ws",
    title: "ws new WebSocket() to a closed port",
    // ws emits node:http's own error (its 'close' then says 1006).
    expect: {
      default: { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect", phase: "connect", requestSent: false, knownFields: ["address", "port"] },
      "deno@2.0": {
        kind: "ConnectionRefusedError",
        code: "ECONNREFUSED",
        errno: 111,
        phase: "connect",
        requestSent: false,
        native: /^TypeError ECONNREFUSED$/,
        why: "node:http is its fetch: a TypeError whose text says `tcp connect error: Connection refused (os error 111)`, with no syscall, address or port",
      },
      "bun@1.1": BUN11_WS_REFUSED,
      "bun@1.2": BUN11_WS_REFUSED,
      "bun@1.3": BUN11_WS_REFUSED,
    },
    async provoke(scope) {
      const port = await closedPort(V4);
      return { error: await wsError(scope, `ws://${V4}:${port}/`), known: { address: V4, port } };
    },
  },
  {
    id: "ws-localhost-both",
    client: "ws",
    title: "ws new WebSocket() to localhost with two addresses (::1, 127.0.0.1), both closed (its lookup option)",
    skip: noIPv6,
    expect: {
      // ws hands on node:net's AggregateError (happy eyeballs), as net.connect gives it.
      default: { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect", phase: "connect", requestSent: false, knownFields: ["port"], errors: 2, native: /^AggregateError/ },
      "deno@2.0": DENO20_WS_NO_LOOKUP,
      "deno@2.1": DENO20_WS_NO_LOOKUP,
      "deno@2.2": DENO20_WS_NO_LOOKUP,
      "deno@2.3": DENO20_WS_NO_LOOKUP,
      "deno@2.4": DENO20_WS_NO_LOOKUP,
      "deno@2.5": DENO20_WS_NO_LOOKUP,
      "deno@2.6": DENO20_WS_NO_LOOKUP,
      "bun@1.1": BUN11_WS_LOCALHOST_BOTH,
      "bun@1.2": BUN11_WS_LOCALHOST_BOTH,
      "bun@1.3": BUN11_WS_LOCALHOST_BOTH,
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
      // The lookup answers as /etc/hosts with both entries would, without asking any resolver.
      const lookup = (_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void): void => {
        const all = [
          { address: V6, family: 6 },
          { address: V4, family: 4 },
        ];
        if (options.all) callback(null, all);
        else callback(null, V6, 6);
      };
      return { error: await wsError(scope, `ws://localhost:${port}/`, { lookup, autoSelectFamily: true }), known: { port } };
    },
  },
  {
    id: "ws-nxdomain",
    client: "ws",
    title: "ws new WebSocket() to a name the loopback name server answers NXDOMAIN (namespace)",
    namespace: { sysctls: {}, budget: 20_000, resolver: true },
    expect: {
      default: { kind: "NameResolutionError", code: "ENOTFOUND", syscall: "getaddrinfo", phase: "resolve", requestSent: false, knownFields: ["hostname"] },
      "deno@2.0": {
        kind: "NameResolutionError",
        code: "ENOTFOUND",
        phase: "resolve",
        requestSent: false,
        native: /^TypeError "error sending request/,
        why: "node:http is its fetch: a TypeError whose text says `dns error: failed to lookup address information`, with no syscall or hostname field",
      },
      "bun@1.1": BUN11_WS_NXDOMAIN,
      "bun@1.2": BUN11_WS_NXDOMAIN,
      "bun@1.3": BUN11_WS_NXDOMAIN,
    },
    async provoke(scope) {
      await serveDns(scope, "nxdomain", 53);
      const hostname = "nx.neterr.test";
      return { error: await wsError(scope, `ws://${hostname}:80/`), known: { hostname } };
    },
  },
  {
    id: "ws-fin-handshake",
    client: "ws",
    title: "ws new WebSocket() to a peer that reads the upgrade request and closes (FIN)",
    // node:http's "socket hang up", ECONNRESET, for the FIN (as in http-closed-before-response).
    expect: {
      default: { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true, native: /^Error ECONNRESET$/ },
      "deno@2.0": DENO20_WS_FIN_SILENT,
      "deno@2.1": DENO20_WS_FIN_SILENT,
      "deno@2.2": DENO20_WS_FIN_SILENT,
      "deno@2.3": DENO20_WS_FIN_SILENT,
      "deno@2.4": DENO20_WS_FIN_SILENT,
      "deno@2.5": DENO20_WS_FIN_SILENT,
      "deno@2.6": DENO20_WS_FIN_SILENT,
      "bun@1.1": { kind: "no error", why: `${BUN_OWN_WS}: no 'error', only 'close' with 1006 and reason "Connection ended"` },
      "bun@1.2": BUN12_CONNECTION_ENDED,
      "bun@1.3": BUN12_CONNECTION_ENDED,
    },
    async provoke(scope) {
      const port = await peer(scope, { kind: "tcp", on: "data", then: "end" });
      return { error: await wsError(scope, `ws://${V4}:${port}/`) };
    },
  },
  {
    id: "ws-reset-handshake",
    client: "ws",
    title: "ws new WebSocket() to a peer that reads the upgrade request and resets (RST)",
    expect: {
      default: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, syscall: "read", phase: "receive", requestSent: true },
      "deno@2.0": {
        kind: "ConnectionError",
        phase: null,
        requestSent: null,
        native: /^Error "Unexpected server response: 0"$/,
        why: "node:http (its fetch) makes the reset a response with status 0, and ws says `Unexpected server response: 0`: no HTTP server answers 0, so the connection failed, but how and where is lost",
      },
      "deno@2.1": DENO21_HTTP_CONNECTION_ERROR,
      "deno@2.2": DENO21_HTTP_CONNECTION_ERROR,
      "deno@2.3": DENO21_HTTP_CONNECTION_ERROR,
      "deno@2.4": DENO21_HTTP_CONNECTION_ERROR,
      "deno@2.5": DENO21_HTTP_CONNECTION_ERROR,
      "deno@2.6": DENO21_HTTP_CONNECTION_ERROR,
      "bun@1.1": { kind: "no error", why: `${BUN_OWN_WS}: no 'error', only 'close' with 1006 and reason "Connection ended"` },
      "bun@1.2": BUN12_CONNECTION_ENDED,
      "bun@1.3": BUN12_CONNECTION_ENDED,
    },
    async provoke(scope) {
      const port = await peer(scope, { kind: "tcp", on: "data", then: "reset" });
      return { error: await wsError(scope, `ws://${V4}:${port}/`) };
    },
  },
  {
    id: "ws-http-200",
    client: "ws",
    title: "ws new WebSocket() to a peer that answers HTTP 200 instead of an upgrade",
    // An answer that is no upgrade: an HTTP-level refusal, not a network failure.
    expect: {
      default: { kind: "unchanged", native: /^Error "Unexpected server response: 200"$/ },
      "bun@1.1": { kind: "no error", why: `${BUN_OWN_WS}: no 'error', only 'close' with 1002 and reason "Expected 101 status code"` },
      "bun@1.2": BUN12_WS_NO_101,
      "bun@1.3": BUN12_WS_NO_101,
    },
    async provoke(scope) {
      const port = await peer(scope, { kind: "tcp", on: "data", write: "HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n", then: "end", delay: 200 });
      return { error: await wsError(scope, `ws://${V4}:${port}/`) };
    },
  },
  {
    id: "ws-garbage",
    client: "ws",
    title: "ws new WebSocket() to a peer that answers with bytes that are not HTTP",
    // A malformed answer: the network delivered it, the peer speaks something else.
    expect: {
      default: { kind: "unchanged", native: /^Error HPE_INVALID_CONSTANT$/ },
      "deno@2.0": { kind: "unchanged", native: /^TypeError "error sending request/, why: "node:http is its fetch: `client error (SendRequest): invalid HTTP version parsed`" },
      "deno@2.1": DENO21_WS_GARBAGE,
      "deno@2.2": DENO21_WS_GARBAGE,
      "deno@2.3": DENO21_WS_GARBAGE,
      "deno@2.4": DENO21_WS_GARBAGE,
      "deno@2.5": DENO21_WS_GARBAGE,
      "deno@2.6": DENO21_WS_GARBAGE,
      "bun@1.1": { kind: "no error", why: `${BUN_OWN_WS}: no 'error', only 'close' with 1002 and reason "Expected 101 status code"` },
      "bun@1.2": BUN12_WS_NO_101,
      "bun@1.3": BUN12_WS_NO_101,
    },
    async provoke(scope) {
      const port = await peer(scope, { kind: "tcp", on: "data", write: "SSH-2.0-OpenSSH_9.6\r\n\r\n", then: "end", delay: 200 });
      return { error: await wsError(scope, `ws://${V4}:${port}/`) };
    },
  },
  {
    id: "ws-handshake-timeout",
    client: "ws",
    title: "ws new WebSocket() (handshakeTimeout 500 ms) to a peer that accepts and never answers",
    expect: {
      default: { ...HANDSHAKE_TIMEOUT, why: "ws's own text, no code: its clock covers the connect and the wait for the 101 alike (here the request was sent)" },
      "bun@1.1": HANDSHAKE_TIMEOUT_IGNORED,
      "bun@1.2": HANDSHAKE_TIMEOUT_IGNORED,
      "bun@1.3": HANDSHAKE_TIMEOUT_IGNORED,
    },
    async provoke(scope) {
      const { port } = await scope.server(() => {}, { host: V4 });
      return { error: await wsError(scope, `ws://${V4}:${port}/`, { handshakeTimeout: 500 }, 4000) };
    },
  },
  {
    id: "ws-connect-timeout",
    client: "ws",
    title: "ws new WebSocket() (handshakeTimeout 500 ms) to a listener whose accept queue is full (namespace)",
    namespace: { sysctls: {}, budget: 15_000 },
    expect: {
      default: { ...HANDSHAKE_TIMEOUT, why: "ws's own text, no code: its clock covers the connect and the wait for the 101 alike (here nothing was sent)" },
      "bun@1.1": HANDSHAKE_TIMEOUT_IGNORED,
      "bun@1.2": HANDSHAKE_TIMEOUT_IGNORED,
      "bun@1.3": HANDSHAKE_TIMEOUT_IGNORED,
    },
    async provoke(scope) {
      const port = await fullListener(scope);
      return { error: await wsError(scope, `ws://${V4}:${port}/`, { handshakeTimeout: 500 }, 4000) };
    },
  },
  {
    id: "ws-dns-silent",
    client: "ws",
    title: "ws new WebSocket() to a name whose name server never answers (namespace, resolv.conf timeout 1 s)",
    namespace: { sysctls: {}, budget: 20_000, resolver: true },
    // getaddrinfo's EAI_AGAIN says "try again" (SERVFAIL and silence alike), not that a clock ran out.
    expect: {
      default: { kind: "NameResolutionError", code: "EAI_AGAIN", syscall: "getaddrinfo", phase: "resolve", requestSent: false, knownFields: ["hostname"] },
      "deno@2.0": {
        kind: "NameResolutionError",
        code: "EAI_AGAIN",
        phase: "resolve",
        requestSent: false,
        native: /^TypeError "error sending request/,
        why: "node:http is its fetch: a TypeError whose text says `dns error: failed to lookup address information: Temporary failure in name resolution`, with no syscall or hostname field",
      },
      "deno@2.1": DENO27_SILENT_DNS,
      "deno@2.2": DENO27_SILENT_DNS,
      "deno@2.3": DENO27_SILENT_DNS,
      "deno@2.4": DENO27_SILENT_DNS,
      "deno@2.5": DENO27_SILENT_DNS,
      "deno@2.6": DENO27_SILENT_DNS,
      "deno@2.7": DENO27_SILENT_DNS,
      bun: {
        kind: "NameResolutionError",
        code: "ENOTFOUND",
        syscall: "getaddrinfo",
        phase: "resolve",
        requestSent: false,
        knownFields: ["hostname"],
        why: "node:http's lookup says ENOTFOUND for a name server that never answers (its node:net says EAI_AGAIN: mysql2-dns-silent)",
      },
      "bun@1.1": BUN11_WS_DNS_SILENT,
      "bun@1.2": BUN11_WS_DNS_SILENT,
      "bun@1.3": BUN11_WS_DNS_SILENT,
    },
    async provoke(scope) {
      await serveDns(scope, "silent", 53);
      const hostname = "silent.neterr.test";
      return { error: await wsError(scope, `ws://${hostname}:80/`), known: { hostname } };
    },
  },
  {
    id: "ws-user-terminate",
    client: "ws",
    title: "ws terminate() by the user during the opening handshake (a peer that never answers)",
    // The user's own abort: not a network failure.
    expect: {
      default: { kind: "unchanged", native: /^Error "WebSocket was closed before the conn/ },
      "bun@1.1": BUN11_WS_USER_TERMINATE,
      "bun@1.2": BUN11_WS_USER_TERMINATE,
      "bun@1.3": { kind: "unchanged", native: /^ErrorEvent "WebSocket connection to '/, why: "Bun replaces the npm ws with its own WebSocket, whose ErrorEvent says 'WebSocket is closed before the connection is established': the user's own terminate(), no network failure" },
    },
    async provoke(scope) {
      const { port } = await scope.server(() => {}, { host: V4 });
      const WebSocket = await load<Ws>("ws");
      const socket = new WebSocket(`ws://${V4}:${port}/`);
      const error = new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Silence("no 'error' and no 'close' within 5000 ms")), 5000);
        socket.on("error", (e) => {
          clearTimeout(timer);
          resolve(e);
        });
        socket.on("close", (code, reason) => {
          clearTimeout(timer);
          reject(new Silence(`no 'error'; 'close' with code ${code} and reason ${JSON.stringify(String(reason))}`));
        });
      });
      setTimeout(() => socket.terminate(), 200);
      return { error: await error };
    },
  },
  {
    id: "ws-fin-after-open",
    client: "ws",
    title: "ws connection open, then the peer closes (FIN) without a close frame",
    expect: { default: { kind: "no error", why: "ws emits no 'error': only 'close' with 1006 (abnormal closure)" } },
    async provoke(scope) {
      const port = await upgradedPeer(scope, "end");
      return { error: await wsError(scope, `ws://${V4}:${port}/`) };
    },
  },
  {
    id: "ws-reset-after-open",
    client: "ws",
    title: "ws connection open, then the peer resets (RST)",
    expect: { default: { kind: "no error", why: "ws swallows the socket's ECONNRESET after the upgrade: no 'error', only 'close' with 1006 (abnormal closure)" } },
    async provoke(scope) {
      const port = await upgradedPeer(scope, "reset");
      return { error: await wsError(scope, `ws://${V4}:${port}/`) };
    },
  },
];
