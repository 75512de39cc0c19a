/**
 * @module
 * Scenarios only Bun can run: its own socket APIs (`Bun.connect` and its handlers, `Bun.listen`,
 * `Bun.serve`, `Bun.udpSocket`), `fetch`'s `unix` option and malformed responses, and
 * `WebSocket`, against the same peers as the shared scenarios. Each says by hand what Bun's
 * failure is; where a Bun version loses it, the expectation pins what that version gives.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { closedPort, peer, rejection, type Scope, Silence, sleep, staleUnixSocket } from "./peers.ts";
import { bun11, currentRuntime, type RuntimeName } from "./runtime.ts";
import type { Expectation, Scenario } from "./scenarios.ts";

/** The part of Bun's API these scenarios use (the conformance package is typed for Node). */
interface BunSocket {
  write(data: string | Uint8Array): number;
  end(): void;
}
interface Handlers {
  data(socket: BunSocket, data: Uint8Array): void;
  open?(socket: BunSocket): void;
  error?(socket: BunSocket, error: unknown): void;
  connectError?(socket: BunSocket, error: unknown): void;
  close?(socket: BunSocket, error?: unknown): void;
  end?(socket: BunSocket): void;
}
interface Stoppable {
  stop(closeActive?: boolean): void;
  readonly port: number;
}
interface BunApi {
  connect(options: ({ hostname: string; port: number } | { unix: string }) & { socket: Handlers }): Promise<BunSocket>;
  listen(options: ({ hostname: string; port: number } | { unix: string }) & { socket: Handlers }): Stoppable;
  serve(options: { hostname: string; port: number; fetch(): Response; tls?: { cert: string; key: string } }): Stoppable;
  udpSocket(options: { socket: { data(): void; error?(error: unknown): void } }): Promise<{ send(data: string, port: number, address: string): boolean; close(): void }>;
}
const Bun = (): BunApi => (globalThis as unknown as { Bun: BunApi }).Bun;

const V4 = "127.0.0.1";

/** The first error one of `Bun.connect`'s handlers receives (`connectError`, `error`, or `close`'s), bounded. */
function connectAndWait(scope: Scope, target: { hostname: string; port: number } | { unix: string }, open?: (socket: BunSocket) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Silence("no handler received an error within 5 s")), 5000);
    const done = (error: unknown): void => {
      clearTimeout(timer);
      resolve(error);
    };
    Bun()
      .connect({
        ...target,
        socket: {
          data() {},
          open: (socket) => {
            scope.defer(() => socket.end());
            open?.(socket);
          },
          connectError: (_socket, error) => done(error),
          error: (_socket, error) => done(error),
          close: (_socket, error) => {
            if (error !== undefined) done(error);
          },
        },
      })
      .catch(() => {}); // the promise rejects with the error connectError received
  });
}

/** What `fn` throws, or a failure if it did not. */
function thrown(what: string, fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error(`${what} succeeded: expected it to fail`);
}

const listenerOn = (scope: Scope, where: { hostname: string; port: number } | { unix: string }): Stoppable => {
  const listener = Bun().listen({ ...where, socket: { data() {} } });
  scope.defer(() => listener.stop(true));
  return listener;
};

/** A self-signed certificate for 127.0.0.1 (conformance/fixtures; a test key, public on purpose). */
const selfSigned = (part: "cert" | "key"): string => readFileSync(new URL(`../fixtures/self-signed-127.0.0.1.${part}.pem`, import.meta.url), "utf8");

