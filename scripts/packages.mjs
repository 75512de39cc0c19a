// The workspace packages npm would publish, and `npm pack` of one of them. Shared by
// scripts/check-packs.mjs (lints the tarballs) and scripts/check-tarballs.mjs (installs them).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { root } from "./runtimes.mjs";

/** Workspace folders from the root package.json; a trailing `/*` expands to its subfolders. */
function workspaceDirs() {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const patterns = Array.isArray(manifest.workspaces) ? manifest.workspaces : (manifest.workspaces?.packages ?? []);
  return patterns.flatMap((pattern) => {
    if (!pattern.endsWith("/*")) return [join(root, pattern)];
    const parent = join(root, pattern.slice(0, -2));
    return readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(parent, entry.name));
  });
}

/**
 * Every workspace package that is not `"private": true`, in the root package.json's order.
 * @returns {{ dir: string, name: string, manifest: Record<string, any> }[]}
 */
export function publishablePackages() {
  return workspaceDirs()
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ dir, name: manifest.name ?? relative(root, dir), manifest }));
}

/**
 * `npm pack --json` of the package in `dir` into `destination` (`extraArgs`: `--ignore-scripts`...).
 * `info` is npm's JSON for the tarball (`filename`, `integrity`, `files`...), undefined on failure;
 * `output` is npm's stdout and stderr together.
 * @returns {{ ok: boolean, info: Record<string, any> | undefined, output: string }}
 */
export function pack(dir, destination, extraArgs = [], timeoutMs = 300_000) {
  const result = spawnSync("npm", ["pack", "--json", "--pack-destination", destination, ...extraArgs], {
    cwd: dir,
    encoding: "utf8",
    shell: process.platform === "win32",
    timeout: timeoutMs,
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  const output = [result.error?.message, result.stdout, result.stderr].filter(Boolean).join("\n").trim();
  let info;
  try {
    // npm prints the JSON array on stdout; lifecycle scripts could print before it.
    info = JSON.parse(result.stdout.slice(result.stdout.indexOf("[")))[0];
  } catch {
    info = undefined;
  }
  return { ok: result.status === 0 && info !== undefined, info, output };
}
