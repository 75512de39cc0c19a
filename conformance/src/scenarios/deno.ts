/**
 * @module
 * Scenarios only Deno can run: its own socket API (`Deno.connect`, `Deno.listen`, `Deno.Conn`,
 * `Deno.connectTls`) and `Deno.resolveDns`, against the same peers as the shared scenarios.
 */

import { join } from "node:path";
import { closedPort, dnsServer, peer, rejection, type Scope, sleep } from "../peers.ts";
import { V4 } from "../provoke.ts";
import type { Expectation, Scenario } from "../types.ts";

/** The part of Deno's API these scenarios use (the conformance package is typed for Node). */
interface DenoConn {
  read(buffer: Uint8Array): Promise<number | null>;
  write(data: Uint8Array): Promise<number>;
  close(): void;
}
interface DenoListener {
  close(): void;
  readonly addr: { port?: number; path?: string };
}
interface DenoApi {
  connect(options: { hostname?: string; port: number }): Promise<DenoConn>;
  connectTls(options: { hostname?: string; port: number }): Promise<DenoConn & { handshake(): Promise<unknown> }>;
  listen(options: { hostname?: string; port: number } | { transport: "unix"; path: string }): DenoListener;
  resolveDns(query: string, type: "A", options: { nameServer: { ipAddr: string; port: number } }): Promise<string[]>;
}
const Deno = (): DenoApi => (globalThis as unknown as { Deno: DenoApi }).Deno;

/** What a wrapper threw: the mapped error, judged as it is, and the native error, its cause. */
const fromWrapper = (mapped: unknown): { error: unknown; mapped: unknown } => ({ error: (mapped as { cause?: unknown }).cause, mapped });

/** A `Deno.Conn` to `port`, closed at the scope's end. */
async function denoConnect(scope: Scope, port: number): Promise<DenoConn> {
  const conn = await Deno().connect({ hostname: V4, port });
  scope.defer(() => conn.close());
  return conn;
}

/** Writes until a write rejects (bounded: 100 writes of 16 KiB, 10 ms apart). */
async function writeUntilRejected(conn: DenoConn): Promise<unknown> {
  const chunk = new Uint8Array(16 * 1024);
  for (let i = 0; i < 100; i++) {
    try {
      await conn.write(chunk);
    } catch (error) {
      return error;
    }
    await sleep(10);
  }
  throw new Error("100 writes succeeded: expected one to fail");
}

/** `Deno.listen`'s error, or a failure if it listened. */
function listenError(scope: Scope, options: Parameters<DenoApi["listen"]>[0]): unknown {
  try {
    const listener = Deno().listen(options);
    scope.defer(() => listener.close());
  } catch (error) {
    return error;
  }
  throw new Error("Deno.listen succeeded: expected it to fail");
}

const dnsExpectation = (code: string, native: RegExp, why?: string): Expectation => ({ kind: "NameResolutionError", code, phase: "resolve", requestSent: false, native, ...(why ? { why } : {}) });

/** Deno's own errors name no operation: where it failed is lost (`guard(conn)` of @neterr/deno adds it). */
const NO_OPERATION = "Deno's error names no operation: where it failed, and whether anything was sent, is lost (guard(conn) from @neterr/deno says it)";

