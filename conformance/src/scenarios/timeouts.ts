/**
 * @module
 * Timeouts: fetch with `AbortSignal.timeout()` and the user's own abort, and the timeouts the
 * kernel decides (SYNs unanswered, keep-alive probes unanswered), each in a network namespace of
 * its own.
 */

import { spawnSync } from "node:child_process";
import { connect } from "node:net";
import { nextError, rejection } from "../peers.ts";
import { connected, fullListener, V4 } from "../provoke.ts";
import type { Expectation, Scenario } from "../types.ts";
import { DENO22_CLOSE_FIRST } from "./clients/kit.ts";

/** Pinned: the kernel's connect timeout reported as ECONNREFUSED (lost). */
const TIMEOUT_AS_REFUSED: Expectation = {
  kind: "ConnectionRefusedError",
  code: "ECONNREFUSED",
  errno: 111,
  syscall: "connect",
  phase: "connect",
  requestSent: false,
  native: /^Error ECONNREFUSED connect$/,
  why: "node:net reports the kernel's connect timeout as ECONNREFUSED",
};

/** Deno 2.2.15, 2.3.7, 2.4.4 and 2.5.7: undici's headers clock destroys the socket, and undici hears the close first (DENO22_CLOSE_FIRST). */
const DENO22_UNDICI_HEADERS_TIMEOUT: Expectation = {
  kind: "ConnectionResetError",
  code: "UND_ERR_SOCKET",
  phase: "receive",
  requestSent: true,
  native: /^SocketError UND_ERR_SOCKET$/,
  why: `${DENO22_CLOSE_FIRST}: undici's headers clock destroys the socket, but undici sees the close first and says \`closed\` (SocketError): the timeout is lost`,
};

/** Bun 1.1's pin of tcp-connect-abort-timeout, which Bun 1.2 and 1.3 give too. */
const BUN11_TCP_CONNECT_ABORT_TIMEOUT: Expectation = { kind: "TimeoutError", timeout: "deadline", phase: null, requestSent: null, native: /^DOMException\[TimeoutError\]/, why: "rejects with the signal's DOMException itself" };

/** Bun 1.1's pin of tcp-keepalive-timeout, which Bun 1.2 and 1.3 give too. */
const BUN11_TCP_KEEPALIVE_TIMEOUT: Expectation = {
        kind: "no error",
        why: "sets the same socket options as Node (seen with strace), and the kernel times the connection out, but its node:net closes the socket without an 'error'",
      };

