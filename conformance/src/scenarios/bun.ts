/**
 * @module
 * Scenarios only Bun can run: its own socket APIs (`Bun.connect` and its handlers, `Bun.listen`,
 * `Bun.serve`, `Bun.udpSocket`), `fetch`'s `unix` option and malformed responses, and
 * `WebSocket`, against the same peers as the shared scenarios. Each says by hand what Bun's
 * failure is; where a Bun version loses it, the expectation pins what that version gives.
 */

import { join } from "node:path";
import { closedPort, peer, rejection, Silence, sleep, staleUnixSocket } from "../peers.ts";
import { V4 } from "../provoke.ts";
import type { RuntimeName } from "../runtime.ts";
import type { Expectation, Scenario } from "../types.ts";
import { Bun, connectAndWait, listenerOn, thrown } from "./bun-api.ts";

const refused: Expectation = { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect", phase: "connect", requestSent: false, native: /^Error ECONNREFUSED connect$/ };

const only: RuntimeName = "bun";

/** Bun 1.1's pin of bun-connect-unix-refused, which Bun 1.2 and 1.3 give too. */
const BUN11_BUN_CONNECT_UNIX_REFUSED: Expectation = {
        kind: "FileNotFoundError",
        code: "ENOENT",
        errno: 2,
        syscall: "connect",
        phase: "connect", requestSent: false,
        native: /^Error ENOENT connect$/,
        why: "says ENOENT, as its node:net does, though the socket file is there",
      };

/** Bun 1.1's pin of bun-listen-unix-in-use, which Bun 1.2 gives too. */
const BUN11_BUN_LISTEN_UNIX_IN_USE: Expectation = { kind: "no error", why: "listens without an error (as its node:net does)" };

/** Bun 1.1's pin of bun-udp-refused, which Bun 1.2 gives too. */
const BUN11_BUN_UDP_REFUSED: Expectation = { kind: "no error", why: "never calls the error handler (the ICMP port-unreachable is lost)" };

/** Bun 1.1's pin of bun-fetch-unix-missing, which Bun 1.2 and 1.3 give too. */
const BUN11_BUN_FETCH_UNIX_MISSING: Expectation = { kind: "OSError", code: "FailedToOpenSocket", phase: null, requestSent: null, native: /^Error FailedToOpenSocket$/, why: "says FailedToOpenSocket, not why (nor where)" };

/** Bun 1.1's pin of bun-fetch-malformed, which Bun 1.2 and 1.3 give too. */
const BUN11_BUN_FETCH_MALFORMED: Expectation = { kind: "unchanged", native: /^Error Malformed_HTTP_Response$/ };

/** Bun 1.1's pin of bun-websocket-refused, which Bun 1.2 and 1.3 give too. */
const BUN11_BUN_WEBSOCKET_REFUSED: Expectation = {
        kind: "OSError",
        phase: null, requestSent: false,
        native: /^ErrorEvent "WebSocket connection to '/,
        why: `the ErrorEvent carries only the text "Failed to connect", which a timed-out connect gives too: an OSError, the class that holds for both`,
      };


export const bunScenarios: readonly Scenario[] = [
  {
    id: "bun-connect-refused",
    title: "Bun.connect to a closed port on 127.0.0.1 (connectError handler)",
    only,
    // Bun 1.1.45 says errno 1 with ECONNREFUSED; the mapped errno comes from the code.
    expect: { default: refused },
    async provoke(scope) {
      const port = await closedPort(V4);
      return { error: await connectAndWait(scope, { hostname: V4, port }) };
    },
  },
  {
    id: "bun-connect-unix-refused",
    title: "Bun.connect to a stale Unix socket (its server was killed; connectError handler)",
    only,
    expect: {
      default: refused,
      "bun@1.1": BUN11_BUN_CONNECT_UNIX_REFUSED,
      "bun@1.2": BUN11_BUN_CONNECT_UNIX_REFUSED,
      "bun@1.3": BUN11_BUN_CONNECT_UNIX_REFUSED,
    },
    async provoke(scope) {
      const path = await staleUnixSocket(scope);
      return { error: await connectAndWait(scope, { unix: path }), known: { path } };
    },
  },
  {
    id: "bun-connect-unix-missing",
    title: "Bun.connect to a Unix socket path that does not exist",
    only,
    expect: { default: { kind: "FileNotFoundError", code: "ENOENT", errno: 2, syscall: "connect", phase: "connect", requestSent: false, native: /^Error ENOENT connect$/ } },
    async provoke(scope) {
      const path = join(scope.tmpdir(), "missing.sock");
      return { error: await connectAndWait(scope, { unix: path }), known: { path } };
    },
  },
  {
    id: "bun-connect-reset",
    title: "Bun.connect to a peer that resets: the close handler receives the error",
    only,
    expect: { default: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, syscall: "read", phase: "receive", requestSent: true, native: /^Error ECONNRESET read$/ } },
    async provoke(scope) {
      const port = await peer(scope, { kind: "tcp", on: "data", then: "reset" });
      return { error: await connectAndWait(scope, { hostname: V4, port }, (socket) => void socket.write("hello")) };
    },
  },
  {
    id: "bun-handlers-reset-before-write",
    title: "Bun.connect with handlers() from @neterr/bun to a peer that resets before we wrote anything",
    only,
    // Bun's error says read, so sent; the wrapped handler sees bytesWritten 0: nothing was sent.
    expect: { default: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, syscall: "read", phase: "receive", requestSent: false, native: /^Error ECONNRESET read$/ } },
    async provoke(scope) {
      const { handlers } = await import("@neterr/bun");
      const port = await peer(scope, { kind: "tcp", on: "connect", then: "reset", delay: 50 });
      const mapped = await connectAndWait(scope, { hostname: V4, port }, undefined, (socket) => handlers(socket));
      return { error: (mapped as { cause?: unknown }).cause, mapped };
    },
  },
  {
    id: "bun-connect-peer-close",
    title: "Bun.connect to a peer that closes (FIN): end, then close with no error (an orderly close is no failure)",
    only,
    expect: { default: { kind: "no error" } },
    async provoke(scope) {
      const port = await peer(scope, { kind: "tcp", on: "data", then: "end" });
      return { error: await connectAndWait(scope, { hostname: V4, port }, (socket) => void socket.write("hello")) };
    },
  },
  {
    id: "bun-listen-in-use",
    title: "Bun.listen on a TCP port already taken",
    only,
    expect: {
      default: { kind: "AddressInUseError", code: "EADDRINUSE", errno: 98, syscall: "listen", phase: "listen", requestSent: false, knownFields: ["address", "port"], native: /^Error EADDRINUSE listen$/ },
      "bun@1.1": { kind: "AddressInUseError", code: "EADDRINUSE", errno: 98, phase: null, requestSent: null, native: /^Error EADDRINUSE$/, why: "the error says neither the syscall nor the port (so neither where it failed)" },
    },
    async provoke(scope) {
      const { port } = listenerOn(scope, { hostname: V4, port: 0 });
      return { error: thrown("Bun.listen", () => listenerOn(scope, { hostname: V4, port })), known: { address: V4, port } };
    },
  },
  {
    id: "bun-listen-unix-in-use",
    title: "Bun.listen on a Unix socket path already taken",
    only,
    expect: {
      default: { kind: "AddressInUseError", code: "EADDRINUSE", errno: 98, syscall: "listen", phase: "listen", requestSent: false, native: /^Error EADDRINUSE listen$/ },
      "bun@1.1": BUN11_BUN_LISTEN_UNIX_IN_USE,
      "bun@1.2": BUN11_BUN_LISTEN_UNIX_IN_USE,
    },
    async provoke(scope) {
      const path = join(scope.tmpdir(), "taken.sock");
      listenerOn(scope, { unix: path });
      try {
        listenerOn(scope, { unix: path });
      } catch (error) {
        return { error, known: { path } };
      }
      throw new Silence("the second Bun.listen did not throw");
    },
  },
  {
    id: "bun-serve-in-use",
    title: "Bun.serve on a TCP port already taken (errno 0)",
    only,
    expect: { default: { kind: "AddressInUseError", code: "EADDRINUSE", errno: 98, syscall: "listen", phase: "listen", requestSent: false, native: /^Error EADDRINUSE listen$/ } },
    async provoke(scope) {
      const first = Bun().serve({ hostname: V4, port: 0, fetch: () => new Response("first") });
      scope.defer(() => first.stop(true));
      const error = thrown("Bun.serve", () => {
        const second = Bun().serve({ hostname: V4, port: first.port, fetch: () => new Response("second") });
        scope.defer(() => second.stop(true));
      });
      return { error, known: { port: first.port } };
    },
  },
  {
    id: "bun-udp-refused",
    title: "Bun.udpSocket send to a closed loopback port (error handler)",
    only,
    expect: {
      // The datagram went out; the refusal came back on a receive.
      default: { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "recv", phase: "receive", requestSent: true, native: /^Error ECONNREFUSED recv$/ },
      "bun@1.1": BUN11_BUN_UDP_REFUSED,
      "bun@1.2": BUN11_BUN_UDP_REFUSED,
    },
    async provoke(scope) {
      const port = await closedPort(V4);
      let first: unknown;
      const socket = await Bun().udpSocket({ socket: { data() {}, error: (error) => void (first ??= error) } });
      scope.defer(() => socket.close());
      // The ICMP answer arrives after a datagram; send a few, bounded.
      for (let i = 0; i < 5 && first === undefined; i++) {
        socket.send("ping", port, V4);
        await sleep(50);
      }
      if (first === undefined) throw new Silence("no call of the udpSocket error handler after 5 datagrams (250 ms)");
      return { error: first };
    },
  },
  {
    id: "bun-fetch-unix-missing",
    title: "fetch with Bun's `unix` option to a socket path that does not exist",
    only,
    expect: {
      default: { kind: "FileNotFoundError", code: "ENOENT", errno: 2, phase: null, requestSent: null, native: /^TypeError ENOENT$/, why: "fetch names no syscall: that the connect failed (nothing sent) is lost" },
      "bun@1.1": BUN11_BUN_FETCH_UNIX_MISSING,
      "bun@1.2": BUN11_BUN_FETCH_UNIX_MISSING,
      "bun@1.3": BUN11_BUN_FETCH_UNIX_MISSING,
    },
    async provoke(scope) {
      const path = join(scope.tmpdir(), "missing.sock");
      return { error: await rejection(fetch("http://localhost/", { unix: path } as RequestInit)), known: { path } };
    },
  },
  {
    id: "bun-fetch-malformed",
    title: "fetch to a server whose answer is not HTTP (Malformed_HTTP_Response: a protocol error, not a socket failure)",
    only,
    expect: {
      default: { kind: "unchanged", native: /^TypeError Malformed_HTTP_Response$/ },
      "bun@1.1": BUN11_BUN_FETCH_MALFORMED,
      "bun@1.2": BUN11_BUN_FETCH_MALFORMED,
      "bun@1.3": BUN11_BUN_FETCH_MALFORMED,
    },
    async provoke(scope) {
      const { port } = await scope.server((socket) => socket.once("data", () => socket.end("HTTP/1.1 abc nonsense\r\n\r\n")), { host: V4 });
      return { error: await rejection(fetch(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "bun-websocket-refused",
    title: "WebSocket to a closed port (the 'error' event)",
    only,
    // Bun 1.4.5's ErrorEvent carries the Error (`event.error`, ECONNREFUSED).
    expect: {
      default: { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, phase: "connect", requestSent: false, native: /^ErrorEvent "WebSocket connection to '/ },
      "bun@1.1": BUN11_BUN_WEBSOCKET_REFUSED,
      "bun@1.2": BUN11_BUN_WEBSOCKET_REFUSED,
      "bun@1.3": BUN11_BUN_WEBSOCKET_REFUSED,
    },
    async provoke(scope) {
      const port = await closedPort(V4);
      const socket = new WebSocket(`ws://${V4}:${port}/`);
      scope.defer(() => socket.close());
      return {
        error: await new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Silence("no 'error' event within 5 s")), 5000);
          socket.addEventListener("error", (event) => {
            clearTimeout(timer);
            resolve(event);
          });
        }),
      };
    },
  },
];
