// `node scripts/check-jsr.mjs`: is each package under packages/ ready for JSR? Its checks:
//   version       jsr.json's name and version are package.json's (`npm run version` syncs them)
//   exports       jsr.json's exports are package.json's subpaths, on the TypeScript sources
//   readme-links  the README links nothing outside the package (such links are dead on npm and JSR)
//   dry-run       `deno publish --dry-run` with the npm-installed Deno, offline
//   slow-types    `deno lint`'s no-slow-types rule over the package's exports
// One line per check: `ok  <package> <check>`; `FAIL <package> <check>` and then the tool's
// output, indented by 5 spaces; `skip <package> <check>: <reason>`. Exits 1 if a check failed.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { jsrPackages } from "./jsr-packages.mjs";
import { root } from "./runtimes.mjs";

// Flags of a package's dry run. @neterr/bun's public API names Bun's global types (`Bun.Socket`,
// ...). JSR has no way to declare such a global dependency: deno publish's last step type-checks
// the generated public API (fast check output) with Deno's lib and the package's modules only, so
// `Bun` is unknown there whatever the config says (tsconfig `types`, jsr.json
// `compilerOptions.types`), and fast check drops a `/// <reference types>` (which Deno's
// maintainers say jsr.io does not accept in TypeScript files anyway). `--allow-slow-types` skips
// that step and the slow-types check; the `slow-types` line below runs the latter on its own, and
// the full type check of the sources still runs, against @types/bun (tsconfig.json `types`).
const DRY_RUN_FLAGS = { "@neterr/bun": ["--allow-slow-types"] };
const DRY_RUN_TIMEOUT = 180_000;
const LINT_TIMEOUT = 60_000;

