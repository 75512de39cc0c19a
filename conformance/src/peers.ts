/**
 * @module
 * The other side of each scenario: loopback servers that refuse, reset, close or never answer,
 * a DNS server on 127.0.0.1, and network namespaces made by the scenario itself. Every wait is
 * bounded; everything opened is closed by the {@link Scope} that opened it.
 */

import { spawn, spawnSync } from "node:child_process";
import { Buffer } from "node:buffer";
import { createSocket } from "node:dgram";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { currentRuntime, scriptCommand } from "./runtime.ts";

/** Collects cleanups; `close()` runs them all, last first, and never throws. */
export class Scope {
  readonly #cleanups: (() => unknown)[] = [];
  defer(cleanup: () => unknown): void {
    this.#cleanups.push(cleanup);
  }
  async close(): Promise<void> {
    for (const cleanup of this.#cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch {
        // a cleanup that fails must not hide the scenario's result
      }
    }
  }
  /** A fresh temporary directory, removed at close. */
  tmpdir(): string {
    const dir = mkdtempSync(join(tmpdir(), "neterr-"));
    this.defer(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }
  /** A TCP or Unix server, closed (and its sockets destroyed) at close. */
  async server(
    onConnection: (socket: Socket) => void,
    where: { host: string; port?: number } | { path: string },
    options: { allowHalfOpen?: boolean } = {},
  ): Promise<{ server: Server; port: number }> {
    const sockets = new Set<Socket>();
    const server = createServer({ allowHalfOpen: options.allowHalfOpen ?? false }, (socket) => {
      sockets.add(socket);
      socket.on("error", () => {}); // the peer's own errors are not the scenario's
      socket.on("close", () => sockets.delete(socket));
      onConnection(socket);
    });
    this.defer(
      () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          server.close(() => resolve());
          setTimeout(resolve, 1000).unref?.();
        }),
    );
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      if ("path" in where) server.listen(where.path, resolve);
      else server.listen(where.port ?? 0, where.host, resolve);
    });
    const address = server.address();
    return { server, port: typeof address === "object" && address ? address.port : 0 };
  }
}

/**
 * A stale Unix socket: its server (this same runtime, in a child) listened on it and died by
 * SIGKILL, which leaves the socket file behind. Resolves with its path.
 */
export async function staleUnixSocket(scope: Scope): Promise<string> {
  const dir = scope.tmpdir();
  const path = join(dir, "stale.sock");
  const script = join(dir, "listen-then-die.mjs");
  writeFileSync(
    script,
    `import { createServer } from "node:net";\ncreateServer().listen(${JSON.stringify(path)}, () => process.kill(process.pid, "SIGKILL"));\n`,
  );
  const [cmd, ...args] = scriptCommand(script);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(cmd!, args, { stdio: "ignore" });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("the listening child did not die within 10 s"));
    }, 10_000);
    child.on("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.on("error", reject);
  });
  return path;
}

/** A port on `host` where nothing listens: bound by the kernel, then released. */
export async function closedPort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 0;
}

/**
 * The runtime reported no failure where one happened: no `"error"` event, no rejection, within
 * the scenario's bound. Some runtime versions do this (the scenario's expectation says so).
 */
export class Silence extends Error {
  override readonly name = "Silence";
}

/** Resolves with the first `"error"` the emitter emits; rejects with {@link Silence} after `ms`. */
export function nextError(
  emitter: { once(event: "error", listener: (e: unknown) => void): unknown },
  ms = 5000,
  what = "an error",
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Silence(`no 'error' event within ${ms} ms: expected ${what}`)), ms);
    emitter.once("error", (error) => {
      clearTimeout(timer);
      resolve(error);
    });
  });
}

/** Resolves with what `promise` rejected with; rejects if it fulfils or takes longer than `ms`. */
export async function rejection(promise: Promise<unknown>, ms = 5000, what = "a rejection"): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Silence(`no rejection within ${ms} ms: expected ${what}`)), ms);
  });
  try {
    await Promise.race([promise, timeout]);
  } catch (error) {
    if (error instanceof Silence) throw error;
    return error;
  } finally {
    clearTimeout(timer);
  }
  throw new Silence(`the operation succeeded: expected ${what}`);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Does this machine answer on ::1? */
