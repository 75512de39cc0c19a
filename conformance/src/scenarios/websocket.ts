/**
 * @module
 * The global `WebSocket` of every runtime (Node 22+, Deno, Bun): to a closed port, to a listener
 * that never completes the TCP handshake (the kernel's connect timeout, in a namespace of its own),
 * to a peer that closes (FIN) or resets (RST) during the opening handshake, to a peer that
 * answers the handshake with something that is not an upgrade (an HTTP 200, garbage bytes), and
 * to a peer that closes or resets once the connection is open. The error is what the `error` event gives: an `ErrorEvent`
 * (with `error` and/or `message`) or nothing at all, where the runtime only fires `close`.
 *
 * The peer is a Node process of the scenario's own (Deno 2.0's node:net has no `resetAndDestroy`):
 * a raw node:net server that reads the request head and then does what the scenario says; for the
 * open connection, it completes the upgrade itself and acts once the client's first frame arrives.
 *
 * What `close` gives (seen live, for the report): Node 26 1006 "" unclean after every failure;
 * Deno 0 "" unclean; Bun 1.4 1006 "" unclean; Bun 1.1 1006 "Connection ended" (FIN, RST, before
 * or after open), 1002 "Expected 101 status code" (HTTP 200, garbage), 1006 "Failed to connect".
 */

import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { closedPort, peerCommand, rejection, Silence, type Scope } from "../peers.ts";
import { fullListener, V4 } from "../provoke.ts";
import { loadClosed } from "../runtime.ts";
import type { Expectation, Scenario } from "../types.ts";

/** What the peer does once it has read the request head. */
type Plan = "end-in-handshake" | "reset-in-handshake" | "http-200" | "garbage" | "end-when-open" | "reset-when-open";

/**
 * The peer, run by Node: one plan per process, its port on the first line of stdout. The open
 * plans answer with a real 101 (Sec-WebSocket-Accept = base64(sha1(key + GUID))) and act on the
 * client's first frame, so the client is known to be open. It exits when its stdin closes, and
 * after 30 s whatever happens.
 */
const PEER = `import { createServer } from "node:net";
import { createHash } from "node:crypto";
const plan = process.argv[2];
const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
const act = (socket, how) => (how === "reset" ? socket.resetAndDestroy() : socket.end());
const server = createServer((socket) => {
  socket.on("error", () => {});
  let head = "";
  let open = false;
  socket.on("data", (chunk) => {
    if (open) return act(socket, plan === "reset-when-open" ? "reset" : "end");
    if (head === null) return;
    head += chunk.toString("latin1");
    if (!head.includes("\\r\\n\\r\\n")) return;
    const request = head;
    head = null;
    if (plan === "end-in-handshake") return act(socket, "end");
    if (plan === "reset-in-handshake") return act(socket, "reset");
    if (plan === "http-200") return socket.end("HTTP/1.1 200 OK\\r\\nContent-Type: text/plain\\r\\nContent-Length: 5\\r\\nConnection: close\\r\\n\\r\\nhello");
    if (plan === "garbage") return socket.end("\\x00\\x01 not HTTP at all \\xff\\r\\n\\r\\n");
    const key = /^sec-websocket-key:[ \\t]*([A-Za-z0-9+\\/=]{1,64})/im.exec(request)?.[1] ?? "";
    const accept = createHash("sha1").update(key + GUID).digest("base64");
    socket.write("HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: " + accept + "\\r\\n\\r\\n");
    open = true;
  });
});
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: server.address().port })));
process.stdin.on("end", () => process.exit(0)).resume();
setTimeout(() => process.exit(0), 30_000).unref();
`;