const linuxX64 = process.platform === "linux" && process.arch === "x64";
const deno = join(root, "node_modules", "deno", process.platform === "win32" ? "deno.exe" : "deno");
const env = { ...process.env, DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1", NO_COLOR: "1" };
delete env.RUST_BACKTRACE; // this environment sets it: it adds a backtrace to every Deno error

/** Why Deno cannot run here (a failure on Linux x64, where npm installs it), or undefined. */
function denoProblem() {
  if (!existsSync(deno)) {
    return linuxX64
      ? { fail: true, reason: "node_modules/deno/deno is missing: run `npm install`" }
      : { fail: false, reason: `node_modules/deno/deno is missing (this is ${process.platform}-${process.arch})` };
  }
  const run = spawnSync(deno, ["--version"], { env, encoding: "utf8", timeout: 20_000 });
  return run.status === 0 ? undefined : { fail: linuxX64, reason: `${deno} --version failed (${run.error?.message ?? `exit ${run.status}`})` };
}

const scratch = mkdtempSync(join(tmpdir(), "neterr-check-jsr-"));

/** Runs a child with a timeout; stdout and stderr interleaved as the tool wrote them. */
function run(exe, args, cwd, timeout) {
  const file = join(scratch, "out.txt");
  const fd = openSync(file, "w");
  let result;
  try {
    result = spawnSync(exe, args, { cwd, env, stdio: ["ignore", fd, fd], timeout, killSignal: "SIGKILL" });
  } finally {
    closeSync(fd);
  }
  // NO_COLOR=1 is set, yet Deno colours some hints: strip ANSI escapes.
  let output = readFileSync(file, "utf8").replace(/\x1b\[[0-9;]*m/g, "");
  if (result.error?.code === "ETIMEDOUT") output += `\n(timed out after ${timeout / 1000} s: ${exe} ${args.join(" ")})`;
  else if (result.error) output += `\n(${result.error.message})`;
  else if (result.status !== 0) output += `\n(exit ${result.status ?? result.signal}: ${exe} ${args.join(" ")})`;
  return { ok: !result.error && result.status === 0, output };
}

/** package.json's exports, as jsr.json must have them: `./dist/x.js` -> `./src/x.ts`. */
function expectedExports(pkg) {
  const expected = {};
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    if (subpath === "./package.json") continue;
    const file = typeof target === "string" ? target : (target.import ?? target.default);
    expected[subpath] = String(file).replace(/^\.\/dist\//, "./src/").replace(/\.js$/, ".ts");
  }
  return expected;
}

/** The link targets of a Markdown text (inline, reference and HTML), outside code. */
function linkTargets(markdown) {
  const text = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "").replace(/`[^`\n]*`/g, "");
  const targets = [];
  for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g)) targets.push(m[1]);
  for (const m of text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) targets.push(m[1]);
  for (const m of text.matchAll(/\b(?:href|src)\s*=\s*["']([^"']+)["']/gi)) targets.push(m[1]);
  return targets;
}

/** Problems with a package README's links: relative ones must stay inside the package and exist. */
function readmeLinkProblems(path) {
  const readme = join(path, "README.md");
  if (!existsSync(readme)) return ["README.md is missing"];
  const problems = [];
  for (const target of linkTargets(readFileSync(readme, "utf8"))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#") || target.startsWith("//")) continue;
    const file = decodeURIComponent(target.replace(/[?#].*$/, ""));
    const resolved = resolve(path, file);
    const inside = relative(path, resolved);
    if (file.startsWith("/") || inside === ".." || inside.startsWith(`..${sep}`)) {
      problems.push(`${target}: outside the package (dead on npm and JSR): link the repository on GitHub instead`);
    } else if (!existsSync(resolved)) {
      problems.push(`${target}: no such file in the package`);
    }
  }
  return problems;
}

let failed = false;
const ok = (name, check) => console.log(`ok  ${name} ${check}`);
const fail = (name, check, output) => {
  failed = true;
  console.log(`FAIL ${name} ${check}`);
  for (const line of output.trimEnd().split("\n")) console.log(`     ${line}`.trimEnd());
};
const skip = (name, check, reason) => console.log(`skip ${name} ${check}: ${reason}`);

const denoMissing = denoProblem();
try {
  for (const { dir, path, pkg, jsrPath } of jsrPackages()) {
    const name = pkg.name ?? dir;
    let jsr;
    try {
      jsr = JSON.parse(readFileSync(jsrPath, "utf8"));
    } catch (error) {
      const why = existsSync(jsrPath) ? `${dir}/jsr.json: ${error.message}` : `${dir}/jsr.json is missing`;
      for (const check of ["version", "exports", "readme-links", "dry-run", "slow-types"]) fail(name, check, why);
      continue;
    }

    const versionProblems = [];
    if (jsr.name !== pkg.name) versionProblems.push(`jsr.json name ${JSON.stringify(jsr.name)}, package.json name ${JSON.stringify(pkg.name)}`);
    if (jsr.version !== pkg.version) {
      versionProblems.push(`jsr.json version ${JSON.stringify(jsr.version)}, package.json version ${JSON.stringify(pkg.version)}: run \`node scripts/sync-jsr-versions.mjs\``);
    }
    if (versionProblems.length === 0) ok(name, "version");
    else fail(name, "version", versionProblems.join("\n"));

    const want = expectedExports(pkg);
    const have = typeof jsr.exports === "string" ? { ".": jsr.exports } : (jsr.exports ?? {});
    const exportProblems = [];
    for (const subpath of new Set([...Object.keys(want), ...Object.keys(have)])) {
      if (have[subpath] !== want[subpath]) exportProblems.push(`${subpath}: jsr.json ${JSON.stringify(have[subpath])}, expected ${JSON.stringify(want[subpath])} (package.json exports)`);
      else if (!existsSync(join(path, want[subpath])) || !statSync(join(path, want[subpath])).isFile()) exportProblems.push(`${subpath}: ${want[subpath]} does not exist`);
    }
    if (exportProblems.length === 0) ok(name, "exports");
    else fail(name, "exports", exportProblems.join("\n"));

    const linkProblems = readmeLinkProblems(path);
    if (linkProblems.length === 0) ok(name, "readme-links");
    else fail(name, "readme-links", linkProblems.map((p) => `README.md: ${p}`).join("\n"));

    if (denoMissing) {
      for (const check of ["dry-run", "slow-types"]) {
        if (denoMissing.fail) fail(name, check, denoMissing.reason);
        else skip(name, check, denoMissing.reason);
      }
      continue;
    }
    // --allow-dirty: this checks the working tree as it is, committed or not.
    const dryRun = run(deno, ["publish", "--dry-run", "--allow-dirty", ...(DRY_RUN_FLAGS[name] ?? [])], path, DRY_RUN_TIMEOUT);
    if (dryRun.ok) ok(name, "dry-run");
    else fail(name, "dry-run", dryRun.output);

    // deno lint reads jsr.json only when told to; with no other rule, this is the slow-types check
    // of deno publish (the dry run above runs it too, except where DRY_RUN_FLAGS allow slow types).
    const lint = run(deno, ["lint", "--config", "jsr.json", "--rules-tags=", "--rules-include=no-slow-types", "src"], path, LINT_TIMEOUT);
    if (lint.ok) ok(name, "slow-types");
    else fail(name, "slow-types", lint.output);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
