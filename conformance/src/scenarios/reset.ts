/**
 * @module
 * Connection reset: a TCP peer that resets while we read or before we write, and node:http
 * requests whose server resets or closes before answering or in the middle of the body.
 */

import { get, type IncomingMessage } from "node:http";
import { connect } from "node:net";
import { nextError, peer, sleep } from "../peers.ts";
import { connected, httpHead, V4, writeError } from "../provoke.ts";
import type { Expectation, Scenario } from "../types.ts";

/** Bun 1.1's pin of tcp-reset-on-read, which Bun 1.2 and 1.3 give too. */
const BUN11_TCP_RESET_ON_READ: Expectation = { kind: "no error", why: "node:net closes the socket without an 'error': the reset is lost" };

/** Bun 1.1's pin of tcp-reset-on-write, which Bun 1.2 and 1.3 give too. */
const BUN11_TCP_RESET_ON_WRITE: Expectation = { kind: "BrokenPipeError", code: "EPIPE", errno: 32, phase: "send", requestSent: null, native: /^Error EPIPE$/, why: "node:net reports EPIPE, as if the peer had closed, with no syscall (its text says it was a write)" };

/** Bun 1.1's pin of http-reset-before-response, which Bun 1.2 and 1.3 give too. */
const BUN11_HTTP_RESET_BEFORE_RESPONSE: Expectation = { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, phase: null, requestSent: null, why: "node:http is its fetch, and says ConnectionClosed, with no syscall: where it failed is lost" };

/** Bun 1.1's pin of http-closed-mid-body, which Bun 1.2 and 1.3 give too. */
const BUN11_HTTP_CLOSED_MID_BODY: Expectation = { kind: "ConnectionResetError", code: "ECONNRESET", phase: null, requestSent: null, why: "node:http is its fetch, and says ConnectionClosed, with no syscall: where it failed is lost" };

/** Bun 1.2.23 and 1.3.14: node:http (its fetch) says ECONNRESET of a connection closed before the answer. */
const BUN12_HTTP_CLOSED: Expectation = { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, phase: null, requestSent: null, native: /^Error ECONNRESET$/, why: "node:http is its fetch, and says ECONNRESET of a FIN (said of a cut TLS handshake too: no phase)" };

/** Deno 2.0.6's pin of tcp-reset-on-write, which Deno 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7 and 2.6.8 give too. */
const DENO20_TCP_RESET_ON_WRITE: Expectation = { kind: "OSError", code: "UNKNOWN", syscall: "write", phase: "send", requestSent: null, native: /^Error UNKNOWN write$/, why: "node:net reports libuv's UNKNOWN" };

/** Deno 2.0.6's pin of http-reset-before-response and http-closed-before-response (the latter Deno 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7 and 2.6.8 give too). */
const DENO20_HTTP_NO_ERROR: Expectation = { kind: "no error", why: "node:http emits no 'error' at all" };

/** Deno 2.0.6's pin of http-closed-mid-body, which Deno 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7 and 2.6.8 give too. */
const DENO20_HTTP_BODY_LEAK: Expectation = {
  kind: "no error",
  leaks: /^TypeError "error reading a body from connection"/,
  why: "node:http emits no 'error' on the response, and its fetch-based body reader leaves the failure as an unhandled rejection",
};

/**
 * node:http emits hyper's own error for a reset before the answer, `Http "connection error"` (no
 * code, no cause): mapped to the generic class; ws-reset-handshake too (ws hands it on).
 * Deno 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7 and 2.6.8.
 */
export const DENO21_HTTP_CONNECTION_ERROR: Expectation = {
  kind: "ConnectionError",
  phase: null,
  requestSent: null,
  native: /^Http "connection error"$/,
  why: "node:http emits hyper's own error, class Http, `connection error` (any I/O error on a connection once it was up), with no code and no cause: that the peer reset it, and whether the request had been written, are lost",
};