export const timeouts: readonly Scenario[] = [
  {
    id: "fetch-abort-timeout",
    title: "fetch with AbortSignal.timeout() to a server that never answers",
    // The caller's deadline: the DOMException says only that it passed, not where the fetch was.
    expect: { default: { kind: "TimeoutError", timeout: "deadline", phase: null, requestSent: null, native: /^DOMException\[TimeoutError\]/ } },
    async provoke(scope) {
      const { port } = await scope.server(() => {}, { host: V4 });
      return { error: await rejection(fetch(`http://${V4}:${port}/`, { signal: AbortSignal.timeout(150) })) };
    },
  },
  {
    id: "fetch-user-abort",
    title: "fetch aborted by the user's own AbortController (not a network failure)",
    expect: { default: { kind: "unchanged", native: /AbortError/ } },
    async provoke(scope) {
      const { port } = await scope.server(() => {}, { host: V4 });
      const controller = new AbortController();
      const pending = fetch(`http://${V4}:${port}/`, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      return { error: await rejection(pending) };
    },
  },

  // ---- which clock ran out: undici's (the npm package, on every runtime) -----------------------
  {
    id: "undici-headers-timeout",
    client: "undici",
    title: "undici request (npm undici 7, headersTimeout 300 ms) to a server that reads the request and never answers",
    // The wait for the response head ran out: the request was sent.
    expect: { default: { kind: "TimeoutError", code: "UND_ERR_HEADERS_TIMEOUT", timeout: "response", phase: "receive", requestSent: true }, "deno@2.2": DENO22_UNDICI_HEADERS_TIMEOUT, "deno@2.3": DENO22_UNDICI_HEADERS_TIMEOUT, "deno@2.4": DENO22_UNDICI_HEADERS_TIMEOUT, "deno@2.5": DENO22_UNDICI_HEADERS_TIMEOUT },
    async provoke(scope) {
      const { port } = await scope.server(() => {}, { host: V4 });
      const undici = await import("undici/index.js"); // on Bun, a bare "undici" is Bun's own stand-in
      const dispatcher = new undici.Agent({ headersTimeout: 300 });
      scope.defer(() => dispatcher.destroy());
      return { error: await rejection(undici.request(`http://${V4}:${port}/`, { dispatcher })) };
    },
  },
  // ---- timeouts the kernel decides (each in a network namespace of its own) ------------------
  {
    id: "tcp-connect-timeout",
    title: "net.connect to a listener whose accept queue is full (namespace, tcp_syn_retries=1)",
    namespace: { sysctls: { "net.ipv4.tcp_syn_retries": "1" }, budget: 20_000 },
    expect: {
      default: { kind: "TimeoutError", code: "ETIMEDOUT", errno: 110, syscall: "connect", timeout: "connect", phase: "connect", requestSent: false, knownFields: ["address", "port"] },
      "deno@2.0": TIMEOUT_AS_REFUSED,
      "deno@2.1": TIMEOUT_AS_REFUSED,
      "deno@2.2": TIMEOUT_AS_REFUSED,
      "deno@2.3": TIMEOUT_AS_REFUSED,
      "deno@2.4": TIMEOUT_AS_REFUSED,
      "deno@2.5": TIMEOUT_AS_REFUSED,
      "deno@2.6": TIMEOUT_AS_REFUSED,
      bun: TIMEOUT_AS_REFUSED,
      "bun@1.2": { ...TIMEOUT_AS_REFUSED, native: /^ExceptionWithHostPort\[Error\] ECONNREFUSED connect$/ },
    },
    async provoke(scope) {
      const port = await fullListener(scope);
      const socket = connect({ host: V4, port });
      scope.defer(() => socket.destroy());
      return { error: await nextError(socket, 15_000, "ETIMEDOUT"), known: { address: V4, port } };
    },
  },
  {
    id: "tcp-connect-abort-timeout",
    title: "net.connect with AbortSignal.timeout(200) to a listener whose accept queue is full (namespace)",
    namespace: { sysctls: {}, budget: 15_000 },
    // Bun 1.4.5 makes the AbortError an Error named so.
    expect: {
      // The caller's deadline, met while connecting: the AbortError and its cause say only that it passed.
      default: { kind: "TimeoutError", timeout: "deadline", phase: null, requestSent: null, native: /^(?:Error\[AbortError\]|AbortError) ABORT_ERR <- DOMException\[TimeoutError\]/ },
      "bun@1.1": BUN11_TCP_CONNECT_ABORT_TIMEOUT,
      "bun@1.2": BUN11_TCP_CONNECT_ABORT_TIMEOUT,
      "bun@1.3": BUN11_TCP_CONNECT_ABORT_TIMEOUT,
    },
    async provoke(scope) {
      const port = await fullListener(scope);
      const socket = connect({ host: V4, port, signal: AbortSignal.timeout(200) });
      scope.defer(() => socket.destroy());
      return { error: await nextError(socket, 5000, "an AbortError") };
    },
  },
  {
    id: "undici-connect-timeout",
    client: "undici",
    title: "undici request (npm undici 7, connect timeout 300 ms) to a listener whose accept queue is full (namespace)",
    namespace: { sysctls: {}, budget: 15_000 },
    // The connect's clock ran out: nothing was sent.
    expect: { default: { kind: "TimeoutError", code: "UND_ERR_CONNECT_TIMEOUT", timeout: "connect", phase: "connect", requestSent: false } },
    async provoke(scope) {
      const port = await fullListener(scope);
      const undici = await import("undici/index.js"); // on Bun, a bare "undici" is Bun's own stand-in
      const dispatcher = new undici.Agent({ connect: { timeout: 300 } });
      scope.defer(() => dispatcher.destroy());
      return { error: await rejection(undici.request(`http://${V4}:${port}/`, { dispatcher }), 10_000) };
    },
  },
  {
    id: "tcp-keepalive-timeout",
    title: "TCP keep-alive probes unanswered (namespace, loopback taken down under an idle connection)",
    namespace: { sysctls: {}, budget: 40_000 },
    // Seen with strace: Node sets SO_KEEPALIVE, TCP_KEEPIDLE, TCP_KEEPINTVL=1 and TCP_KEEPCNT=10.
    expect: {
      // The kernel's keep-alive probes gave up on an open connection.
      default: { kind: "TimeoutError", code: "ETIMEDOUT", errno: 110, syscall: "read", timeout: "keepalive", phase: "receive", requestSent: true },
      "deno@2.0": {
        kind: "not testable",
        why: "Deno 2.0's socket.setKeepAlive() makes no system call at all (seen with strace): no probe is ever sent",
      },
      deno: {
        kind: "not testable",
        why: "Deno's socket.setKeepAlive() sets TCP_KEEPIDLE only (seen with strace): with the kernel's probe interval (75 s x 9) the timeout takes over 11 minutes",
      },
      "bun@1.1": BUN11_TCP_KEEPALIVE_TIMEOUT,
      "bun@1.2": BUN11_TCP_KEEPALIVE_TIMEOUT,
      "bun@1.3": BUN11_TCP_KEEPALIVE_TIMEOUT,
    },
    async provoke(scope) {
      const { client } = await connected(scope, () => {});
      client.setKeepAlive(true, 1000);
      // Node's probes give up after about 11 s (1 s idle, then 10 probes 1 s apart).
      const error = nextError(client, 20_000, "ETIMEDOUT from keep-alive");
      // Taking lo down drops every probe silently: the peer is gone without a word.
      const down = spawnSync("ip", ["link", "set", "lo", "down"], { encoding: "utf8", timeout: 5000 });
      if (down.status !== 0) throw new Error(`ip link set lo down: ${down.stderr || down.error?.message}`);
      return { error: await error };
    },
  },
];
