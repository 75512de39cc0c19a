/**
 * @module
 * Every live scenario, written once. Each provokes one failure for real, on loopback, a Unix
 * socket, a DNS server of its own on 127.0.0.1, or a network namespace of its own, through the
 * APIs every runtime offers (`node:net`, `node:http`, `node:dns`, `node:dgram`, `node:tls`,
 * `fetch`), and says by hand which neterr class it must give. The test file asserts on them in
 * each runtime; the demo prints them.
 */

import type { ErrorKind } from "@neterr/core";
import { Buffer } from "node:buffer";
import { createSocket } from "node:dgram";
import { Resolver } from "node:dns/promises";
import { writeFileSync } from "node:fs";
import { get, type IncomingMessage } from "node:http";
import { connect, createServer, type Socket } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { connect as tls } from "node:tls";
import { spawn, spawnSync } from "node:child_process";
import {
  closedPort,
  dnsServer,
  namespace,
  namespaceUnavailable,
  runInNamespace,
  type DnsMode,
  hasIPv6Loopback,
  nextError,
  peer,
  peerCommand,
  rejection,
  type Scope,
  sleep,
  staleUnixSocket,
} from "./peers.ts";
import type { Report } from "./run.ts";
import { bunScenarios } from "./scenarios-bun.ts";
import { denoScenarios } from "./scenarios-deno.ts";
import { bun, bun11, currentRuntime, deno, deno20, type RuntimeName, scriptCommand } from "./runtime.ts";

/** What a scenario must give. Written by hand from what the failure is, never from neterr's output. */
export interface Expectation {
  /**
   * The neterr class; "unchanged" when normalize must return the input itself; "no error" when
   * this runtime version reports nothing at all (pinned: the runtime lost the failure).
   */
  readonly kind: ErrorKind | "unchanged" | "no error";
  /** With "no error": the runtime leaves an unhandled rejection instead (its description, pinned). */
  readonly leaks?: RegExp;
  readonly code?: string;
  /** The positive Linux errno. */
  readonly errno?: number;
  readonly syscall?: string;
  /** Fields that must equal what the scenario knows independently (the port it allocated...). */
  readonly keeps?: readonly ("address" | "port" | "path" | "hostname")[];
  /** The runtime's native shape, pinned (tested against `describe(native)`). */
  readonly native?: RegExp;
  /** For AggregateErrors: how many inner errors. */
  readonly errors?: number;
}

/** What provoking gave: the native error and what the scenario knows, or a whole report from a child. */
export interface Provoked {
  readonly error?: unknown;
  readonly known?: { address?: string; port?: number; path?: string; hostname?: string };
  readonly report?: Omit<Report, "ms">;
}

export interface Scenario {
  /** Stable id, used by the child runner and the demo. */
  readonly id: string;
  /** What is done, in a few words (the test name and the demo's first column). */
  readonly title: string;
  /** What it must give; may depend on the runtime (and its version) when a runtime loses the truth. */
  readonly expect: Expectation | ((runtime: { name: RuntimeName; version: string }) => Expectation);
  /** The one runtime whose own API the scenario uses (`Deno.connect`); every runtime if omitted. */
  readonly only?: RuntimeName;
  /** Why it cannot run here, or undefined. A skipped scenario prints its reason. */
  readonly skip?: () => string | undefined | Promise<string | undefined>;
  provoke(scope: Scope): Promise<Provoked>;
}

/** The expectation for the current runtime. */
export function expectationOf(scenario: Scenario): Expectation {
  return typeof scenario.expect === "function" ? scenario.expect(currentRuntime()) : scenario.expect;
}

/**
 * Bun's fetch: `errno: 0`, no cause, the URL in `path` (read back as address and port). Bun 1.1.45
 * names the failure after a Zig error (`ConnectionRefused`, `ConnectionClosed`) on a plain Error;
 * Bun 1.4.5 gives the POSIX code on a TypeError. A FIN and a RST give the same code.
 */
const bunFetch = (r: { name: RuntimeName; version: string }, kind: "ConnectionRefusedError" | "ConnectionResetError"): Expectation => {
  const [code, errno, zig] = kind === "ConnectionRefusedError" ? ["ECONNREFUSED", 111, "ConnectionRefused"] : ["ECONNRESET", 104, "ConnectionClosed"];
  return { kind, code, errno, keeps: ["address", "port"], native: bun11(r) ? new RegExp(`^Error ${zig}$`) : new RegExp(`^TypeError ${code}$`) };
};

/** Deno's fetch: a body cut short by a FIN or by a RST gives the same text, and no code or cause. */
const DENO_BODY_CUT: Expectation = { kind: "ConnectionResetError", code: "ECONNRESET", native: /^TypeError "error reading a body from connection"$/ };

