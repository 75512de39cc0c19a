/**
 * @module
 * Which runtime runs this suite, its version, how to start another script in it, and its
 * neterr adapter. Scenario files never test for the runtime themselves: they ask this module.
 */

import type { Adapter } from "@neterr/core/adapter";

/** The runtimes neterr supports. */
export type RuntimeName = "node" | "deno" | "bun";

declare const Deno: { version: { deno: string }; execPath(): string } | undefined;
declare const Bun: { version: string } | undefined;

/** The runtime running this code, from the runtime's own globals (not from `process`, which Deno and Bun imitate). */
export function currentRuntime(): { name: RuntimeName; version: string } {
  if (typeof Deno !== "undefined") return { name: "deno", version: Deno.version.deno };
  if (typeof Bun !== "undefined") return { name: "bun", version: Bun.version };
  return { name: "node", version: process.versions.node };
}

type Version = { name: RuntimeName; version: string };
/** Deno 2.0.x: the oldest Deno neterr supports, whose node: compat layer loses the most. */
export const deno20 = (r: Version): boolean => r.name === "deno" && r.version.startsWith("2.0.");
export const deno = (r: Pick<Version, "name">): boolean => r.name === "deno";
/** Bun 1.1.x: the oldest Bun neterr supports. Its node:net drops read errors; its fetch and node:http use Zig error names. */
export const bun11 = (r: Version): boolean => r.name === "bun" && r.version.startsWith("1.1.");
export const bun = (r: Pick<Version, "name">): boolean => r.name === "bun";

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