export async function hasIPv6Loopback(): Promise<boolean> {
  try {
    await closedPort("::1");
    return true;
  } catch {
    return false;
  }
}

/** DNS answers the loopback name server gives: an rcode, or silence. */
export type DnsMode = "nxdomain" | "servfail" | "silent";

/**
 * What a peer process does: answer DNS, or handle each TCP connection with a plan. Resets use
 * Node's `resetAndDestroy()` (SO_LINGER 0), which Deno 2.0's node:net lacks, and Deno 2.0 cannot
 * answer its own `Deno.resolveDns` from a server in the same process: so these peers always run
 * in a Node process of their own, whatever runtime is under test. The runtime under test is the
 * client; the peer is only the other end of the wire.
 */
export type PeerPlan =
  | { readonly kind: "dns"; readonly mode: DnsMode }
  | {
      readonly kind: "tcp";
      /** Act at once, or after the first bytes from the client arrived. */
      readonly on: "connect" | "data";
      /** Written before acting (an HTTP head and part of a body). */
      readonly write?: string;
      readonly then: "reset" | "end" | "destroy";
      /** Milliseconds between writing and acting. */
      readonly delay?: number;
    };

/** The Node that runs peer processes: the test runner names it; in Node, this Node. */
function peerNode(): string {
  const named = process.env.NETERR_PEER_NODE;
  if (named) return named;
  return currentRuntime().name === "node" ? process.execPath : "node";
}

/** The command line that runs `file` in the peer Node. */
export function peerCommand(file: string, ...args: string[]): string[] {
  return [peerNode(), file, ...args];
}

