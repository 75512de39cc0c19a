#!/usr/bin/env node
/**
 * @module
 * Installs what npm would publish, as a user would, and uses it. Builds nothing: run
 * `npx turbo run build` first. Everything happens in a temporary folder under os.tmpdir(), outside
 * the repository (so nothing can resolve through the repository's node_modules), removed at the end.
 *
 * 1. `npm pack` each publishable package (`--ignore-scripts`: the caller built `dist`).
 * 2. One scratch project per runtime (`app-node`, `app-deno`, `app-bun`): `npm install` of the four
 *    tarballs in one install (the adapters' dependency on `@neterr/core` is met by the core tarball,
 *    not by the registry) and of the `@types/*` the runtime's adapter is developed with. Checks that
 *    each installed package is the packed tarball: the lockfile's integrity is npm pack's, its
 *    files are the packed files, and no second copy is installed.
 * 3. In every runtime scripts/runtimes.mjs finds (two Node, two Deno, two Bun): a probe proves the
 *    runtime and that `@neterr/*` resolve into the scratch project's node_modules; then each
 *    documentation example (the ```ts blocks of README.md and packages/*\/README.md, and the JSDoc
 *    `@example`s the published `.d.ts` carry) that applies to the runtime (core's in all, an
 *    adapter's in its own) runs from the scratch project, with the machinery and the verdict of
 *    conformance/test/examples.test.ts (conformance/test/examples-lib.ts, imported through
 *    scripts/import-ts.mjs): exit 0, no `Error` on stderr, the output its `// comments` promise.
 * 4. Types: a consumer file per package imports every entry point; `tsc` (strict, skipLibCheck
 *    false, `module` nodenext and bundler) must accept it, with the `typescript` devDependency and
 *    with `typescript-min` (the oldest TypeScript the declarations support), if installed.
 *
 * Prints `ok  <subject> <check>`, `FAIL <subject> <check>` followed by the output indented by
 * 5 spaces, or `skip <subject> <check>: <reason>` (a runtime or TypeScript not installed), then a
 * closing line with the counts and the time. Exits 1 if any check failed.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { isAbsolute, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { importTs } from "./import-ts.mjs";
import { pack, publishablePackages } from "./packages.mjs";
import { root, runtimes } from "./runtimes.mjs";

const lib = await importTs(new URL("../conformance/test/examples-lib.ts", import.meta.url));
const { collectExamples, exampleName, expectedOutput, foreignHosts, isMarkedNoRun, isTypeScript, notRunIn, runCommand, runFailure, runsIn, transpile } = lib;

/** Every child process is killed after its time. */
const TIMEOUT_MS = { install: 300_000, probe: 30_000, example: 20_000, tsc: 180_000 };
const started = Date.now();
const counts = { ok: 0, FAIL: 0, skip: 0 };
const env = { ...process.env, npm_config_update_notifier: "false", DENO_NO_UPDATE_CHECK: "1" };

/** One result line (and, for a failure, its output indented by 5 spaces). */
function line(status, subject, check, detail = "") {
  counts[status]++;
  if (status === "skip") return `skip ${subject} ${check}: ${detail}`;
  const head = status === "ok" ? `ok  ${subject} ${check}` : `FAIL ${subject} ${check}`;
  return status === "FAIL" && detail.trim() ? `${head}\n${detail.trimEnd().replace(/^/gm, "     ")}` : head;
}
const print = (...lines) => lines.forEach((l) => console.log(l));

/** What a run printed, for a failure's output. */
const transcript = (command, run, timeoutMs) =>
  [
    `ran: ${command.join(" ")}`,
    `exit: ${run.timedOut ? `killed after ${timeoutMs} ms` : run.signal ?? run.exitCode}`,
    `--- stdout ---\n${run.stdout}--- stderr ---\n${run.stderr}--------------`,
  ].join("\n");

/**
 * Runs `tasks` (functions returning a promise of result lines), at most `limit` at once, and prints
 * each one's lines in the order of `tasks`, as soon as it and those before it are done.
 */
async function runOrdered(tasks, limit = Math.max(2, Math.min(4, availableParallelism()))) {
  const done = tasks.map(() => {
    let settle;
    const promise = new Promise((resolve) => (settle = resolve));
    return { promise, settle };
  });
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      done[i].settle(await tasks[i]().catch((error) => [line("FAIL", "check-tarballs", "crashed", String(error?.stack ?? error))]));
    }
  };
  const workers = Array.from({ length: Math.min(limit, tasks.length) }, worker);
  for (const { promise } of done) print(...(await promise));
  await Promise.all(workers);
}