/** Starts a peer process for `plan` (killed by its PID at the scope's close); resolves with its port on 127.0.0.1. */
async function wsPeer(scope: Scope, plan: Plan): Promise<number> {
  const script = join(scope.tmpdir(), "ws-peer.mjs");
  writeFileSync(script, PEER);
  const [exe, ...args] = peerCommand(script, plan);
  const child = spawn(exe!, args, { stdio: ["pipe", "pipe", "pipe"] });
  scope.defer(() => {
    child.stdin?.end();
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return await new Promise<number>((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`the WebSocket peer gave no port within 10 s\n${err}`)), 10_000);
    child.stderr?.setEncoding("utf8").on("data", (d: string) => (err += d));
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      if (!out.includes("\n")) return;
      clearTimeout(timer);
      const port = Number(/^\{"port":(\d+)\}/.exec(out)?.[1]);
      if (Number.isInteger(port) && port > 0) resolve(port);
      else reject(new Error(`the WebSocket peer said ${out}`));
    });
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start the WebSocket peer: ${e.message}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the WebSocket peer exited with ${code}\n${err}`));
    });
  });
}

/**
 * Opens `new WebSocket(url)` and resolves with what its first `error` event gives. Rejects with
 * {@link Silence} (saying what `close` gave) when the runtime fires `close` with no `error` before
 * it, or nothing within `ms`. `open` says whether the connection must open first (the peer acts
 * on the first frame, which is sent on `open`) or must not: otherwise the scenario went wrong.
 */
function firstError(scope: Scope, url: string, open: boolean, ms = 5000): Promise<unknown> {
  const socket = new WebSocket(url);
  scope.defer(() => socket.close());
  let opened = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Silence(`no 'error' or 'close' event within ${ms} ms`)), ms);
    const settle = (settled: () => void): void => {
      clearTimeout(timer);
      if (opened !== open) reject(new Error(open ? "the connection never opened" : "the connection opened"));
      else settled();
    };
    socket.addEventListener("open", () => {
      opened = true;
      socket.send("hello");
    });
    socket.addEventListener("error", (event) => settle(() => resolve(event)));
    socket.addEventListener("close", (event) => {
      const { code, reason, wasClean } = event as CloseEvent;
      settle(() => reject(new Silence(`no 'error' event: 'close' gave code ${code}, reason ${JSON.stringify(reason)}, wasClean ${wasClean}`)));
    });
  });
}

/** Why a runtime cannot run these: no global `WebSocket`. */
const noWebSocket = (): string | undefined =>
  typeof globalThis.WebSocket === "function" ? undefined : "this runtime has no global WebSocket";

const NODE_20: Expectation = {
  kind: "not testable",
  why: "Node 20 has no global WebSocket without --experimental-websocket (typeof WebSocket is 'undefined')",
};

/** Node 26 (undici 8.10): one shape for every failure. */
const NODE_BARE: Expectation = {
  kind: "unchanged",
  native: /^ErrorEvent ""$/,
  why: "undici's ErrorEvent carries an empty TypeError (no code, no cause), the same for every failure here, a non-101 answer included: no network failure can be claimed",
};

/** Node 22.23.5 (its undici): one text for every handshake failure. */
const NODE_22: Expectation = {
  kind: "unchanged",
  native: /^ErrorEvent "Received network error or non-101 status"$/,
  why: "undici's ErrorEvent says only 'Received network error or non-101 status code.' (no error, no code), of a refusal, a reset, a timeout and an HTTP 200 alike: no network failure can be claimed",
};

/** Only `close`, no `error` event: the runtime reports nothing. */
const silent = (close: string): Expectation => ({
  kind: "no error",
  why: `no 'error' event: only 'close', with ${close}`,
});

/** A scenario against a WebSocket peer with `plan`. */
const against = (plan: Plan, open: boolean) =>
  async (scope: Scope) => {
    const port = await wsPeer(scope, plan);
    return { error: await firstError(scope, `ws://${V4}:${port}/`, open), known: { address: V4, port } };
  };

/** Deno 2.0.6's pin of websocket-refused, which Deno 2.1.14, 2.2.15, 2.3.7 and 2.4.4 give too: the NetworkError's text ends with the errno's. */
const DENO20_WEBSOCKET_REFUSED: Expectation = { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, phase: "connect", requestSent: false };

/** Deno 2.0.6's pin of websocket-connect-timeout, which Deno 2.1.14, 2.2.15, 2.3.7 and 2.4.4 give too. */
const DENO20_WEBSOCKET_CONNECT_TIMEOUT: Expectation = {
  kind: "TimeoutError",
  code: "ETIMEDOUT",
  errno: 110,
  timeout: null,
  phase: null,
  requestSent: null,
  why: "only the errno's text, after 'failed to connect to WebSocket:', which Deno says of every handshake failure: not that it was the connect",
};

/** Bun 1.1's pin of websocket-refused, which Bun 1.2 and 1.3 give too. */
const BUN11_WEBSOCKET_REFUSED: Expectation = {
        kind: "OSError",
        phase: null,
        requestSent: false,
        native: /^ErrorEvent "WebSocket connection to '/,
        why: "the ErrorEvent carries only the text 'Failed to connect' (no error), which a timed-out connect gives too (websocket-connect-timeout): an OSError, the class that holds for both",
      };