/** Starts a peer process for `plan` (killed, by its PID, at the scope's close); resolves with its port on 127.0.0.1. */
export async function peer(scope: Scope, plan: PeerPlan): Promise<number> {
  // dist/peer-cli.js, from src/ (vitest) as from dist/ (the demo): Node runs it, so always the built one.
  const cli = fileURLToPath(new URL("../dist/peer-cli.js", import.meta.url));
  const child = spawn(peerNode(), [cli, JSON.stringify(plan)], { stdio: ["pipe", "pipe", "pipe"] });
  scope.defer(() => {
    child.stdin?.end();
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return await new Promise<number>((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`the peer process gave no port within 10 s\n${err}`)), 10_000);
    child.stderr?.setEncoding("utf8").on("data", (d: string) => (err += d));
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      const line = out.split("\n")[0];
      if (out.includes("\n") && line !== undefined) {
        clearTimeout(timer);
        const port = Number(/^\{"port":(\d+)\}$/.exec(line)?.[1]);
        if (Number.isInteger(port) && port > 0) resolve(port);
        else reject(new Error(`the peer process said ${line}`));
      }
    });
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start the peer process (${peerNode()}): ${e.message}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the peer process exited with ${code}\n${err}`));
    });
  });
}

/** A DNS server on 127.0.0.1 (in a peer process) that answers NXDOMAIN, SERVFAIL, or nothing. */
export function dnsServer(scope: Scope, mode: DnsMode): Promise<number> {
  return peer(scope, { kind: "dns", mode });
}

/**
 * Runs in the peer process: the DNS server. Answers every query with NXDOMAIN (rcode 3),
 * SERVFAIL (rcode 2), or never. Only the header of the query is read; the question is echoed back.
 */
export async function serveDns(scope: Scope, mode: DnsMode, port = 0): Promise<number> {
  const socket = createSocket("udp4");
  socket.on("message", (query, peer) => {
    if (mode === "silent" || query.length < 12) return;
    const answer = Buffer.from(query);
    answer[2] = 0x80 | (query[2]! & 0x79); // QR=1, keep opcode and RD
    answer[3] = 0x80 | (mode === "nxdomain" ? 3 : 2); // RA=1, rcode
    answer.writeUInt16BE(0, 6); // no answers
    answer.writeUInt16BE(0, 8); // no authority
    answer.writeUInt16BE(0, 10); // no additional (drops an EDNS OPT record if any)
    const end = questionEnd(answer);
    socket.send(answer.subarray(0, end), peer.port, peer.address);
  });
  scope.defer(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  await new Promise<void>((resolve) => socket.bind(port, "127.0.0.1", resolve));
  return socket.address().port;
}

/** Runs in the peer process: a TCP server on 127.0.0.1 that follows `plan` on every connection. */
export async function serveTcp(scope: Scope, plan: Extract<PeerPlan, { kind: "tcp" }>): Promise<number> {
  const act = (socket: Socket): void => {
    if (plan.write !== undefined) socket.write(plan.write);
    setTimeout(() => {
      if (plan.then === "reset") socket.resetAndDestroy();
      else if (plan.then === "end") socket.end();
      else socket.destroy();
    }, plan.delay ?? 0);
  };
  const { port } = await scope.server((socket) => (plan.on === "data" ? socket.once("data", () => act(socket)) : act(socket)), {
    host: "127.0.0.1",
  });
  return port;
}

/** Where the first question of a DNS message ends (header + QNAME + QTYPE + QCLASS). */
function questionEnd(message: Buffer): number {
  let at = 12;
  for (let labels = 0; labels < 128 && at < message.length; labels++) {
    const length = message[at]!;
    at += 1 + length;
    if (length === 0) break;
  }
  return Math.min(at + 4, message.length);
}

/** Why a scenario that needs root and `ip netns` cannot run here, or undefined if it can. */
export function namespaceUnavailable(): string | undefined {
  if (process.platform !== "linux") return "network namespaces exist only on Linux";
  if (typeof process.getuid === "function" && process.getuid() !== 0) return "network namespaces need root";
  const probe = spawnSync("ip", ["netns", "list"], { encoding: "utf8", timeout: 5000 });
  if (probe.error || probe.status !== 0) return `'ip netns' is not usable here (${probe.error?.message ?? probe.stderr.trim()})`;
  return undefined;
}

const ip = (...args: string[]): void => {
  const run = spawnSync("ip", args, { encoding: "utf8", timeout: 10_000 });
  if (run.error || run.status !== 0) throw new Error(`ip ${args.join(" ")}: ${run.error?.message ?? run.stderr.trim()}`);
};

/**
 * A network namespace of the scenario's own, with loopback up and the given sysctls
 * (`{ "net.ipv4.tcp_syn_retries": "1" }`), deleted at close. Returns its name.
 */
export function namespace(scope: Scope, sysctls: Readonly<Record<string, string>> = {}, resolver = false): string {
  removeOrphanNamespaces();
  const name = `neterr-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  if (resolver) {
    // `ip netns exec` mounts /etc/netns/NAME/resolv.conf over /etc/resolv.conf: the system's
    // resolver (getaddrinfo, every client's lookup) asks only the scenario's own DNS server.
    const dir = `/etc/netns/${name}`;
    mkdirSync(dir, { recursive: true });
    scope.defer(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, "resolv.conf"), "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
  }
  ip("netns", "add", name);
  scope.defer(() => ip("netns", "del", name));
  ip("-n", name, "link", "set", "lo", "up");
  for (const [key, value] of Object.entries(sysctls)) {
    ip("netns", "exec", name, "sysctl", "-q", "-w", `${key}=${value}`);
  }
  return name;
}

/** Deletes namespaces this suite made in a run whose process is gone (killed before cleanup). */
function removeOrphanNamespaces(): void {
  const list = spawnSync("ip", ["netns", "list"], { encoding: "utf8", timeout: 5000 });
  for (const line of (list.stdout ?? "").split("\n")) {
    const match = /^neterr-(\d+)-[a-z0-9]+/.exec(line);
    if (!match) continue;
    try {
      process.kill(Number(match[1]), 0); // still running: not an orphan
    } catch {
      spawnSync("ip", ["netns", "del", match[0]], { timeout: 5000 });
    }
  }
}

/** Runs `command` inside namespace `ns`; resolves with its stdout; kills it (by PID) after `ms`. */
export function runInNamespace(ns: string, command: readonly string[], ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("ip", ["netns", "exec", ns, ...command], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${command.join(" ")} in namespace ${ns} took more than ${ms} ms\n${err}`));
    }, ms);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${command.join(" ")} in namespace ${ns} exited with ${code}\n${err}`));
    });
  });
}