// --- the temporary folder -------------------------------------------------------------------------

const work = realpathSync(mkdtempSync(join(tmpdir(), "neterr-tarballs-")));
const cleanUp = () => rmSync(work, { recursive: true, force: true, maxRetries: 3 });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    cleanUp();
    process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal] ?? 0));
  });
}
const inside = (dir, parent) => {
  const rel = relative(parent, dir);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
};

async function main() {
  if (inside(work, realpathSync(root))) {
    // Node, Deno and Bun would resolve `@neterr/*` through the repository's node_modules: nothing proven.
    print(line("FAIL", "tarballs", "scratch folder", `${work} is inside the repository ${root}: set TMPDIR elsewhere`));
    return;
  }

  // 1. Pack.
  const packages = publishablePackages();
  const packs = join(work, "packs");
  mkdirSync(packs);
  const packed = [];
  for (const pkg of packages) {
    const { ok, info, output } = pack(pkg.dir, packs, ["--ignore-scripts"]);
    print(line(ok ? "ok" : "FAIL", "tarballs", `pack ${pkg.name}`, output));
    if (ok) packed.push({ ...pkg, info, tarball: join(packs, info.filename) });
  }
  if (packed.length !== packages.length || packed.length === 0) {
    print(line("FAIL", "tarballs", "pack", packed.length === 0 ? "no publishable workspace package found" : "not every package packed: nothing installed"));
    return;
  }

  // 2. One scratch project per runtime, all tarballs in one install, with the libraries the
  // examples import (the retry recipes' p-retry, ky...) at the versions this repository pins.
  const rootManifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  // The client suite pins the clients (pg, ioredis...) that the README's client examples use.
  const suiteManifest = JSON.parse(readFileSync(join(root, "conformance", "package.json"), "utf8"));
  const pinned = { ...suiteManifest.devDependencies, ...rootManifest.devDependencies, ...rootManifest.dependencies };
  const libraries = [
    ...new Set(
      collectExamples()
        .filter(isTypeScript)
        .flatMap((e) => [...e.code.matchAll(/\bfrom\s+["']((?:@[\w.-]+\/)?[\w.-]+)(?:\/[^"']*)?["']/g)].map((m) => m[1])),
    ),
  ]
    .filter((name) => !name.startsWith("@neterr/") && !name.startsWith("node:") && pinned[name] !== undefined)
    .sort()
    .map((name) => `${name}@${pinned[name]}`);
  const runtimeNames = ["node", "deno", "bun"];
  const projects = runtimeNames.map((runtime) => {
    const adapter = packed.find((p) => p.name === `@neterr/${runtime}`);
    const types = Object.entries(adapter?.manifest.devDependencies ?? {})
      .filter(([name]) => name.startsWith("@types/"))
      .map(([name, version]) => `${name}@${version}`);
    return { runtime, name: `app-${runtime}`, dir: join(work, `app-${runtime}`), types, installed: false };
  });
  await runOrdered(
    projects.map((project) => async () => {
      mkdirSync(project.dir);
      writeFileSync(join(project.dir, "package.json"), JSON.stringify({ name: `neterr-check-${project.name}`, private: true, type: "module" }, null, 2));
      const command = ["npm", "install", "--no-audit", "--no-fund", "--prefer-offline", "--save-exact", ...packed.map((p) => p.tarball), ...project.types, ...libraries];
      const run = await runCommand(command, TIMEOUT_MS.install, { cwd: project.dir, env });
      if (run.exitCode !== 0) return [line("FAIL", "tarballs", `install ${project.name}`, transcript(command, run, TIMEOUT_MS.install))];
      project.installed = true;
      const lock = JSON.parse(readFileSync(join(project.dir, "package-lock.json"), "utf8"));
      // The type packages npm chose (bun-types asks for any @types/node: the newest is installed).
      const typePackages = Object.entries(lock.packages ?? {})
        .filter(([key]) => /^node_modules\/(@types\/[^/]+|bun-types)$/.test(key))
        .map(([key, entry]) => `${key.slice("node_modules/".length)}@${entry.version}`);
      const lines = [line("ok", "tarballs", `install ${project.name} (${packed.length} tarballs${typePackages.map((t) => `, ${t}`).join("")})`)];
      for (const pkg of packed) lines.push(identity(project, lock, pkg));
      return lines;
    }),
  );

  // 3. The examples, in every runtime.
  const examples = collectExamples().filter(isTypeScript);
  const tasks = [];
  for (const runtime of runtimes()) {
    const label = `${runtime.runtime}@${runtime.version}`;
    const project = projects.find((p) => p.runtime === runtime.runtime);
    if (runtime.missing) {
      tasks.push(async () => [line("skip", "tarballs", runtime.id, `${runtime.name}: ${runtime.missing}`)]);
      continue;
    }
    if (!project?.installed) {
      tasks.push(async () => [line("skip", "tarballs", label, `${project?.name ?? runtime.runtime} did not install`)]);
      continue;
    }
    tasks.push(() => probe(runtime, label, project));
    for (const example of examples.filter((e) => runsIn(e, runtime.runtime))) {
      tasks.push(() => runExample(example, runtime, label, project));
    }
  }
  await runOrdered(tasks);

  // 4. The declarations, with the newest and the oldest supported TypeScript.
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const compilers = [];
  const declared = manifest.devDependencies?.["typescript-min"];
  const minDir = join(root, "node_modules", "typescript-min");
  if (existsSync(join(minDir, "package.json"))) compilers.push(minDir);
  else if (declared === undefined) print(line("skip", "types", "typescript-min", 'no "typescript-min" devDependency (the oldest TypeScript the declarations support, as "npm:typescript@x.y.z") in package.json'));
  else print(line("skip", "types", "typescript-min", `"typescript-min": "${declared}" is not installed in node_modules: run npm install`));
  compilers.push(join(root, "node_modules", "typescript"));
  for (const pkg of packed) writeConsumer(pkg, projects);
  const typeTasks = [];
  for (const dir of compilers) {
    const tsc = join(dir, "bin", "tsc");
    const version = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version;
    for (const resolution of ["nodenext", "bundler"]) {
      for (const pkg of packed) typeTasks.push(() => typeCheck(pkg, projects, `typescript@${version}`, tsc, resolution));
    }
  }
  await runOrdered(typeTasks);
}