/** Pinned: Deno 2.0.6's node:net reports a broken pipe as EBADF (a bad file descriptor): lost. */
const DENO20_EPIPE: Expectation = { kind: "OSError", code: "EBADF", errno: 9, syscall: "write", native: /^Error EBADF write$/ };


/** Pinned: Bun 1.1.45's node:net says "Failed to connect" (errno 1), with no address or port. */
const BUN11_REFUSED: Expectation = { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect", native: /^Error ECONNREFUSED connect$/ };

/** Pinned: Bun 1.1.45's node:net says only that the socket is closed (Node's ERR_SOCKET_CLOSED) where Linux said EPIPE. */
const BUN11_SOCKET_CLOSED: Expectation = { kind: "BrokenPipeError", code: "ERR_SOCKET_CLOSED", native: /^Error ERR_SOCKET_CLOSED/ };

const V4 = "127.0.0.1";
const V6 = "::1";
const noIPv6 = async (): Promise<string | undefined> =>
  (await hasIPv6Loopback()) ? undefined : "this machine has no IPv6 loopback (::1)";

/** A connected client socket to a server whose connection handler is `onServer` (or to a peer process's port). */
async function connected(
  scope: Scope,
  onServer: ((socket: Socket) => void) | number,
  options: { allowHalfOpen?: boolean; path?: string; paused?: boolean } = {},
): Promise<{ client: Socket; port: number }> {
  const where = options.path ? { path: options.path } : { host: V4 };
  const port = typeof onServer === "number" ? onServer : (await scope.server(onServer, where)).port;
  const client = options.path
    ? connect({ path: options.path, allowHalfOpen: options.allowHalfOpen ?? false })
    : connect({ host: V4, port, allowHalfOpen: options.allowHalfOpen ?? false });
  scope.defer(() => client.destroy());
  if (options.paused) client.pause(); // not reading: a reset can only show up on a write
  await new Promise<void>((resolve, reject) => {
    client.once("connect", resolve);
    client.once("error", reject);
  });
  return { client, port };
}

/** Writes until the socket reports an error (bounded: 200 writes of 64 KiB, 5 s). */
async function writeUntilError(client: Socket, what: string): Promise<unknown> {
  const error = nextError(client, 5000, what);
  const chunk = Buffer.alloc(64 * 1024, 120);
  for (let i = 0; i < 200 && !client.destroyed; i++) {
    client.write(chunk, () => {});
    await sleep(5);
  }
  return error;
}

/** The error of one write: from its callback or an 'error' event, whichever comes first (5 s at most). */
function writeError(client: Socket, data: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the write did not fail within 5 s")), 5000);
    const done = (error: unknown): void => {
      clearTimeout(timer);
      resolve(error);
    };
    client.once("error", done);
    client.write(data, (error) => error && done(error));
  });
}

/** `ss -K` needs root, iproute2's ss, and a kernel built with CONFIG_INET_DIAG_DESTROY. */
function ssKillUnavailable(): string | undefined {
  if (process.platform !== "linux") return "`ss -K` exists only on Linux";
  if (typeof process.getuid === "function" && process.getuid() !== 0) return "`ss -K` needs root";
  const probe = spawnSync("ss", ["-K", "-t", "src", V4, "sport", "=", ":1"], { encoding: "utf8", timeout: 5000 });
  if (probe.error) return `iproute2's ss is not installed (${probe.error.message})`;
  if (probe.status !== 0) return `this kernel cannot kill sockets (ss -K: ${probe.stderr.trim()})`;
  return undefined;
}

/** An HTTP/1.1 response head that promises `length` bytes. */
const head = (length: number): string =>
  `HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: ${length}\r\nconnection: close\r\n\r\n`;

async function resolverAgainst(scope: Scope, mode: DnsMode, timeout: number): Promise<{ resolver: Resolver; port: number }> {
  const port = await dnsServer(scope, mode);
  const resolver = new Resolver({ timeout, tries: 1 });
  resolver.setServers([`${V4}:${port}`]);
  scope.defer(() => resolver.cancel());
  return { resolver, port };
}

/** The scenarios a namespace scenario runs inside its namespace, by id (the child runner looks here). */
export const innerScenarios: Map<string, Scenario> = new Map();

/** The scenarios of `runtime` (the current one by default): the shared ones and its own. */
export function scenariosFor(runtime: RuntimeName = currentRuntime().name): readonly Scenario[] {
  return scenarios.filter((s) => s.only === undefined || s.only === runtime);
}