export const denoScenarios: readonly Scenario[] = [
  {
    id: "deno-connect-refused",
    title: "Deno.connect to a closed port on 127.0.0.1",
    only: "deno",
    expect: { default: { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, phase: "connect", requestSent: false, native: /^ConnectionRefused ECONNREFUSED$/ } },
    async provoke() {
      const port = await closedPort(V4);
      return { error: await rejection(Deno().connect({ hostname: V4, port })), known: { address: V4, port } };
    },
  },
  {
    id: "deno-conn-read-reset",
    title: "Conn.read on a connection the peer resets",
    only: "deno",
    expect: { default: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, phase: null, requestSent: null, native: /^ConnectionReset ECONNRESET$/, why: NO_OPERATION } },
    async provoke(scope) {
      const conn = await denoConnect(scope, await peer(scope, { kind: "tcp", on: "data", then: "reset" }));
      await conn.write(new TextEncoder().encode("hello"));
      return { error: await rejection(conn.read(new Uint8Array(64))) };
    },
  },
  {
    id: "deno-guarded-conn-read-reset",
    title: "Conn.read on a connection the peer resets after our write, guarded by @neterr/deno",
    only: "deno",
    // The guard names the operation (read): the request was written, and may have been processed.
    expect: { default: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, syscall: "read", phase: "receive", requestSent: true, native: /^ConnectionReset ECONNRESET$/ } },
    async provoke(scope) {
      const { guard } = await import("@neterr/deno");
      const conn = guard((await denoConnect(scope, await peer(scope, { kind: "tcp", on: "data", then: "reset" }))) as never) as unknown as DenoConn;
      await conn.write(new TextEncoder().encode("hello"));
      return fromWrapper(await rejection(conn.read(new Uint8Array(64))));
    },
  },
  {
    id: "deno-guarded-conn-reset-before-write",
    title: "Conn.read on a connection the peer resets before we wrote anything, guarded by @neterr/deno",
    only: "deno",
    // Deno's error says nothing of it; the guard saw no byte written: nothing was sent.
    expect: { default: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, syscall: "read", phase: "receive", requestSent: false, native: /^ConnectionReset ECONNRESET$/ } },
    async provoke(scope) {
      const { guard } = await import("@neterr/deno");
      const conn = guard((await denoConnect(scope, await peer(scope, { kind: "tcp", on: "connect", then: "reset", delay: 50 }))) as never) as unknown as DenoConn;
      return fromWrapper(await rejection(conn.read(new Uint8Array(64))));
    },
  },
  {
    id: "deno-conn-write-after-reset",
    title: "Conn.write on a connection the peer reset while we were not reading",
    only: "deno",
    expect: { default: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, phase: null, requestSent: null, native: /^ConnectionReset ECONNRESET$/, why: NO_OPERATION } },
    async provoke(scope) {
      const conn = await denoConnect(scope, await peer(scope, { kind: "tcp", on: "connect", then: "reset", delay: 50 }));
      await sleep(300);
      return { error: await writeUntilRejected(conn) };
    },
  },
  {
    id: "deno-conn-write-after-close",
    title: "Conn.write on a connection the peer closed",
    only: "deno",
    expect: { default: { kind: "BrokenPipeError", code: "EPIPE", errno: 32, phase: null, requestSent: null, native: /^BrokenPipe EPIPE$/, why: NO_OPERATION } },
    async provoke(scope) {
      const conn = await denoConnect(scope, await peer(scope, { kind: "tcp", on: "connect", then: "destroy" }));
      await sleep(100);
      return { error: await writeUntilRejected(conn) };
    },
  },
  {
    id: "deno-listen-in-use",
    title: "Deno.listen on a TCP port already taken",
    only: "deno",
    expect: { default: { kind: "AddressInUseError", code: "EADDRINUSE", errno: 98, phase: null, requestSent: null, native: /^AddrInUse EADDRINUSE$/, why: NO_OPERATION } },
    async provoke(scope) {
      const first = Deno().listen({ hostname: V4, port: 0 });
      scope.defer(() => first.close());
      const port = first.addr.port ?? 0;
      return { error: listenError(scope, { hostname: V4, port }), known: { address: V4, port } };
    },
  },
  {
    id: "deno-listen-unix-in-use",
    title: "Deno.listen on a Unix socket path already taken",
    only: "deno",
    expect: { default: { kind: "AddressInUseError", code: "EADDRINUSE", errno: 98, phase: null, requestSent: null, native: /^AddrInUse EADDRINUSE$/, why: NO_OPERATION } },
    async provoke(scope) {
      const path = join(scope.tmpdir(), "taken.sock");
      const first = Deno().listen({ transport: "unix", path });
      scope.defer(() => first.close());
      return { error: listenError(scope, { transport: "unix", path }), known: { path } };
    },
  },
  {
    id: "deno-listen-not-available",
    title: "Deno.listen on an address this host does not have (192.0.2.1; nothing is sent)",
    only: "deno",
    expect: { default: { kind: "AddressNotAvailableError", code: "EADDRNOTAVAIL", errno: 99, phase: null, requestSent: null, native: /^AddrNotAvailable EADDRNOTAVAIL$/, why: NO_OPERATION } },
    async provoke(scope) {
      return { error: listenError(scope, { hostname: "192.0.2.1", port: 0 }), known: { address: "192.0.2.1" } };
    },
  },
  // Deno.resolveDns against the loopback name server. Deno's resolver (hickory) gives NotFound for
  // NXDOMAIN, and the same NotFound and text for SERVFAIL (pinned: it loses the difference), and
  // TimedOut when nobody answers (after 15 s on 2.0.6 and on 2.9.6).
  ...(
    [
      ["deno-resolvedns-nxdomain", "nxdomain", "answered NXDOMAIN by", dnsExpectation("ENOTFOUND", /^NotFound "(?:proto error: )?no records? found/)],
      ["deno-resolvedns-servfail", "servfail", "answered SERVFAIL by", dnsExpectation("ENOTFOUND", /^NotFound "(?:proto error: )?no records? found/, "the resolver gives the same NotFound and text as for NXDOMAIN")],
      ["deno-resolvedns-timeout", "silent", "to", dnsExpectation("ETIMEOUT", /^TimedOut "(?:proto error: )?request timed out"$/, "the resolver gives up after 15 s")],
    ] as const
  ).map(
    ([id, mode, how, expect]): Scenario => ({
      id,
      title: `Deno.resolveDns ${how} a loopback name server${mode === "silent" ? " that never answers" : ""}`,
      only: "deno",
      expect: { default: expect },
      async provoke(scope) {
        const port = await dnsServer(scope, mode);
        const hostname = `${mode}.neterr.test`;
        return { error: await rejection(Deno().resolveDns(hostname, "A", { nameServer: { ipAddr: V4, port } }), 25_000), known: { hostname } };
      },
    }),
  ),
  {
    id: "deno-connecttls-plain-server",
    title: "Deno.connectTls to a plain TCP server that closes at once",
    only: "deno",
    // Deno's own UnexpectedEof, with no code: as Node's "socket disconnected before secure TLS
    // connection was established", a ConnectionResetError.
    // Deno 2.0.6 now and then says the text twice ("unexpected end of file: unexpected end of
    // file", seen once in a full npm test): the same error, the same class.
    expect: { default: { kind: "ConnectionResetError", phase: null, requestSent: null, native: /^UnexpectedEof "unexpected end of file/, why: "Deno's UnexpectedEof says nothing of the handshake it cut short" } },
    async provoke(scope) {
      const port = await peer(scope, { kind: "tcp", on: "connect", then: "end" });
      const pending = Deno()
        .connectTls({ hostname: V4, port })
        .then(async (conn) => {
          scope.defer(() => conn.close());
          await conn.handshake();
        });
      return { error: await rejection(pending), known: { address: V4, port } };
    },
  },
];