/** All files under `dir`, relative, with `/` (nested node_modules excluded). */
function filesUnder(dir, prefix = "") {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === "node_modules") return [];
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(join(dir, entry.name), rel) : [rel];
  });
}

/** Is the copy of `pkg` installed in `project` the packed tarball, and the only copy? */
function identity(project, lock, pkg) {
  const problems = [];
  const key = `node_modules/${pkg.name}`;
  const entry = lock.packages?.[key];
  if (!entry) problems.push(`package-lock.json has no "${key}"`);
  else {
    if (!String(entry.resolved).startsWith("file:") || !String(entry.resolved).endsWith(pkg.info.filename)) {
      problems.push(`resolved from ${entry.resolved}, not from ${pkg.info.filename}`);
    }
    if (entry.integrity !== pkg.info.integrity) problems.push(`integrity ${entry.integrity}, npm pack said ${pkg.info.integrity}`);
  }
  const copies = Object.keys(lock.packages ?? {}).filter((k) => k !== key && k.endsWith(`/${key}`));
  if (copies.length > 0) problems.push(`other copies installed: ${copies.join(", ")}`);
  const installedDir = join(project.dir, "node_modules", ...pkg.name.split("/"));
  if (existsSync(installedDir)) {
    const installed = new Set(filesUnder(installedDir));
    const inTarball = new Set(pkg.info.files.map((f) => f.path));
    const extra = [...installed].filter((f) => !inTarball.has(f));
    const missing = [...inTarball].filter((f) => !installed.has(f));
    if (extra.length > 0) problems.push(`installed but not packed: ${extra.join(", ")}`);
    if (missing.length > 0) problems.push(`packed but not installed: ${missing.join(", ")}`);
  } else problems.push(`${installedDir} does not exist`);
  const check = `${project.name} has the packed ${pkg.name} (${pkg.info.files.length} files, ${pkg.info.integrity.slice(0, 20)}...)`;
  return line(problems.length === 0 ? "ok" : "FAIL", "tarballs", check, problems.join("\n"));
}

/** The entry points of an installed package (its `exports` keys but ./package.json), as import specifiers. */
function entryPoints(pkg) {
  const exports = pkg.manifest.exports;
  const keys = typeof exports === "object" && exports !== null && Object.keys(exports).some((k) => k.startsWith(".")) ? Object.keys(exports) : ["."];
  return keys.filter((k) => k !== "./package.json" && !k.includes("*")).map((k) => (k === "." ? pkg.name : `${pkg.name}/${k.slice(2)}`));
}

