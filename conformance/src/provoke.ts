/**
 * @module
 * The provoking helpers the scenario rows share: a connected client, bounded writes until an
 * error, a resolver against the loopback name server, an HTTP head, a listener whose accept
 * queue is full, a closed UDP port, and the wrapper that runs a scenario in a network namespace
 * of its own. The peers themselves (servers, DNS, namespaces) are in `peers.ts`.
 */

import { spawn, spawnSync } from "node:child_process";
import { Buffer } from "node:buffer";
import { createSocket } from "node:dgram";
import { Resolver } from "node:dns/promises";
import { readFileSync, writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type DnsMode,
  dnsServer,
  hasIPv6Loopback,
  namespace,
  namespaceUnavailable,
  nextError,
  peerCommand,
  runInNamespace,
  type Scope,
  sleep,
} from "./peers.ts";
import { scriptCommand } from "./runtime.ts";
import type { Report, Scenario } from "./types.ts";

/** A self-signed certificate for 127.0.0.1 (conformance/fixtures; a test key, public on purpose). */
export const selfSigned = (part: "cert" | "key"): string => readFileSync(new URL(`../fixtures/self-signed-127.0.0.1.${part}.pem`, import.meta.url), "utf8");

export const V4 = "127.0.0.1";
export const V6 = "::1";

/** A skip: this machine has no IPv6 loopback. */
export const noIPv6 = async (): Promise<string | undefined> =>
  (await hasIPv6Loopback()) ? undefined : "this machine has no IPv6 loopback (::1)";

/** A connected client socket to a server whose connection handler is `onServer` (or to a peer process's port). */
export async function connected(
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
export async function writeUntilError(client: Socket, what: string): Promise<unknown> {
  const error = nextError(client, 5000, what);
  const chunk = Buffer.alloc(64 * 1024, 120);
  for (let i = 0; i < 200 && !client.destroyed; i++) {
    client.write(chunk, () => {});
    await sleep(5);
  }
  return error;
}

/** The error of one write: from its callback or an 'error' event, whichever comes first (5 s at most). */
export function writeError(client: Socket, data: string): Promise<unknown> {
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
export function ssKillUnavailable(): string | undefined {
  if (process.platform !== "linux") return "`ss -K` exists only on Linux";
  if (typeof process.getuid === "function" && process.getuid() !== 0) return "`ss -K` needs root";
  const probe = spawnSync("ss", ["-K", "-t", "src", V4, "sport", "=", ":1"], { encoding: "utf8", timeout: 5000 });
  if (probe.error) return `iproute2's ss is not installed (${probe.error.message})`;
  if (probe.status !== 0) return `this kernel cannot kill sockets (ss -K: ${probe.stderr.trim()})`;
  return undefined;
}

/** An HTTP/1.1 response head that promises `length` bytes. */
export const httpHead = (length: number): string =>
  `HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: ${length}\r\nconnection: close\r\n\r\n`;

/** A node:dns Resolver that asks only the loopback name server answering in `mode`. */
export async function resolverAgainst(scope: Scope, mode: DnsMode, timeout: number): Promise<{ resolver: Resolver; port: number }> {
  const port = await dnsServer(scope, mode);
  const resolver = new Resolver({ timeout, tries: 1 });
  resolver.setServers([`${V4}:${port}`]);
  scope.defer(() => resolver.cancel());
  return { resolver, port };
}

/**
 * A listener on 127.0.0.1 that never accepts, with its accept queue full: a Node peer process
 * listens with backlog 1 and then blocks its own event loop, and we connect until a
 * handshake no longer completes. The next SYN is dropped by the kernel, as on a swamped server.
 */
export async function fullListener(scope: Scope): Promise<number> {
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
export async function closedUdpPort(): Promise<number> {
  const probe = createSocket("udp4");
  await new Promise<void>((resolve) => probe.bind(0, V4, resolve));
  const { port } = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const CHILD = new URL("../dist/cli.js", import.meta.url);

/**
 * How a namespace scenario runs (`scenario.namespace` set): the parent makes the namespace (with
 * its sysctls), runs this same runtime inside it on the child runner (`cli.js --inner ID`, which
 * runs the row itself), and takes its report. Other scenarios are returned as they are.
 */
export function inNamespace(scenario: Scenario): Scenario {
  const spec = scenario.namespace;
  if (spec === undefined) return scenario;
  return {
    ...scenario,
    skip: async () => (await scenario.skip?.()) ?? namespaceUnavailable(),
    async provoke(scope) {
      const ns = namespace(scope, spec.sysctls, spec.resolver === true);
      const out = await runInNamespace(ns, scriptCommand(fileURLToPath(CHILD), "--inner", scenario.id), spec.budget);
      const report = JSON.parse(out.trim().split("\n").pop() ?? "{}") as Report;
      return { report: { ...report, id: scenario.id } };
    },
  };
}
