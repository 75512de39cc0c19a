// `npm test`: runs the whole vitest suite (core and adapter tables, the live conformance
// scenarios) once in each runtime version of conformance/versions.json, four at a time, and the
// release checks (RELEASE_CHECKS: what npm and JSR would publish, the size budgets, the packed
// tarballs installed and run in every runtime, that the bench still runs in every runtime, and the
// picture rendered in a browser) as one more job; then prints one closing line `N passed, N
// failed, N skipped` summed over all of them. Exits non-zero if any test or check failed or any
// runtime could not run.
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { root, runtimes, testRoots } from "./runtimes.mjs";

const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const importMap = join(root, "conformance", "vitest-shim", "import-map.json");
const bunShim = join(root, "conformance", "vitest-shim", "bun.ts");
const results = join(root, ".results");
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const strict = process.env.CI === "true" || process.argv.includes("--strict");
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
let broken = false;
const extra = process.argv.slice(2).filter((a) => a !== "--strict" && !a.startsWith("--jobs="));
// Runtimes run side by side, this many at a time (`--jobs=N` or NETERR_JOBS; 4 by default: on the
// 2 cores CI has, the live suite mostly waits on its peers' clocks, and a two-job run kept the CPU
// busy 36% of the time, a three-job run about 21% in a 30 s sample): each one's output is kept and printed whole when it ends.
const jobs = Math.max(1, Number(process.argv.find((a) => a.startsWith("--jobs="))?.slice(7) ?? process.env.NETERR_JOBS ?? 4) || 1);
const started = performance.now();

/** Runs `argv` with its output in `log`; resolves with its exit status (or signal) once it ends, killed (by PID) after 20 minutes. */
function spawnLogged(argv, env, log) {
  return new Promise((resolve) => {
    const fd = openSync(log, "w");
    const child = spawn(argv[0], argv.slice(1), { cwd: root, stdio: ["ignore", fd, fd], env });
    const timer = setTimeout(() => child.kill("SIGKILL"), 20 * 60_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      closeSync(fd);
      resolve({ status: null, signal: error.message });
    });
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      closeSync(fd);
      resolve({ status, signal });
    });
  });
}

/** One runtime's whole run: its summary line and counts. */
async function runRuntime(runtime) {
  if (runtime.missing) {
    // On Linux x64 every runtime must run: a missing one is a broken install, not a skip.
    return { line: `${runtime.name}: NOT RUN (${runtime.missing})`, broken: strict || (process.platform === "linux" && process.arch === "x64") };
  }
  const log = join(results, `${runtime.id}.log`);
  const t0 = performance.now();
  const { run, report } = runtime.runner === "vitest" ? await vitestIn(runtime, extra, log) : await shimTest(runtime, extra, log);
  const seconds = Math.round((performance.now() - t0) / 1000);
  process.stdout.write(`\n=== ${runtime.name}: ${runtime.exe} (v${runtime.version}, ${runtime.runner}, ${seconds} s) ===\n${readFileSync(log, "utf8")}`);
  if (!report) return { line: `${runtime.name} v${runtime.version}: CRASHED (exit ${run.status ?? run.signal}, no results)`, broken: true };
  const passed = report.numPassedTests;
  const failed = report.numFailedTests + (report.numTotalTestSuites > 0 && !report.success && report.numFailedTests === 0 ? 1 : 0);
  const skipped = report.numPendingTests + report.numTodoTests;
  const out = { passed, failed, skipped, failures: report.failures ?? [], line: `${runtime.name} v${runtime.version}: ${passed} passed, ${failed} failed, ${skipped} skipped (${seconds} s)` };
  if (run.status !== 0 && failed === 0) return { ...out, failed: 1, extraLine: `${runtime.name} v${runtime.version}: vitest exited with ${run.status} (unhandled errors?)` };
  return out;
}

/**
 * The release checks: scripts that print one line per check, `ok  <subject> <check>`,
 * `FAIL <subject> <check>` (then the tool's output, indented) or `skip <subject> <check>: <reason>`.
 * Each also runs on its own (`node scripts/check-size.mjs`). They run as one more job, in the
 * first slot a runtime leaves free, one script after another, each printed whole with its time.
 */
const RELEASE_CHECKS = ["check-packs.mjs", "check-size.mjs", "check-jsr.mjs", "check-tarballs.mjs", "check-bench.mjs", "check-picture.mjs"];
async function releaseChecks() {
  const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
  const t0 = performance.now();
  for (const script of RELEASE_CHECKS) {
    const log = join(results, `release-${script}.log`);
    const t1 = performance.now();
    const run = await spawnLogged([process.execPath, join(root, "scripts", script)], process.env, log);
    const output = readFileSync(log, "utf8");
    process.stdout.write(`\n=== release checks: scripts/${script} (${Math.round((performance.now() - t1) / 1000)} s) ===\n${output}`);
    const said = output.split("\n");
    const passed = said.filter((l) => l.startsWith("ok  ")).length;
    const skipped = said.filter((l) => l.startsWith("skip ")).length;
    let failed = said.filter((l) => l.startsWith("FAIL ")).length;
    let why;
    // A script that died, or failed without saying which check, counts as one failure; so does one
    // that said nothing at all. One that only skipped (no Chromium here) said why, and is a skip.
    if (run.status !== 0 && failed === 0) [failed, why] = [1, `exited with ${run.status ?? run.signal}`];
    if (run.status === 0 && passed === 0 && skipped === 0) [failed, why] = [failed + 1, "checked nothing (no ok, FAIL or skip line)"];
    counts.passed += passed;
    counts.failed += failed;
    counts.failures.push(...said.filter((l) => l.startsWith("FAIL ")).map((l) => `${script}: ${firstLine(l)}`));
    if (why !== undefined) counts.failures.push(`${script}: ${why}`);
    counts.skipped += skipped;
  }
  const seconds = Math.round((performance.now() - t0) / 1000);
  return { ...counts, line: `release checks: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds} s)` };
}

