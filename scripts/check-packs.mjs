#!/usr/bin/env node
/**
 * @module
 * Lints what npm would publish. For every workspace package that is not `"private": true`, packs
 * it with `npm pack` into a temporary folder and checks the tarball, not the working tree:
 *
 * - `publint`    publint --strict (warnings fail too): exports, files, types, sideEffects, ...
 * - `attw`       Are the Types Wrong? with the `esm-only` profile (our packages ship ESM only,
 *                so CommonJS `require` and node10 resolution are not checked)
 * - `sourcemaps` every `sources` entry of every packed `.map` is itself in the tarball, so
 *                debuggers and "go to definition" land in `src/*.ts` instead of a missing file
 *
 * - `prepack`    its `prepack` script builds `dist` (`npm run build`), so that `npm pack` and
 *                `npm publish` from a clean checkout ship what `exports` points at
 *
 * Builds nothing: run `npx turbo run build` first (`npm run lint:pack` does both). Packs with
 * `--ignore-scripts`: `prepack` would delete and rebuild `dist` in place, under the feet of the
 * runtimes `npm test` runs beside these checks (a Bun run once lost `@neterr/bun` mid-suite). Works offline:
 * both tools come from node_modules and read the local tarball. Prints one line per check,
 * `ok  <package> <check>` or `FAIL <package> <check>` followed by the tool's output, and exits 1
 * if any check failed.
 */

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { pack, publishablePackages } from "./packages.mjs";
import { root } from "./runtimes.mjs";

const bin = (name) => join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);
const color = process.stdout.isTTY ? [] : ["--no-color"];

/** Runs a command; `ok` is its exit status, `output` stdout and stderr together. */
function run(command, args, cwd) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    shell: process.platform === "win32",
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  const output = [result.error?.message, result.stdout, result.stderr].filter(Boolean).join("\n").trim();
  return { ok: result.status === 0, output, stdout: result.stdout ?? "" };
}

/** The `sources` of every packed `.map` that the tarball does not contain. */
function missingSources(dir, files) {
  const packed = new Set(files);
  const missing = [];
  for (const file of files.filter((f) => f.endsWith(".map"))) {
    const map = JSON.parse(readFileSync(join(dir, file), "utf8"));
    for (const source of map.sources ?? []) {
      const target = posix.normalize(posix.join(posix.dirname(file), map.sourceRoot ?? "", source));
      if (!packed.has(target)) missing.push(`${file}: ${source} (${target} is not packed)`);
    }
  }
  return missing;
}

let failed = 0;
function report(pkg, check, ok, output = "") {
  if (ok) {
    console.log(`ok  ${pkg} ${check}`);
    return;
  }
  failed++;
  console.log(`FAIL ${pkg} ${check}`);
  if (output) console.log(output.replace(/^/gm, "     "));
}

const packages = publishablePackages();

if (packages.length === 0) {
  console.log("FAIL no publishable workspace package found");
  process.exit(1);
}

const destination = mkdtempSync(join(tmpdir(), "check-packs-"));
try {
  for (const { dir, name } of packages) {
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    report(name, "prepack", manifest.scripts?.prepack === "npm run build" && typeof manifest.scripts?.build === "string", `scripts.prepack is ${JSON.stringify(manifest.scripts?.prepack)}: it must be "npm run build"`);
    const { ok, info, output } = pack(dir, destination, ["--ignore-scripts"]);
    if (!ok) {
      report(name, "pack", false, output);
      continue;
    }
    const tarball = join(destination, info.filename);
    const files = info.files.map((f) => f.path);

    const publint = run(bin("publint"), ["run", tarball, "--strict"], dir);
    report(name, "publint", publint.ok, publint.output);

    const attw = run(bin("attw"), [tarball, "--profile", "esm-only", "--format", "ascii", ...color], dir);
    report(name, "attw", attw.ok, attw.output);

    const missing = missingSources(dir, files);
    report(name, "sourcemaps", missing.length === 0, missing.join("\n"));
  }
} finally {
  rmSync(destination, { recursive: true, force: true });
}

process.exit(failed > 0 ? 1 : 0);