/** Every scenario: the shared ones, then each runtime's own. */
export const scenarios: readonly Scenario[] = [
  // ---- refused -------------------------------------------------------------------------------
  // One row per loopback address.
  ...(
    [
      ["tcp-refused-v4", V4, undefined],
      ["tcp-refused-v6", V6, noIPv6],
    ] as const
  ).map(
    ([id, host, skip]): Scenario => ({
      id,
      title: `net.connect to a closed port on ${host}`,
      ...(skip ? { skip } : {}),
      expect: (r) => (bun11(r) ? BUN11_REFUSED : { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect", keeps: ["address", "port"] }),
      async provoke(scope) {
        const port = await closedPort(host);
        const socket = connect({ host, port });
        scope.defer(() => socket.destroy());
        return { error: await nextError(socket), known: { address: host, port } };
      },
    }),
  ),
  {
    id: "tcp-refused-localhost-both",
    title: "net.connect to localhost with two addresses (::1, 127.0.0.1), both closed",
    skip: noIPv6,
    // Pinned: Deno 2.0.6's and Bun 1.1.45's node:net try one address only (no happy eyeballs): a plain ECONNREFUSED.
    expect: (r) =>
      bun11(r)
        ? BUN11_REFUSED
        : deno20(r)
        ? { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect", keeps: ["port"], native: /^Error ECONNREFUSED connect$/ }
        : { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect", keeps: ["port"], errors: 2, native: /^AggregateError/ },
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
      // The lookup answers like /etc/hosts with both entries would, without asking any resolver.
      const lookup = (_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void): void => {
        const all = [
          { address: V6, family: 6 },
          { address: V4, family: 4 },
        ];
        if (options.all) callback(null, all);
        else callback(null, V6, 6);
      };
      const socket = connect({ host: "localhost", port, lookup: lookup as never, autoSelectFamily: true });
      scope.defer(() => socket.destroy());
      return { error: await nextError(socket), known: { port } };
    },
  },
  {
    id: "unix-missing",
    title: "net.connect to a Unix socket path that does not exist",
    expect: { kind: "FileNotFoundError", code: "ENOENT", errno: 2, syscall: "connect" },
    async provoke(scope) {
      const path = join(scope.tmpdir(), "missing.sock");
      const socket = connect({ path });
      scope.defer(() => socket.destroy());
      return { error: await nextError(socket), known: { path } };
    },
  },
  {
    id: "unix-stale",
    title: "net.connect to a stale Unix socket (its server was killed)",
    // Pinned: Bun 1.1.45's node:net says ENOENT, as if there were no file (Linux says ECONNREFUSED).
    expect: (r) =>
      bun11(r)
        ? { kind: "FileNotFoundError", code: "ENOENT", errno: 2, syscall: "connect", native: /^Error ENOENT connect/ }
        : { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect" },
    async provoke(scope) {
      const path = await staleUnixSocket(scope);
      const socket = connect({ path });
      scope.defer(() => socket.destroy());
      return { error: await nextError(socket), known: { path } };
    },
  },

  // ---- reset ---------------------------------------------------------------------------------
  {
    id: "tcp-reset-on-read",
    title: "read on a TCP connection the peer resets",
    // Pinned: Bun 1.1.45's node:net closes the socket without an 'error': the reset is lost.
    expect: (r) => (bun11(r) ? { kind: "no error" } : { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, syscall: "read" }),
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
    // Pinned (the runtime loses the reset): Deno 2.0.6's node:net reports libuv's UNKNOWN, and
    // Deno 2.9.6's and Bun 1.1.45's report EPIPE, as if the peer had closed; Bun 1.4.5's says the
    // stream was destroyed (ERR_STREAM_DESTROYED). Linux itself says ECONNRESET.
    expect: (r) =>
      bun11(r)
        ? { kind: "BrokenPipeError", code: "EPIPE", errno: 32, native: /^Error EPIPE$/ }
        : bun(r)
        ? { kind: "BrokenPipeError", code: "ERR_STREAM_DESTROYED", native: /^Error ERR_STREAM_DESTROYED/ }
        : deno20(r)
        ? { kind: "OSError", code: "UNKNOWN", syscall: "write", native: /^Error UNKNOWN write$/ }
        : deno(r)
          ? { kind: "BrokenPipeError", code: "EPIPE", errno: 32, syscall: "write", native: /^Error EPIPE write$/ }
          : { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, syscall: "write" },
    async provoke(scope) {
      const port = await peer(scope, { kind: "tcp", on: "connect", then: "reset", delay: 50 });
      const { client } = await connected(scope, port, { paused: true });
      await sleep(300);
      return { error: await writeError(client, "hello") };
    },
  },
  {
    id: "http-reset-before-response",
    title: "http.get to a server that resets the connection before answering",
    // Pinned: Deno 2.0.6's node:http emits no 'error' at all.
    expect: (r) => (deno20(r) ? { kind: "no error" } : { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104 }),
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
    // Pinned: Deno 2.0.6's node:http emits no 'error' at all; Bun 1.1.45's node:http is its fetch,
    // and says ConnectionClosed.
    expect: (r) =>
      deno20(r)
        ? { kind: "no error" }
        : bun11(r)
          ? { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, native: /^Error ConnectionClosed$/ }
          : { kind: "ConnectionResetError", code: "ECONNRESET", native: /^Error ECONNRESET/ },
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
    // Pinned: Deno 2.0.6's node:http emits no 'error' on the response, and its fetch-based body
    // reader leaves the failure as an unhandled rejection.
    expect: (r) =>
      deno20(r)
        ? { kind: "no error", leaks: /^TypeError "error reading a body from connection"/ }
        : { kind: "ConnectionResetError", code: "ECONNRESET" },
    async provoke(scope) {
      const { port } = await scope.server((socket) => {
        socket.write(head(100) + "0123456789");
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

  // ---- broken pipe and writes on closed sockets ----------------------------------------------
  {
    id: "tcp-broken-pipe",
    title: "write on a TCP connection whose peer closed (allowHalfOpen: true)",
    // Pinned: Bun 1.4.5's node:net says the EPIPE came from a read.
    expect: (r) =>
      deno20(r)
        ? DENO20_EPIPE
        : bun11(r)
          ? BUN11_SOCKET_CLOSED
          : bun(r)
            ? { kind: "BrokenPipeError", code: "EPIPE", errno: 32, syscall: "read" }
            : { kind: "BrokenPipeError", code: "EPIPE", errno: 32, syscall: "write" },
    async provoke(scope) {
      // The peer closes; our first write draws its RST, and Linux reports EPIPE in CLOSE_WAIT.
      const { client } = await connected(scope, (socket) => socket.destroy(), { allowHalfOpen: true });
      await new Promise((resolve) => client.once("end", resolve));
      return { error: await writeUntilError(client, "EPIPE") };
    },
  },
  {
    id: "unix-broken-pipe",
    title: "write on a Unix socket whose peer closed",
    // Pinned: Bun 1.4.5's node:net reports EBADF (a bad file descriptor), as Deno 2.0.6's does.
    expect: (r) =>
      deno20(r)
        ? DENO20_EPIPE
        : bun11(r)
          ? BUN11_SOCKET_CLOSED
          : bun(r)
            ? { kind: "OSError", code: "EBADF", errno: 9, syscall: "write", native: /^Error EBADF write/ }
            : { kind: "BrokenPipeError", code: "EPIPE", errno: 32, syscall: "write" },
    async provoke(scope) {
      const path = join(scope.tmpdir(), "peer.sock");
      const { client } = await connected(scope, (socket) => socket.destroy(), { path, allowHalfOpen: true });
      await sleep(50);
      return { error: await writeUntilError(client, "EPIPE") };
    },
  },
  {
    id: "tcp-write-after-peer-fin",
    title: "write after the peer's FIN (allowHalfOpen: false): 'This socket has been ended by the other party'",
    expect: { kind: "BrokenPipeError", code: "EPIPE", native: /^Error EPIPE$/ },
    async provoke(scope) {
      // The peer half-closes (FIN) and keeps its side open, as an HTTP/1.0 server may.
      const { port } = await scope.server((socket) => socket.end(), { host: V4 }, { allowHalfOpen: true });
      const client = connect({ host: V4, port });
      scope.defer(() => client.destroy());
      await new Promise((resolve) => client.once("end", resolve));
      return { error: await writeError(client, "after FIN") };
    },
  },
  {
    id: "tcp-aborted-ss-K",
    title: "read on a TCP connection killed on this host with `ss -K` (ECONNABORTED)",
    skip: ssKillUnavailable,
    // Pinned: Deno 2.0.6's node:net reports the abort as ECONNRESET; Bun 1.1.45's reports nothing.
    expect: (r) =>
      bun11(r)
        ? { kind: "no error" }
        : deno20(r)
        ? { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, syscall: "read" }
        : { kind: "ConnectionAbortedError", code: "ECONNABORTED", errno: 103, syscall: "read" },
    async provoke(scope) {
      const { client } = await connected(scope, () => {});
      const error = nextError(client);
      const killed = spawnSync("ss", ["-K", "-t", "src", V4, "sport", "=", `:${client.localPort}`], { encoding: "utf8", timeout: 5000 });
      if (killed.status !== 0) throw new Error(`ss -K failed: ${killed.stderr || killed.error?.message}`);
      return { error: await error };
    },
  },
  {
    id: "tcp-write-after-end",
    title: "write after our own end() (Node's ERR_STREAM_WRITE_AFTER_END)",
    expect: { kind: "BrokenPipeError", code: "ERR_STREAM_WRITE_AFTER_END" },
    async provoke(scope) {
      const { client } = await connected(scope, () => {});
      client.end();
      return { error: await writeError(client, "after end") };
    },
  },
  {
    id: "tcp-write-after-destroy",
    title: "write after our own destroy() (Node's ERR_STREAM_DESTROYED)",
    // Pinned: Bun 1.1.45's node:net says "write after end" for a destroyed socket too.
    expect: (r) => (bun11(r) ? { kind: "BrokenPipeError", code: "ERR_STREAM_WRITE_AFTER_END" } : { kind: "BrokenPipeError", code: "ERR_STREAM_DESTROYED" }),
    async provoke(scope) {
      const { client } = await connected(scope, () => {});
      client.destroy();
      return { error: await writeError(client, "after destroy") };
    },
  },

  // ---- timeouts ------------------------------------------------------------------------------
  {
    id: "fetch-abort-timeout",
    title: "fetch with AbortSignal.timeout() to a server that never answers",
    expect: { kind: "TimeoutError", native: /^DOMException\[TimeoutError\]/ },
    async provoke(scope) {
      const { port } = await scope.server(() => {}, { host: V4 });
      return { error: await rejection(fetch(`http://${V4}:${port}/`, { signal: AbortSignal.timeout(150) })) };
    },
  },
  {
    id: "fetch-user-abort",
    title: "fetch aborted by the user's own AbortController (not a network failure)",
    expect: { kind: "unchanged", native: /AbortError/ },
    async provoke(scope) {
      const { port } = await scope.server(() => {}, { host: V4 });
      const controller = new AbortController();
      const pending = fetch(`http://${V4}:${port}/`, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      return { error: await rejection(pending) };
    },
  },

  // ---- timeouts the kernel decides (each in a network namespace of its own) ------------------
  inNamespace({
    id: "tcp-connect-timeout",
    title: "net.connect to a listener whose accept queue is full (namespace, tcp_syn_retries=1)",
    sysctls: { "net.ipv4.tcp_syn_retries": "1" },
    budget: 20_000,
    // Pinned: Deno 2.0.6's and Bun's (1.1.45, 1.4.5) node:net report the kernel's connect
    // timeout as ECONNREFUSED: lost.
    expect: (r) =>
      deno20(r) || bun(r)
        ? { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect", native: /^Error ECONNREFUSED connect$/ }
        : { kind: "TimeoutError", code: "ETIMEDOUT", errno: 110, syscall: "connect", keeps: ["address", "port"] },
    async provoke(scope) {
      const port = await fullListener(scope);
      const socket = connect({ host: V4, port });
      scope.defer(() => socket.destroy());
      return { error: await nextError(socket, 15_000, "ETIMEDOUT"), known: { address: V4, port } };
    },
  }),
  inNamespace({
    id: "tcp-connect-abort-timeout",
    title: "net.connect with AbortSignal.timeout(200) to a listener whose accept queue is full (namespace)",
    sysctls: {},
    budget: 15_000,
    // Bun 1.4.5 makes the AbortError an Error named so; Bun 1.1.45 rejects with the signal's DOMException itself.
    expect: (r) =>
      bun11(r)
        ? { kind: "TimeoutError", native: /^DOMException\[TimeoutError\]/ }
        : { kind: "TimeoutError", native: /^(?:Error\[AbortError\]|AbortError) ABORT_ERR <- DOMException\[TimeoutError\]/ },
    async provoke(scope) {
      const port = await fullListener(scope);
      const socket = connect({ host: V4, port, signal: AbortSignal.timeout(200) });
      scope.defer(() => socket.destroy());
      return { error: await nextError(socket, 5000, "an AbortError") };
    },
  }),
  inNamespace({
    id: "tcp-keepalive-timeout",
    title: "TCP keep-alive probes unanswered (namespace, loopback taken down under an idle connection)",
    sysctls: {},
    budget: 40_000,
    skip: () => {
      const r = currentRuntime();
      // Seen with strace: Node sets SO_KEEPALIVE, TCP_KEEPIDLE, TCP_KEEPINTVL=1 and TCP_KEEPCNT=10.
      if (deno20(r)) return "Deno 2.0's socket.setKeepAlive() makes no system call at all (seen with strace): no probe is ever sent";
      if (deno(r)) return "Deno's socket.setKeepAlive() sets TCP_KEEPIDLE only (seen with strace): with the kernel's probe interval (75 s x 9) the timeout takes over 11 minutes";
      return undefined;
    },
    // Pinned: Bun 1.1.45 sets the same options as Node (seen with strace), and the kernel times
    // the connection out, but its node:net closes the socket without an 'error'.
    expect: (r) => (bun11(r) ? { kind: "no error" } : { kind: "TimeoutError", code: "ETIMEDOUT", errno: 110, syscall: "read" }),
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
  }),

  // ---- addresses -----------------------------------------------------------------------------
  {
    id: "tcp-address-in-use",
    title: "listen on a TCP port already taken",
    // Pinned: Bun 1.1.45's node:net error says neither the syscall nor the address or port.
    expect: (r) =>
      bun11(r)
        ? { kind: "AddressInUseError", code: "EADDRINUSE", errno: 98, native: /^Error EADDRINUSE$/ }
        : { kind: "AddressInUseError", code: "EADDRINUSE", errno: 98, syscall: "listen", keeps: ["port"] },
    async provoke(scope) {
      const { port } = await scope.server(() => {}, { host: V4 });
      const second = createServer();
      scope.defer(() => second.close());
      second.listen(port, V4);
      return { error: await nextError(second), known: { address: V4, port } };
    },
  },
  {
    id: "unix-address-in-use",
    title: "listen on a Unix socket path already taken",
    // Pinned: Bun 1.1.45's node:net listens without an error: the path's first server is cut off.
    expect: (r) => (bun11(r) ? { kind: "no error" } : { kind: "AddressInUseError", code: "EADDRINUSE", errno: 98, syscall: "listen" }),
    async provoke(scope) {
      const path = join(scope.tmpdir(), "taken.sock");
      await scope.server(() => {}, { path });
      const second = createServer();
      scope.defer(() => second.close());
      second.listen(path);
      return { error: await nextError(second), known: { path } };
    },
  },
  {
    id: "tcp-address-not-available",
    title: "listen on an address this host does not have (192.0.2.1, TEST-NET-1; nothing is sent)",
    // Pinned: Deno 2.9.6's node:net reports EINVAL (Deno 2.0.6's said EADDRNOTAVAIL, as Linux does).
    expect: (r) =>
      deno(r) && !deno20(r)
        ? { kind: "OSError", code: "EINVAL", errno: 22, syscall: "listen", native: /^Error EINVAL listen$/ }
        : bun11(r)
        ? { kind: "AddressNotAvailableError", code: "EADDRNOTAVAIL", errno: 99, native: /^Error EADDRNOTAVAIL$/ }
        : { kind: "AddressNotAvailableError", code: "EADDRNOTAVAIL", errno: 99, syscall: "listen", keeps: ["address"] },
    async provoke(scope) {
      const server = createServer();
      scope.defer(() => server.close());
      server.listen(0, "192.0.2.1");
      return { error: await nextError(server), known: { address: "192.0.2.1" } };
    },
  },

  // ---- name resolution (a DNS server of our own on 127.0.0.1) ---------------------------------
  // One row per answer of the loopback name server: what it says, and the code Node's resolver gives.
  ...(
    [
      ["dns-nxdomain", "nxdomain", "answered NXDOMAIN by", "ENOTFOUND", 2000],
      ["dns-servfail", "servfail", "answered SERVFAIL by", "ESERVFAIL", 2000],
      ["dns-timeout", "silent", "to", "ETIMEOUT", 200],
    ] as const
  ).map(
    ([id, mode, how, code, timeout]): Scenario => ({
      id,
      title: `dns Resolver.resolve4 ${how} a loopback name server${mode === "silent" ? " that never answers" : ""}`,
      expect: (r) => {
        // Pinned: Deno's node:dns says ENOTFOUND for SERVFAIL too, and Deno 2.0.6's ignores the
        // Resolver's timeout: a silent server leaves the query pending for ever.
        if (deno20(r) && mode === "silent") return { kind: "no error" };
        if (deno(r) && mode === "servfail") return { kind: "NameResolutionError", code: "ENOTFOUND", keeps: ["hostname"] };
        return { kind: "NameResolutionError", code, keeps: ["hostname"] };
      },
      async provoke(scope) {
        const { resolver } = await resolverAgainst(scope, mode, timeout);
        const hostname = `${mode}.neterr.test`;
        return { error: await rejection(resolver.resolve4(hostname), 10_000), known: { hostname } };
      },
    }),
  ),

  // ---- fetch ---------------------------------------------------------------------------------
  {
    id: "fetch-refused",
    title: "fetch to a closed port",
    // Deno's fetch keeps only text: "... tcp connect error: Connection refused (os error 111)",
    // on the cause (Deno >= 2.9.2) or on the TypeError itself (before).
    expect: (r) =>
      bun(r)
        ? bunFetch(r, "ConnectionRefusedError")
        : deno20(r)
        ? { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, native: /^TypeError/ }
        : deno(r)
          ? { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, native: /^TypeError "fetch failed" <- Error "error sending request for url/ }
          : { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect", keeps: ["address", "port"], native: /^TypeError "fetch failed" <- Error ECONNREFUSED/ },
    async provoke() {
      const port = await closedPort(V4);
      return { error: await rejection(fetch(`http://${V4}:${port}/`)), known: { address: V4, port } };
    },
  },
  {
    id: "fetch-reset",
    title: "fetch to a server that resets the connection",
    expect: (r) =>
      bun(r)
        ? { ...bunFetch(r, "ConnectionResetError"), keeps: [] }
        : deno20(r)
        ? { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, native: /^TypeError "error sending request from [^"]*" <- Error "Connection reset by peer/ }
        : { kind: "ConnectionResetError", code: "ECONNRESET", native: /^TypeError "fetch failed" <- / },
    async provoke(scope) {
      const port = await peer(scope, { kind: "tcp", on: "data", then: "reset" });
      return { error: await rejection(fetch(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "fetch-closed-before-response",
    title: "fetch to a server that closes (FIN) before answering",
    // Deno (hyper): "connection closed before message completed", as text only.
    expect: (r) =>
      bun(r)
        ? bunFetch(r, "ConnectionResetError")
        : deno20(r)
        ? { kind: "ConnectionResetError", code: "ECONNRESET", native: /^TypeError "error sending request from/ }
        : deno(r)
          ? { kind: "ConnectionResetError", code: "ECONNRESET", native: /^TypeError "fetch failed" <- Error "error sending request from/ }
          : { kind: "ConnectionResetError", code: "UND_ERR_SOCKET", native: /^TypeError "fetch failed" <- \w+ UND_ERR_SOCKET/ },
    async provoke(scope) {
      const { port } = await scope.server((socket) => socket.once("data", () => socket.end()), { host: V4 });
      return { error: await rejection(fetch(`http://${V4}:${port}/`)), known: { address: V4, port } };
    },
  },
  {
    id: "fetch-closed-mid-body",
    title: "fetch response whose body the server cuts short (FIN after 10 of 100 bytes)",
    expect: (r) =>
      bun(r)
        ? bunFetch(r, "ConnectionResetError")
        : deno(r)
        ? DENO_BODY_CUT
        : { kind: "ConnectionResetError", code: "UND_ERR_RES_CONTENT_LENGTH_MISMATCH", native: /^TypeError "terminated" <- \w+ UND_ERR_RES_CONTENT_LENGTH_MISMATCH/ },
    async provoke(scope) {
      const { port } = await scope.server((socket) => {
        socket.once("data", () => {
          socket.write(head(100) + "0123456789");
          setTimeout(() => socket.end(), 20);
        });
      }, { host: V4 });
      const response = await fetch(`http://${V4}:${port}/`);
      return { error: await rejection(response.text()), known: { address: V4, port } };
    },
  },

  {
    id: "fetch-reset-mid-body",
    title: "fetch response whose body the server resets (RST after 10 of 100 bytes)",
    // Pinned: Node 20.20.2's undici reports the RST as SocketError UND_ERR_SOCKET ("closed");
    // Node 26.10.0's undici reports the body it did not get, UND_ERR_RES_CONTENT_LENGTH_MISMATCH.
    // Both are the same failure to neterr. (Seen 5 runs out of 5 on each.)
    expect: ({ name, version }) =>
      name === "bun"
        ? bunFetch({ name, version }, "ConnectionResetError")
        : name === "deno"
        ? DENO_BODY_CUT
        : name === "node" && version.startsWith("20.")
        ? { kind: "ConnectionResetError", code: "UND_ERR_SOCKET", native: /^TypeError "terminated" <- SocketError UND_ERR_SOCKET$/ }
        : { kind: "ConnectionResetError", code: "UND_ERR_RES_CONTENT_LENGTH_MISMATCH", native: /^TypeError "terminated" <- \w+ UND_ERR_RES_CONTENT_LENGTH_MISMATCH$/ },
    async provoke(scope) {
      const port = await peer(scope, { kind: "tcp", on: "data", write: head(100) + "0123456789", then: "reset", delay: 20 });
      const response = await fetch(`http://${V4}:${port}/`);
      return { error: await rejection(response.text()), known: { address: V4, port } };
    },
  },

  // ---- UDP and TLS ---------------------------------------------------------------------------
  {
    id: "udp-refused",
    title: "UDP send on a connected socket to a closed loopback port",
    // Pinned: Deno's node:dgram never reports the ICMP port-unreachable (2.0.6 and 2.9.6), nor
    // does Bun 1.1.45's.
    expect: (r) => (deno(r) || bun11(r) ? { kind: "no error" } : { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111 }),
    async provoke(scope) {
      const port = await closedUdpPort();
      const socket = createSocket("udp4");
      scope.defer(() => socket.close());
      await new Promise<void>((resolve, reject) => {
        socket.once("error", reject);
        socket.connect(port, V4, () => resolve());
      });
      const error = nextError(socket);
      socket.on("error", () => {}); // later datagrams fail the same way
      // The ICMP port-unreachable answer arrives after the first datagram; send a few, bounded.
      for (let i = 0; i < 5; i++) {
        socket.send("ping", () => {});
        await sleep(20);
      }
      return { error: await error };
    },
  },
  {
    id: "tls-to-plain-server-closed",
    title: "tls.connect to a plain TCP server that closes at once",
    // Deno 2.0.6's node:tls lets Deno's own UnexpectedEof through, with no code. Pinned: Bun
    // 1.1.45's node:tls emits no 'error' at all.
    expect: (r) =>
      bun11(r)
        ? { kind: "no error" }
        : deno20(r)
        ? { kind: "ConnectionResetError", native: /^UnexpectedEof "unexpected end of file"$/ }
        : { kind: "ConnectionResetError", code: "ECONNRESET" },
    async provoke(scope) {
      const { port } = await scope.server((socket) => socket.end(), { host: V4 });
      const socket = tls({ host: V4, port, rejectUnauthorized: false });
      scope.defer(() => socket.destroy());
      return { error: await nextError(socket), known: { address: V4, port } };
    },
  },
  ...denoScenarios,
  ...bunScenarios,
];

const CHILD = new URL("../dist/cli.js", import.meta.url);

/**
 * A scenario that runs in a network namespace of its own: the parent makes the namespace (with
 * its sysctls), runs this same runtime inside it on the child runner, and takes its report.
 */
function inNamespace(spec: Scenario & { sysctls: Readonly<Record<string, string>>; budget: number }): Scenario {
  const inner: Scenario = { id: `${spec.id}:inner`, title: spec.title, expect: spec.expect, provoke: spec.provoke };
  innerScenarios.set(inner.id, inner);
  return {
    id: spec.id,
    title: spec.title,
    expect: spec.expect,
    skip: async () => (await spec.skip?.()) ?? namespaceUnavailable(),
    async provoke(scope) {
      const ns = namespace(scope, spec.sysctls);
      const out = await runInNamespace(ns, scriptCommand(fileURLToPath(CHILD), "--inner", inner.id), spec.budget);
      const report = JSON.parse(out.trim().split("\n").pop() ?? "{}") as Report;
      return { report: { ...report, id: spec.id } };
    },
  };
}

/**
 * A listener on 127.0.0.1 that never accepts, with its accept queue full: a Node peer process
 * listens with backlog 1 and then blocks its own event loop, and we connect until a
 * handshake no longer completes. The next SYN is dropped by the kernel, as on a swamped server.
 */
async function fullListener(scope: Scope): Promise<number> {
  const dir = scope.tmpdir();
  const script = join(dir, "blocked-listener.mjs");
  writeFileSync(
    script,
    [
      `import { createServer } from "node:net";`,
      `import { writeSync } from "node:fs";`,
      `const server = createServer();`,
      `server.listen({ port: 0, host: "127.0.0.1", backlog: 1 }, () => {`,
      `  writeSync(1, server.address().port + "\\n");`,
      `  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30000);`,
      `  process.exit(0);`,
      `});`,
      ``,
    ].join("\n"),
  );
  // The listener is a peer, not the runtime under test: Node, whose backlog is the one asked for.
  const [cmd, ...args] = peerCommand(script);
  const child = spawn(cmd!, args, { stdio: ["ignore", "pipe", "inherit"] });
  scope.defer(() => child.kill("SIGKILL"));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the blocked listener did not start within 10 s")), 10_000);
    child.stdout.once("data", (data: Buffer) => {
      clearTimeout(timer);
      resolve(Number(String(data).trim()));
    });
    child.once("error", reject);
  });
  for (let i = 0; i < 10; i++) {
    const filler = connect({ host: V4, port });
    filler.on("error", () => {});
    scope.defer(() => filler.destroy());
    const done = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 300);
      filler.once("connect", () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!done) return port;
  }
  throw new Error("the accept queue never filled (10 connections completed)");
}

/** A UDP port on 127.0.0.1 where nothing is bound. */
async function closedUdpPort(): Promise<number> {
  const probe = createSocket("udp4");
  await new Promise<void>((resolve) => probe.bind(0, V4, resolve));
  const { port } = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