const all = runtimes();
const RELEASE = { id: "release checks" };
/**
 * The order they start in (the summary keeps the table's): the live-only runs (Deno 2.1-2.6 on the
 * shim: mostly waiting on clocks) each beside a whole suite (core's property tests keep a core
 * busy), and of those the longest first: Bun's (250-680 s in the runs on record), then Deno's,
 * then Node's (200-440 s), so that no core idles while the last long suite runs alone.
 */
const RANK = { bun: 0, deno: 1, node: 2 };
const whole = all.filter((r) => r.suite !== "live").sort((a, b) => (RANK[a.runtime] ?? 3) - (RANK[b.runtime] ?? 3));
const liveOnly = all.filter((r) => r.suite === "live");
const order = whole.flatMap((r, i) => (i < liveOnly.length ? [r, liveOnly[i]] : [r])).concat(liveOnly.slice(whole.length));
const queue = extra.length === 0 ? [...order, RELEASE] : [...order];
const outcomes = new Map();
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) outcomes.set(next.id, next === RELEASE ? await releaseChecks() : await runRuntime(next));
  }),
);
// In the table's order, whatever order they ended in.
for (const runtime of all) {
  const o = outcomes.get(runtime.id);
  lines.push(o.line);
  if (o.extraLine) lines.push(o.extraLine);
  if (o.broken) broken = true;
  totals.passed += o.passed ?? 0;
  totals.failed += o.failed ?? 0;
  totals.skipped += o.skipped ?? 0;
}
if (outcomes.has(RELEASE.id)) {
  const o = outcomes.get(RELEASE.id);
  lines.push(o.line);
  totals.passed += o.passed;
  totals.failed += o.failed;
  totals.skipped += o.skipped;
}
lines.push(`all: ${Math.round((performance.now() - started) / 1000)} s, ${jobs} jobs at a time`);

/** vitest itself, in the runtime (`deno run -A vitest.mjs` in Deno), with its JSON reporter. */
async function vitestIn(runtime, extra, log) {
  const out = join(results, `${runtime.id}.json`);
  const files = extra.length === 0 && runtime.suite === "live" ? testRoots(runtime.runtime, "live") : extra;
  const args = [vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...files];
  const run = await spawnLogged(runtime.script(...args), { ...process.env, ...runtime.env }, log);
  try {
    const report = JSON.parse(readFileSync(out, "utf8"));
    const failures = (report.testResults ?? []).flatMap((file) => {
      const where = relative(root, file.name);
      const tests = file.assertionResults.filter((t) => t.status === "failed").map((t) => `${where} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
      // A file that failed to load (or a hook that threw) has no failed test of its own.
      return tests.length === 0 && file.status === "failed" ? [`${where}: ${firstLine(file.message)}`] : tests;
    });
    return { run, report: { ...report, failures } };
  } catch {
    return { run, report: undefined };
  }
}

/**
 * The same files on conformance/vitest-shim/vitest.ts: `deno test` with "vitest" mapped there by
 * an import map (Deno 2.0), or `bun conformance/vitest-shim/bun.ts` (Bun). One JSON line per test.
 */
async function shimTest(runtime, extra, log) {
  const out = join(results, `${runtime.id}.jsonl`);
  writeFileSync(out, "");
  const files = extra.length > 0 ? extra : testRoots(runtime.runtime, runtime.suite);
  const args = runtime.runner === "deno-test" ? ["test", "-A", "--no-check", `--import-map=${importMap}`, ...files] : [bunShim, ...files];
  const run = await spawnLogged([runtime.exe, ...args], { ...process.env, ...runtime.env, NETERR_RESULTS: out }, log);
  const records = readFileSync(out, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line));
  const states = records.map((r) => r.state);
  const failures = records.filter((r) => r.state === "failed").map((r) => `${r.name}: ${firstLine(r.note)}`);
  if (states.length === 0) return { run, report: undefined };
  const count = (state) => states.filter((s) => s === state).length;
  const failed = count("failed");
  // Same fields as vitest's JSON report; a non-zero exit with no failed test counts as a failure below.
  return { run, report: { numPassedTests: count("passed"), numFailedTests: failed, numPendingTests: count("skipped"), numTodoTests: 0, numTotalTestSuites: 1, success: failed === 0 && run.status === 0, failures } };
}

/**
 * The release checks (and the picture rendered in a browser): scripts that print one line per check, `ok  <subject> <check>`,
 * `FAIL <subject> <check>` (then the tool's output, indented) or `skip <subject> <check>: <reason>`.
 * Each also runs on its own (`node scripts/check-size.mjs`).
 */
/** The first non-empty line of a failure message, cut to one readable line. */
function firstLine(text) {
  const line = String(text ?? "").split("\n").find((l) => l.trim() !== "") ?? "(no message)";
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

console.log("\n=== summary ===");
// The failed tests by name, so that the end of the log (all a CI page may keep) says what failed.
for (const runtime of all) for (const f of outcomes.get(runtime.id)?.failures ?? []) console.log(`FAILED ${runtime.name} v${runtime.version}: ${f}`);
for (const f of outcomes.get(RELEASE.id)?.failures ?? []) console.log(`FAILED release checks: ${f}`);
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || broken ? 1 : 0);