const refused: Expectation = { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect", native: /^Error ECONNREFUSED connect$/ };

const only: RuntimeName = "bun";

export const bunScenarios: readonly Scenario[] = [
  {
    id: "bun-connect-refused",
    title: "Bun.connect to a closed port on 127.0.0.1 (connectError handler)",
    only,
    // Bun 1.1.45 says errno 1 with ECONNREFUSED; the mapped errno comes from the code.
    expect: refused,
    async provoke(scope) {
      const port = await closedPort(V4);
      return { error: await connectAndWait(scope, { hostname: V4, port }) };
    },
  },
  {
    id: "bun-connect-unix-refused",
    title: "Bun.connect to a stale Unix socket (its server was killed; connectError handler)",
    only,
    // Pinned: Bun 1.1.45 says ENOENT, as its node:net does, though the socket file is there.
    expect: (r) => (bun11(r) ? { kind: "FileNotFoundError", code: "ENOENT", errno: 2, syscall: "connect", native: /^Error ENOENT connect$/ } : refused),
    async provoke(scope) {
      const path = await staleUnixSocket(scope);
      return { error: await connectAndWait(scope, { unix: path }), known: { path } };
    },
  },
  {
    id: "bun-connect-unix-missing",
    title: "Bun.connect to a Unix socket path that does not exist",
    only,
    expect: { kind: "FileNotFoundError", code: "ENOENT", errno: 2, syscall: "connect", native: /^Error ENOENT connect$/ },
    async provoke(scope) {
      const path = join(scope.tmpdir(), "missing.sock");
      return { error: await connectAndWait(scope, { unix: path }), known: { path } };
    },
  },
  {
    id: "bun-connect-reset",
    title: "Bun.connect to a peer that resets: the close handler receives the error",
    only,
    expect: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, syscall: "read", native: /^Error ECONNRESET read$/ },
    async provoke(scope) {
      const port = await peer(scope, { kind: "tcp", on: "data", then: "reset" });
      return { error: await connectAndWait(scope, { hostname: V4, port }, (socket) => void socket.write("hello")) };
    },
  },
  {
    id: "bun-connect-peer-close",
    title: "Bun.connect to a peer that closes (FIN): end, then close with no error (an orderly close is no failure)",
    only,
    expect: { kind: "no error" },
    async provoke(scope) {
      const port = await peer(scope, { kind: "tcp", on: "data", then: "end" });
      return { error: await connectAndWait(scope, { hostname: V4, port }, (socket) => void socket.write("hello")) };
    },
  },
  {
    id: "bun-listen-in-use",
    title: "Bun.listen on a TCP port already taken",
    only,
    // Pinned: Bun 1.1.45's error says neither the syscall nor the port.
    expect: (r) =>
      bun11(r)
        ? { kind: "AddressInUseError", code: "EADDRINUSE", errno: 98, native: /^Error EADDRINUSE$/ }
        : { kind: "AddressInUseError", code: "EADDRINUSE", errno: 98, syscall: "listen", keeps: ["address", "port"], native: /^Error EADDRINUSE listen$/ },
    async provoke(scope) {
      const { port } = listenerOn(scope, { hostname: V4, port: 0 });
      return { error: thrown("Bun.listen", () => listenerOn(scope, { hostname: V4, port })), known: { address: V4, port } };
    },
  },
  {
    id: "bun-listen-unix-in-use",
    title: "Bun.listen on a Unix socket path already taken",
    only,
    // Pinned: Bun 1.1.45 listens without an error (as its node:net does).
    expect: (r) => (bun11(r) ? { kind: "no error" } : { kind: "AddressInUseError", code: "EADDRINUSE", errno: 98, syscall: "listen", native: /^Error EADDRINUSE listen$/ }),
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
    expect: { kind: "AddressInUseError", code: "EADDRINUSE", errno: 98, syscall: "listen", native: /^Error EADDRINUSE listen$/ },
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
    // Pinned: Bun 1.1.45 never calls the error handler (the ICMP port-unreachable is lost).
    expect: (r) => (bun11(r) ? { kind: "no error" } : { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "recv", native: /^Error ECONNREFUSED recv$/ }),
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
    // Pinned: Bun 1.1.45 says FailedToOpenSocket, not why (Bun 1.4.5 says ENOENT).
    expect: (r) =>
      bun11(r)
        ? { kind: "OSError", code: "FailedToOpenSocket", native: /^Error FailedToOpenSocket$/ }
        : { kind: "FileNotFoundError", code: "ENOENT", errno: 2, native: /^TypeError ENOENT$/ },
    async provoke(scope) {
      const path = join(scope.tmpdir(), "missing.sock");
      return { error: await rejection(fetch("http://localhost/", { unix: path } as RequestInit)), known: { path } };
    },
  },
  {
    id: "bun-fetch-malformed",
    title: "fetch to a server whose answer is not HTTP (Malformed_HTTP_Response: a protocol error, not a socket failure)",
    only,
    expect: (r) => ({ kind: "unchanged", native: bun11(r) ? /^Error Malformed_HTTP_Response$/ : /^TypeError Malformed_HTTP_Response$/ }),
    async provoke(scope) {
      const { port } = await scope.server((socket) => socket.once("data", () => socket.end("HTTP/1.1 abc nonsense\r\n\r\n")), { host: V4 });
      return { error: await rejection(fetch(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "bun-fetch-https-to-plain",
    title: "fetch https:// to a plain TCP server that closes at once",
    only,
    // Bun 1.1.45 answers this at random: ConnectionClosed in 10 of 20 runs, a certificate code
    // (UNABLE_TO_GET_ISSUER_CERT, as if a certificate had been seen) in the other 10. Neither can
    // be pinned; Bun 1.4.5 said ECONNRESET in 8 of 8.
    skip: () => (bun11(currentRuntime()) ? "Bun 1.1.45 gives ConnectionClosed or UNABLE_TO_GET_ISSUER_CERT at random here (10 and 10 of 20 runs): nothing to pin" : undefined),
    expect: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, keeps: ["address", "port"], native: /^TypeError ECONNRESET$/ },
    async provoke(scope) {
      const { port } = await scope.server((socket) => socket.end(), { host: V4 });
      return { error: await rejection(fetch(`https://${V4}:${port}/`)), known: { address: V4, port } };
    },
  },
  {
    id: "bun-fetch-self-signed",
    title: "fetch https:// to a Bun.serve whose certificate is self-signed (a certificate error, not a socket failure)",
    only,
    expect: (r) => ({ kind: "unchanged", native: bun11(r) ? /^Error DEPTH_ZERO_SELF_SIGNED_CERT$/ : /^TypeError DEPTH_ZERO_SELF_SIGNED_CERT$/ }),
    async provoke(scope) {
      const server = Bun().serve({ hostname: V4, port: 0, tls: { cert: selfSigned("cert"), key: selfSigned("key") }, fetch: () => new Response("hi") });
      scope.defer(() => server.stop(true));
      return { error: await rejection(fetch(`https://${V4}:${server.port}/`)) };
    },
  },
  {
    id: "bun-websocket-refused",
    title: "WebSocket to a closed port (the 'error' event)",
    only,
    // Pinned: Bun 1.1.45's ErrorEvent carries only the text "Failed to connect": a
    // ConnectionError, not which one. Bun 1.4.5's carries the Error (`event.error`, ECONNREFUSED).
    expect: (r) =>
      bun11(r)
        ? { kind: "ConnectionError", native: /^ErrorEvent "WebSocket connection to '/ }
        : { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, native: /^ErrorEvent "WebSocket connection to '/ },
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
