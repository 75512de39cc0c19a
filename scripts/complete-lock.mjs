#!/usr/bin/env node
/**
 * @module
 * Makes package-lock.json complete for `npm ci` on a registry mirror that lacks some platforms'
 * binaries of old runtime versions.
 *
 * The runtimes we test come from npm; each (`bun`, `deno`) lists one optional package per
 * platform, pinned to its own version. The registry this project is built against has the
 * linux-x64 binaries of every version we pin, but not the darwin/windows/arm64 binaries of the
 * old ones (bun 1.1.45, deno 2.0.6). `npm install` then leaves those optional packages out of the
 * lockfile, and `npm ci` refuses the lockfile as "out of sync" ("Missing: @deno/darwin-arm64@
 * from lock file"). This script adds the missing entries as npm itself writes them for a package
 * of another platform: exact version, `optional`, and the package's `os`/`cpu`/`libc` (copied
 * from another version of the same package in the lockfile, or read once with `npm view`). npm
 * skips them on every other platform without fetching anything; on their own platform it fetches
 * that exact version, as for any lock entry without `integrity`.
 *
 * Run it after anything that rewrites the lockfile (`npm run version` does). Prints how many
 * entries it added; `--check` adds nothing and exits 1 if any are missing.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const file = join(dirname(fileURLToPath(import.meta.url)), "..", "package-lock.json");
const check = process.argv.includes("--check");
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;

/** The lock path that `name` resolves to from the package at `from`, as Node's lookup walks up. */
function resolve(from, name) {
  for (let dir = from; ; ) {
    const at = `${dir ? `${dir}/` : ""}node_modules/${name}`;
    if (packages[at]) return at;
    if (!dir) return undefined;
    const i = dir.lastIndexOf("/node_modules/");
    dir = i < 0 ? "" : dir.slice(0, i);
  }
}

/** os/cpu/libc/license of `name`: from any version of it in the lockfile, else from the registry. */
function platformOf(name) {
  const twin = Object.entries(packages).find(([path]) => path.endsWith(`node_modules/${name}`))?.[1];
  if (twin) return twin;
  const out = execFileSync("npm", ["view", name, "os", "cpu", "libc", "license", "--json"], { encoding: "utf8" });
  return JSON.parse(out);
}

const missing = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (!/^\d+\.\d+\.\d+$/.test(version)) continue; // only exact pins: ranges are npm's to resolve
    const at = resolve(path, name);
    if (at && packages[at].version === version) continue;
    missing.push({ at: `${path}/node_modules/${name}`, name, version, dev: entry.dev === true });
  }
}

if (check) {
  for (const m of missing) console.log(`missing from package-lock.json: ${m.at}@${m.version}`);
  process.exit(missing.length > 0 ? 1 : 0);
}
for (const { at, name, version, dev } of missing) {
  const { os, cpu, libc, license } = platformOf(name);
  packages[at] = {
    version,
    ...(cpu && { cpu }),
    ...(dev && { dev }),
    ...(libc && { libc }),
    ...(license && { license }),
    optional: true,
    ...(os && { os }),
  };
}
// npm writes entries sorted by path, the root ("") first.
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b, "en"))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${missing.length} optional platform entries`);