/**
 * Proves the runtime (its own version global, not `process`) and that every `@neterr/*` entry
 * point the runtime imports resolves into the scratch project's node_modules.
 */
async function probe(runtime, label, project) {
  // Core's entry points and the runtime's own adapter's (as runsIn() decides which examples run).
  const specifiers = publishablePackages()
    .filter((p) => p.name === "@neterr/core" || p.name === `@neterr/${runtime.runtime}`)
    .flatMap(entryPoints);
  const file = join(project.dir, "probe.mjs");
  writeFileSync(
    file,
    [
      'const g = globalThis;',
      'console.log(g.Deno ? `deno@${g.Deno.version.deno}` : g.Bun ? `bun@${g.Bun.version}` : `node@${process.versions.node}`);',
      `for (const s of ${JSON.stringify(specifiers)}) console.log(s, await import.meta.resolve(s));`,
      "",
    ].join("\n"),
  );
  const command = runtime.script(file);
  const run = await runCommand(command, TIMEOUT_MS.probe, { cwd: project.dir, env });
  const [who, ...resolved] = run.stdout.trim().split("\n");
  const problems = [];
  if (run.exitCode !== 0) problems.push("the probe failed");
  if (who !== label) problems.push(`ran in ${who}, not ${label}`);
  for (const specifier of specifiers) {
    const url = resolved.find((l) => l.startsWith(`${specifier} `))?.slice(specifier.length + 1);
    const path = url?.startsWith("file:") ? fileURLToPath(url) : undefined;
    const expected = join(project.dir, "node_modules", ...specifier.split("/").slice(0, 2)) + sep;
    if (!path?.startsWith(expected)) problems.push(`${specifier} resolved to ${url}, not into ${expected}`);
  }
  const check = `${label} resolves ${specifiers.length} @neterr/* entry points into ${project.name}/node_modules`;
  return [line(problems.length === 0 ? "ok" : "FAIL", "tarballs", check, `${problems.join("\n")}\n${transcript(command, run, TIMEOUT_MS.probe)}`)];
}

/** Where an example's JavaScript is written in a scratch project (one file per example and runtime). */
const fileOf = (example, label) => `${example.source.replace(/[^\w.-]+/g, "_")}_${example.line}.${label.replace(/[^\w.-]+/g, "_")}.mjs`;

/** Runs one documentation example in `runtime`, from the scratch project: the checks of examples.test.ts. */
async function runExample(example, runtime, label, project) {
  const name = exampleName(example);
  if (isMarkedNoRun(example)) return [line("skip", "tarballs", `${label} ${name}`, `marked ${example.flags.join(" ")}`)];
  const notHere = notRunIn(example, label);
  if (notHere !== undefined) return [line("skip", "tarballs", `${label} ${name}`, notHere)];
  const numbered = example.code
    .trimEnd()
    .split("\n")
    .map((l, i) => `${String(example.line + 1 + i).padStart(4)} | ${l}`)
    .join("\n");
  const fail = (why) => [line("FAIL", "tarballs", `${label} ${name}`, `${name}:\n${numbered}\n${why}`)];
  const hosts = foreignHosts(example.code);
  if (hosts.length > 0) return fail(`examples talk only to 127.0.0.1, ::1 or localhost, not ${hosts.join(", ")}: not run`);
  const { js, diagnostics } = transpile(example.code, fileOf(example, label).replace(/\.mjs$/, ".ts"));
  if (diagnostics.length > 0) return fail(`does not transpile:\n${diagnostics.join("\n")}`);
  const dir = join(project.dir, "examples");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, fileOf(example, label));
  writeFileSync(file, `${js}\n// generated from ${name} by scripts/check-tarballs.mjs\n`);
  const command = runtime.script(file);
  const run = await runCommand(command, TIMEOUT_MS.example, { cwd: project.dir, env });
  const failure = runFailure(run, expectedOutput(example.code));
  return failure === undefined ? [line("ok", "tarballs", `${label} ${name}`)] : fail(`${transcript(command, run, TIMEOUT_MS.example)}\n${failure}`);
}

