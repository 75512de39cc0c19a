// `npm test`: runs the whole vitest suite (core and adapter tables, the live conformance
// scenarios) once in each runtime, then prints one closing line `N passed, N failed` summed
// over every runtime. Exits non-zero if any test failed or any runtime could not run.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { root, runtimes } from "./runtimes.mjs";

const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const results = join(root, ".results");
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const strict = process.env.CI === "true" || process.argv.includes("--strict");
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
let broken = false;

for (const runtime of runtimes()) {
  if (runtime.missing) {
    lines.push(`${runtime.name}: NOT RUN (${runtime.missing})`);
    // On Linux x64 every runtime must run: a missing one is a broken install, not a skip.
    if (strict || (process.platform === "linux" && process.arch === "x64")) broken = true;
    continue;
  }
  const out = join(results, `${runtime.id}.json`);
  console.log(`\n=== ${runtime.name}: ${runtime.exe} (v${runtime.version}) ===`);
  const run = spawnSync(runtime.exe, [vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...process.argv.slice(2).filter((a) => a !== "--strict")], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NETERR_RUNTIME_ID: runtime.id },
    timeout: 20 * 60_000,
  });
  let report;
  try {
    report = JSON.parse(readFileSync(out, "utf8"));
  } catch {
    lines.push(`${runtime.name} v${runtime.version}: CRASHED (exit ${run.status ?? run.signal}, no results)`);
    broken = true;
    continue;
  }
  const passed = report.numPassedTests;
  const failed = report.numFailedTests + (report.numTotalTestSuites > 0 && !report.success && report.numFailedTests === 0 ? 1 : 0);
  const skipped = report.numPendingTests + report.numTodoTests;
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`${runtime.name} v${runtime.version}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (run.status !== 0 && failed === 0) {
    lines.push(`${runtime.name} v${runtime.version}: vitest exited with ${run.status} (unhandled errors?)`);
    totals.failed += 1;
  }
}

console.log("\n=== summary ===");
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || broken ? 1 : 0);