/** Bun 1.1's pin of websocket-connect-timeout, which Bun 1.2 and 1.3 give too. */
const BUN11_WEBSOCKET_CONNECT_TIMEOUT: Expectation = {
        kind: "OSError",
        phase: null,
        requestSent: false,
        native: /^ErrorEvent "WebSocket connection to '/,
        why: "only the text 'Failed to connect', as for a refusal: the timeout is lost, and OSError is the class that holds for both",
      };

/**
 * Bun 1.2.23 and 1.3.14: an 'error' event whose ErrorEvent says only "Connection ended" (no code),
 * of a FIN and of a RST in the handshake alike (Bun 1.1 had only 'close'; 1.4 adds ECONNRESET).
 */
export const BUN12_CONNECTION_ENDED: Expectation = {
  kind: "unchanged",
  native: /^ErrorEvent "WebSocket connection to '/,
  why: "its ErrorEvent says only 'Connection ended' (no code), of a FIN and of a RST alike: no network failure can be claimed",
};

/**
 * Against a peer with an open `plan`: what `closed(socket)` rejects with, the socket watched from
 * its construction (it sends a frame on `open`, on which the peer acts). A neterr error is
 * reported as the wrapper's answer, its `cause` (the ErrorEvent or the CloseEvent) as the native error.
 */
const watched = (plan: Plan) =>
  async (scope: Scope) => {
    const port = await wsPeer(scope, plan);
    const closed = await loadClosed();
    const socket = new WebSocket(`ws://${V4}:${port}/`);
    scope.defer(() => socket.close());
    const ended = closed(socket);
    socket.addEventListener("open", () => socket.send("hello"));
    const outcome = await rejection(ended, 5000, "closed(socket) to reject");
    const known = { address: V4, port };
    return outcome instanceof Error && "phase" in outcome ? { error: (outcome as { cause?: unknown }).cause, mapped: outcome, known } : { error: outcome, known };
  };

/**
 * closed(socket) where the runtime's own events say nothing of how an open connection ended (Node
 * 22 and Bun fire only `close`, 1006; Node 24 and 26 an empty ErrorEvent): it knows the connection
 * had opened and did not close cleanly, so a connection failure on the open connection.
 */
const WATCHED_LOST = (native: RegExp): Expectation => ({
  kind: "ConnectionError",
  phase: "receive",
  requestSent: true,
  native,
  why: "the runtime says nothing of how the open connection ended (a FIN and a RST alike): closed() knows it had opened and closed uncleanly, a ConnectionError at receive, not which one",
});
const WATCHED_CLOSE = WATCHED_LOST(/^CloseEvent 1006$/);
const WATCHED_BARE = WATCHED_LOST(/^ErrorEvent ""$/);
const watchedPins = { "node@20": NODE_20, "node@22": WATCHED_CLOSE, node: WATCHED_BARE, bun: WATCHED_CLOSE } as const;