export const reset: readonly Scenario[] = [
  {
    id: "tcp-reset-on-read",
    title: "read on a TCP connection the peer resets",
    expect: {
      default: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, syscall: "read", phase: "receive", requestSent: true },
      "bun@1.1": BUN11_TCP_RESET_ON_READ,
      "bun@1.2": BUN11_TCP_RESET_ON_READ,
      "bun@1.3": BUN11_TCP_RESET_ON_READ,
    },
    async provoke(scope) {
      // The peer resets once it has our first bytes, so the handshake is long over.
      const port = await peer(scope, { kind: "tcp", on: "data", then: "reset" });
      const { client } = await connected(scope, port);
      const error = nextError(client);
      client.write("hello");
      return { error: await error };
    },
  },
  {
    id: "tcp-reset-on-write",
    title: "write on a TCP connection the peer reset while we were not reading",
    // Linux itself says ECONNRESET; every runtime but Node loses the reset.
    expect: {
      // A write that met the reset: part of what was written may have arrived before it.
      default: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, syscall: "write", phase: "send", requestSent: null },
      "deno@2.0": DENO20_TCP_RESET_ON_WRITE,
      "deno@2.1": DENO20_TCP_RESET_ON_WRITE,
      "deno@2.2": DENO20_TCP_RESET_ON_WRITE,
      "deno@2.3": DENO20_TCP_RESET_ON_WRITE,
      "deno@2.4": DENO20_TCP_RESET_ON_WRITE,
      "deno@2.5": DENO20_TCP_RESET_ON_WRITE,
      "deno@2.6": DENO20_TCP_RESET_ON_WRITE,
      deno: { kind: "BrokenPipeError", code: "EPIPE", errno: 32, syscall: "write", phase: "send", requestSent: null, native: /^Error EPIPE write$/, why: "node:net reports EPIPE, as if the peer had closed" },
      "bun@1.1": BUN11_TCP_RESET_ON_WRITE,
      "bun@1.2": BUN11_TCP_RESET_ON_WRITE,
      "bun@1.3": BUN11_TCP_RESET_ON_WRITE,
      bun: { kind: "BrokenPipeError", code: "ERR_STREAM_DESTROYED", phase: "send", requestSent: null, native: /^Error ERR_STREAM_DESTROYED/, why: "node:net says the stream was destroyed" },
    },
    async provoke(scope) {
      const port = await peer(scope, { kind: "tcp", on: "connect", then: "reset", delay: 50 });
      const { client } = await connected(scope, port, { paused: true });
      await sleep(300);
      return { error: await writeError(client, "hello") };
    },
  },
  {
    id: "node-guarded-reset-before-write",
    title: "net.connect, guarded by @neterr/node, to a peer that resets before we wrote anything",
    only: "node",
    // Node's error says read, so sent; the guard saw no byte written: nothing was sent.
    expect: { default: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, syscall: "read", phase: "receive", requestSent: false } },
    async provoke(scope) {
      const { guard } = await import("@neterr/node");
      const port = await peer(scope, { kind: "tcp", on: "connect", then: "reset", delay: 50 });
      const socket = guard(connect({ host: V4, port }));
      scope.defer(() => socket.destroy());
      const mapped = await nextError(socket);
      return { error: (mapped as { cause?: unknown }).cause, mapped };
    },
  },
  {
    id: "http-reset-before-response",
    title: "http.get to a server that resets the connection before answering",
    expect: {
      // The server read the request, then reset: it was sent.
      default: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, phase: "receive", requestSent: true },
      "deno@2.0": DENO20_HTTP_NO_ERROR,
      "deno@2.1": DENO21_HTTP_CONNECTION_ERROR,
      "deno@2.2": DENO21_HTTP_CONNECTION_ERROR,
      "deno@2.3": DENO21_HTTP_CONNECTION_ERROR,
      "deno@2.4": DENO21_HTTP_CONNECTION_ERROR,
      "deno@2.5": DENO21_HTTP_CONNECTION_ERROR,
      "deno@2.6": DENO21_HTTP_CONNECTION_ERROR,
      "bun@1.1": BUN11_HTTP_RESET_BEFORE_RESPONSE,
      "bun@1.2": BUN11_HTTP_RESET_BEFORE_RESPONSE,
      "bun@1.3": BUN11_HTTP_RESET_BEFORE_RESPONSE,
    },
    async provoke(scope) {
      // The peer resets once the request arrived: a reset at once races the connect, and Bun
      // 1.1.45 then says ConnectionRefused (seen once in a full run).
      const port = await peer(scope, { kind: "tcp", on: "data", then: "reset" });
      const request = get({ host: V4, port, path: "/", agent: false });
      scope.defer(() => request.destroy());
      return { error: await nextError(request) };
    },
  },
  {
    id: "http-closed-before-response",
    title: "http.get to a server that closes (FIN) before answering: socket hang up",
    expect: {
      // "socket hang up": the request head was written; the server closed before any answer.
      default: { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true, native: /^Error ECONNRESET/ },
      "deno@2.0": DENO20_HTTP_NO_ERROR,
      "deno@2.1": DENO20_HTTP_NO_ERROR,
      "deno@2.2": DENO20_HTTP_NO_ERROR,
      "deno@2.3": DENO20_HTTP_NO_ERROR,
      "deno@2.4": DENO20_HTTP_NO_ERROR,
      "deno@2.5": DENO20_HTTP_NO_ERROR,
      "deno@2.6": DENO20_HTTP_NO_ERROR,
      "bun@1.1": {
        kind: "ConnectionResetError",
        code: "ECONNRESET",
        errno: 104,
        phase: null,
        requestSent: null,
        native: /^Error ConnectionClosed$/,
        why: "node:http is its fetch, and says ConnectionClosed (said of a cut TLS handshake too: no phase)",
      },
      "bun@1.2": BUN12_HTTP_CLOSED,
      "bun@1.3": BUN12_HTTP_CLOSED,
    },
    async provoke(scope) {
      const { port } = await scope.server((socket) => socket.end(), { host: V4 });
      const request = get({ host: V4, port, path: "/", agent: false });
      scope.defer(() => request.destroy());
      return { error: await nextError(request) };
    },
  },
  {
    id: "http-closed-mid-body",
    title: "http.get response whose body the server cuts short",
    expect: {
      // "aborted": the body was being received.
      default: { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true },
      "bun@1.1": BUN11_HTTP_CLOSED_MID_BODY,
      "bun@1.2": BUN11_HTTP_CLOSED_MID_BODY,
      "bun@1.3": BUN11_HTTP_CLOSED_MID_BODY,
      "deno@2.0": DENO20_HTTP_BODY_LEAK,
      "deno@2.1": DENO20_HTTP_BODY_LEAK,
      "deno@2.2": DENO20_HTTP_BODY_LEAK,
      "deno@2.3": DENO20_HTTP_BODY_LEAK,
      "deno@2.4": DENO20_HTTP_BODY_LEAK,
      "deno@2.5": DENO20_HTTP_BODY_LEAK,
      "deno@2.6": DENO20_HTTP_BODY_LEAK,
    },
    async provoke(scope) {
      const { port } = await scope.server((socket) => {
        socket.write(httpHead(100) + "0123456789");
        setTimeout(() => socket.destroy(), 20);
      }, { host: V4 });
      const request = get({ host: V4, port, path: "/", agent: false });
      scope.defer(() => request.destroy());
      const response = await new Promise<IncomingMessage>((resolve, reject) => {
        request.once("response", resolve);
        request.once("error", reject);
      });
      response.resume();
      return { error: await nextError(response) };
    },
  },
];