/**
 * What a user's tsconfig for each package has besides strict, skipLibCheck false and the module
 * settings: core needs no runtime types and no DOM; each adapter its runtime's types (its own
 * `@types/*` devDependency, installed in the scratch project of its runtime) with the `lib` they
 * need: @types/deno declares `Disposable` (ESNext) and DOM's fetch types, Bun's `bun init` writes
 * `lib: ["ESNext"]` (bun-types conflicts with TypeScript 5.7's lib.dom).
 */
const CONSUMER = {
  core: { project: "app-node", types: [], lib: ["ES2022"] },
  node: { project: "app-node", types: ["node"] },
  deno: { project: "app-deno", types: ["deno"], lib: ["ESNext", "DOM", "DOM.Iterable", "DOM.AsyncIterable"] },
  bun: { project: "app-bun", types: ["bun"], lib: ["ESNext"] },
};

/** Writes `types/<name>.ts` in the package's scratch project: it imports every entry point of `pkg`. */
function writeConsumer(pkg, projects) {
  const short = pkg.name.split("/").pop();
  const project = projects.find((p) => p.name === CONSUMER[short]?.project);
  if (!project?.installed) return;
  const dir = join(project.dir, "types");
  mkdirSync(dir, { recursive: true });
  const specifiers = entryPoints(pkg);
  writeFileSync(
    join(dir, `${short}.ts`),
    [...specifiers.map((s, i) => `import * as entry${i} from "${s}";`), `export { ${specifiers.map((_, i) => `entry${i}`).join(", ")} };`, ""].join("\n"),
  );
}

/** `tsc` on the consumer file of `pkg` (writeConsumer), with `tsc` and a tsconfig for `resolution`. */
async function typeCheck(pkg, projects, compiler, tsc, resolution) {
  const short = pkg.name.split("/").pop();
  const check = `${compiler} ${resolution} ${pkg.name}`;
  const settings = CONSUMER[short];
  if (!settings) return [line("FAIL", "types", check, `no consumer settings for ${pkg.name} in scripts/check-tarballs.mjs`)];
  const project = projects.find((p) => p.name === settings.project);
  if (!project?.installed) return [line("skip", "types", check, `${settings.project} did not install`)];
  const dir = join(project.dir, "types");
  const source = `${short}.ts`;
  const config = `tsconfig.${short}.${resolution}.${compiler}.json`;
  const compilerOptions = {
    target: "ES2022",
    module: resolution === "nodenext" ? "nodenext" : "esnext",
    moduleResolution: resolution,
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    types: settings.types,
    ...(settings.lib ? { lib: settings.lib } : {}),
  };
  writeFileSync(join(dir, config), JSON.stringify({ compilerOptions, files: [source] }, null, 2));
  const command = [process.execPath, tsc, "-p", config, "--listFiles"];
  const run = await runCommand(command, TIMEOUT_MS.tsc, { cwd: dir, env });
  // --listFiles: the files of the program, one absolute path a line, after the diagnostics.
  const listed = new Set(run.stdout.split("\n").map((l) => l.trim()).filter((l) => isAbsolute(l) && existsSync(l)));
  const diagnostics = run.stdout.split("\n").filter((l) => !listed.has(l.trim())).join("\n").trim();
  const problems = [];
  if (run.exitCode !== 0 || run.timedOut) problems.push(run.timedOut ? `tsc killed after ${TIMEOUT_MS.tsc} ms` : `tsc exit ${run.exitCode}`);
  // Each entry point's declaration file must be in the program, from the scratch project.
  const exportsMap = pkg.manifest.exports ?? {};
  for (const [key, target] of Object.entries(exportsMap)) {
    if (key === "./package.json" || typeof target !== "object" || !target?.types) continue;
    const expected = join(project.dir, "node_modules", ...pkg.name.split("/"), target.types);
    if (!listed.has(expected)) problems.push(`${expected} is not in the program`);
  }
  const detail = [`${problems.join("\n")}`, `ran: ${command.join(" ")} (in ${dir})`, `tsconfig: ${JSON.stringify(compilerOptions)}`, diagnostics, run.stderr].filter(Boolean).join("\n");
  return [line(problems.length === 0 ? "ok" : "FAIL", "types", check, detail)];
}

// Runs last: the functions and tables above must be initialized first.
try {
  await main();
} catch (error) {
  print(line("FAIL", "check-tarballs", "crashed", String(error?.stack ?? error)));
} finally {
  cleanUp();
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`check-tarballs: ${counts.ok} ok, ${counts.FAIL} failed, ${counts.skip} skipped in ${seconds} s`);
process.exit(counts.FAIL > 0 ? 1 : 0);