export const webSockets: readonly Scenario[] = [
  {
    id: "websocket-refused",
    title: "new WebSocket() to a closed port (the 'error' event)",
    skip: noWebSocket,
    expect: {
      default: { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, phase: "connect", requestSent: false },
      "node@20": NODE_20,
      "node@22": NODE_22,
      node: NODE_BARE,
      // Deno 2.0.6, 2.1.14, 2.2.15, 2.3.7 and 2.4.4: "failed to connect to WebSocket: Connection refused (os error 111)", on a DOMException NetworkError.
      deno: {
        kind: "OSError",
        phase: "connect",
        requestSent: false,
        native: /^ErrorEvent "NetworkError: failed to connect/,
        why: "the NetworkError says only 'tcp connect error': the connect failed, not why (a timed-out connect says the same, websocket-connect-timeout), so only OSError holds for both",
      },
      "deno@2.0": DENO20_WEBSOCKET_REFUSED,
      "deno@2.1": DENO20_WEBSOCKET_REFUSED,
      "deno@2.2": DENO20_WEBSOCKET_REFUSED,
      "deno@2.3": DENO20_WEBSOCKET_REFUSED,
      "deno@2.4": DENO20_WEBSOCKET_REFUSED,
      "bun@1.1": BUN11_WEBSOCKET_REFUSED,
      "bun@1.2": BUN11_WEBSOCKET_REFUSED,
      "bun@1.3": BUN11_WEBSOCKET_REFUSED,
      // Bun 1.4: its `error` says code ECONNREFUSED.
    },
    async provoke(scope) {
      const port = await closedPort(V4);
      return { error: await firstError(scope, `ws://${V4}:${port}/`, false), known: { address: V4, port } };
    },
  },
  {
    id: "websocket-closed-in-handshake",
    title: "new WebSocket() to a peer that closes (FIN) once it read the upgrade request",
    skip: noWebSocket,
    expect: {
      // The request was read; the peer closed before any answer: as fetch's and node:http's "socket hang up".
      default: { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true },
      "node@20": NODE_20,
      "node@22": NODE_22,
      node: NODE_BARE,
      // Deno: "failed to connect to WebSocket: connection closed before message completed" (hyper), as fetch's.
      "bun@1.1": silent("1006 \"Connection ended\""),
      bun: {
        kind: "ConnectionResetError",
        code: "ECONNRESET",
        phase: "receive",
        requestSent: true,
        native: /^ErrorEvent "WebSocket connection to '/,
        why: "its error says 'Connection ended' with code ECONNRESET, a FIN as a RST (the text says where: the wait for the 101, the request written)",
      },
      "bun@1.2": BUN12_CONNECTION_ENDED,
      "bun@1.3": BUN12_CONNECTION_ENDED,
    },
    provoke: against("end-in-handshake", false),
  },
  {
    id: "websocket-reset-in-handshake",
    title: "new WebSocket() to a peer that resets (RST) once it read the upgrade request",
    skip: noWebSocket,
    expect: {
      default: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, phase: "receive", requestSent: true },
      "node@20": NODE_20,
      "node@22": NODE_22,
      node: NODE_BARE,
      deno: {
        kind: "ConnectionError",
        phase: null,
        requestSent: null,
        native: /^ErrorEvent "NetworkError: failed to connect/,
        why: "the NetworkError says only hyper's 'connection error' (an I/O error on the connection once it was up): not which, nor whether the request had been written",
      },
      "deno@2.0": {
        kind: "unchanged",
        native: /^ErrorEvent "TypeError: Cannot set property code/,
        why: "Deno 2.0 fails while building its own error: the ErrorEvent carries 'TypeError: Cannot set property code of  which has only a getter', nothing of the reset",
      },
      "bun@1.1": silent("1006 \"Connection ended\""),
      bun: {
        kind: "ConnectionResetError",
        code: "ECONNRESET",
        errno: 104,
        phase: "receive",
        requestSent: true,
        native: /^ErrorEvent "WebSocket connection to '/,
        why: "its error has code ECONNRESET and no syscall; its text ('Connection ended: read ECONNRESET') says where: the wait for the 101, the request written",
      },
      "bun@1.2": BUN12_CONNECTION_ENDED,
      "bun@1.3": BUN12_CONNECTION_ENDED,
    },
    provoke: against("reset-in-handshake", false),
  },
  {
    id: "websocket-http-200",
    title: "new WebSocket() to a peer that answers the upgrade with an HTTP 200 and a body (not a network failure)",
    skip: noWebSocket,
    // The server answered: a protocol refusal, as an HTTP status error. Deno: "Invalid status code: 200";
    // Bun 1.4: "Expected 101 status code: 200" (no code).
    expect: {
      default: { kind: "unchanged" },
      "node@20": NODE_20,
      "node@22": NODE_22,
      node: NODE_BARE,
      "bun@1.1": silent("1002 \"Expected 101 status code\""),
    },
    provoke: against("http-200", false),
  },
  {
    id: "websocket-garbage",
    title: "new WebSocket() to a peer that answers the upgrade with bytes that are not HTTP (not a network failure)",
    skip: noWebSocket,
    // A malformed answer: the server's protocol error, as a malformed HTTP response. Deno: "invalid
    // HTTP version parsed"; Bun 1.4: "Invalid response", code HPE_INVALID_CONSTANT.
    expect: {
      default: { kind: "unchanged" },
      "node@20": NODE_20,
      "node@22": NODE_22,
      node: NODE_BARE,
      "bun@1.1": silent("1002 \"Expected 101 status code\""),
    },
    provoke: against("garbage", false),
  },
  {
    id: "websocket-closed-when-open",
    title: "an open WebSocket whose peer closes (FIN) with no close frame",
    skip: noWebSocket,
    expect: {
      // The connection was up and the client reading: a FIN with no close frame cuts it short.
      default: { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true },
      "node@20": NODE_20,
      "node@22": silent('1006 "" (unclean)'),
      node: NODE_BARE,
      // Deno: "Unexpected EOF" (fastwebsockets), on an Error (2.9) or on the ErrorEvent alone (2.0).
      "bun@1.1": silent("1006 \"Connection ended\""),
      bun: silent("1006 \"\" (unclean)"),
    },
    provoke: against("end-when-open", true),
  },
  {
    id: "websocket-reset-when-open",
    title: "an open WebSocket whose peer resets (RST)",
    skip: noWebSocket,
    expect: {
      default: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, phase: "receive", requestSent: true },
      "node@20": NODE_20,
      "node@22": silent('1006 "" (unclean)'),
      node: NODE_BARE,
      deno: {
        kind: "ConnectionResetError",
        code: "ECONNRESET",
        errno: 104,
        phase: null,
        requestSent: null,
        native: /^ErrorEvent "Connection reset by peer \(os error 104\)"$/,
        why: "only the errno's text ('Connection reset by peer (os error 104)'): not where it failed",
      },
      "bun@1.1": silent("1006 \"Connection ended\""),
      bun: silent("1006 \"\" (unclean)"),
    },
    provoke: against("reset-when-open", true),
  },
  {
    id: "websocket-connect-timeout",
    title: "new WebSocket() to a listener whose accept queue is full (namespace, tcp_syn_retries=1): the kernel's connect timeout",
    skip: noWebSocket,
    namespace: { sysctls: { "net.ipv4.tcp_syn_retries": "1" }, budget: 20_000 },
    expect: {
      default: { kind: "TimeoutError", code: "ETIMEDOUT", errno: 110, timeout: "connect", phase: "connect", requestSent: false },
      "node@20": NODE_20,
      "node@22": NODE_22,
      node: NODE_BARE,
      "deno@2.0": DENO20_WEBSOCKET_CONNECT_TIMEOUT,
      "deno@2.1": DENO20_WEBSOCKET_CONNECT_TIMEOUT,
      "deno@2.2": DENO20_WEBSOCKET_CONNECT_TIMEOUT,
      "deno@2.3": DENO20_WEBSOCKET_CONNECT_TIMEOUT,
      "deno@2.4": DENO20_WEBSOCKET_CONNECT_TIMEOUT,
      deno: {
        kind: "OSError",
        phase: "connect",
        requestSent: false,
        native: /^ErrorEvent "NetworkError: failed to connect/,
        why: "'tcp connect error', as for a refusal: the errno is lost, and only OSError holds for both",
      },
      "bun@1.1": BUN11_WEBSOCKET_CONNECT_TIMEOUT,
      "bun@1.2": BUN11_WEBSOCKET_CONNECT_TIMEOUT,
      "bun@1.3": BUN11_WEBSOCKET_CONNECT_TIMEOUT,
      bun: {
        kind: "TimeoutError",
        code: "ETIMEDOUT",
        errno: 110,
        timeout: null,
        phase: null,
        requestSent: null,
        native: /^ErrorEvent "WebSocket connection to '/,
        why: "its error has code ETIMEDOUT and no syscall: only its text ('Failed to connect') says it was the connect",
      },
    },
    async provoke(scope) {
      const port = await fullListener(scope);
      return { error: await firstError(scope, `ws://${V4}:${port}/`, false, 15_000), known: { address: V4, port } };
    },
  },
  {
    id: "websocket-closed-when-open-watched",
    title: "an open WebSocket whose peer closes (FIN) with no close frame, watched by closed(socket) of the adapter",
    skip: noWebSocket,
    expect: {
      // Deno's own ErrorEvent says "Unexpected EOF"; closed() adds where it failed.
      default: { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true },
      ...watchedPins,
    },
    provoke: watched("end-when-open"),
  },
  {
    id: "websocket-reset-when-open-watched",
    title: "an open WebSocket whose peer resets (RST), watched by closed(socket) of the adapter",
    skip: noWebSocket,
    expect: {
      // Deno's own ErrorEvent has the errno's text alone; closed() adds where it failed.
      default: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, phase: "receive", requestSent: true },
      ...watchedPins,
    },
    provoke: watched("reset-when-open"),
  },
];
