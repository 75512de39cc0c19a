/**
 * @module
 * Which runtime runs this suite, its version, how to start another script in it, and its
 * neterr adapter. Scenario files never test for the runtime themselves: they pin what each
 * runtime version gives in a table (see `pins.ts`), whose keys this module matches.
 */

import type { Adapter } from "@neterr/core/adapter";

/** The runtimes neterr supports. */
export type RuntimeName = "node" | "deno" | "bun";

/** A runtime and its version (`{ name: "bun", version: "1.1.45" }`). */
export interface RuntimeVersion {
  readonly name: RuntimeName;
  readonly version: string;
}

declare const Deno: { version: { deno: string }; execPath(): string } | undefined;
declare const Bun: { version: string } | undefined;

/** The runtime running this code, from the runtime's own globals (not from `process`, which Deno and Bun imitate). */
export function currentRuntime(): RuntimeVersion {
  if (typeof Deno !== "undefined") return { name: "deno", version: Deno.version.deno };
  if (typeof Bun !== "undefined") return { name: "bun", version: Bun.version };
  return { name: "node", version: process.versions.node };
}

/** True in Deno (whose unhandled rejections are dispatched as a global event first). */
export const isDeno = (): boolean => currentRuntime().name === "deno";

/** `name@version` as a runtime: `"deno@2.0.6"` -> `{ name: "deno", version: "2.0.6" }`. */
export function parseRuntime(label: string): RuntimeVersion {
  const [name, version = ""] = label.split("@");
  if (name !== "node" && name !== "deno" && name !== "bun") throw new Error(`not a runtime label: ${label}`);
  return { name, version };
}

/**
 * How well a pin key matches `runtime`: -1 when it does not; 0 for "default"; 1 for the runtime's
 * name (`"bun"`); 2 and more for `name@prefix`, one more per version component (`"bun@1.1"`
 * matches 1.1.45 with 3). A prefix matches whole components only: `"node@2"` is not Node 20.
 */
export function keyMatch(key: string, runtime: RuntimeVersion): number {
  if (key === "default") return 0;
  const [name, prefix] = key.split("@");
  if (name !== runtime.name) return -1;
  if (prefix === undefined) return 1;
  const want = prefix.split(".");
  const have = runtime.version.split(".");
  return want.every((part, i) => have[i] === part) ? 1 + want.length : -1;
}

/** `name@version`, printed by every suite run so the output proves who ran it. */
export function runtimeLabel(): string {
  const { name, version } = currentRuntime();
  return `${name}@${version}`;
}

/** The command line that runs `file` in this same runtime (for scenarios that need a second process). */
export function scriptCommand(file: string, ...args: string[]): string[] {
  const { name } = currentRuntime();
  return name === "deno" ? [process.execPath, "run", "-A", file, ...args] : [process.execPath, file, ...args];
}

/** This runtime's adapter (`@neterr/node`, `@neterr/deno` or `@neterr/bun`). */
export async function loadAdapter(): Promise<Adapter> {
  const { name } = currentRuntime();
  if (name === "node") return (await import("@neterr/node")).adapter;
  if (name === "deno") return (await import("@neterr/deno")).adapter;
  return (await import("@neterr/bun")).adapter;
}

/** `closed(socket)` of this runtime's adapter: a WebSocket's end as a neterr error. */
export async function loadClosed(): Promise<(socket: WebSocket) => Promise<unknown>> {
  const { name } = currentRuntime();
  const { closed } = name === "node" ? await import("@neterr/node") : name === "deno" ? await import("@neterr/deno") : await import("@neterr/bun");
  return closed as (socket: WebSocket) => Promise<unknown>;
}

