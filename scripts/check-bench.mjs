#!/usr/bin/env node
/**
 * @module
 * `npm run bench` still runs, in every runtime: one tiny pass (1 run, 3 rounds of 1 ms), so a
 * bench that no longer loads (a moved export, a renamed file) fails here instead of on the day
 * someone measures. It checks that each runtime's worker ran and printed its table, never a
 * timing or a ratio (benches are not tests). Prints `ok  bench <runtime>` or `FAIL bench
 * <runtime>` with the worker's output, per runtime; `skip` where a runtime is missing.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { root, runtimes } from "./runtimes.mjs";

const run = spawnSync(process.execPath, [join(root, "scripts", "bench.mjs"), "--runs=1", "--rounds=3", "--sample-ms=1"], {
  cwd: root,
  encoding: "utf8",
  timeout: 5 * 60_000,
});
const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
let failed = run.status === 0 ? 0 : 1;
if (run.status !== 0) console.log(`FAIL bench scripts/bench.mjs exited with ${run.status ?? run.signal}\n${output.slice(-3000).replace(/^/gm, "     ")}`);
for (const rt of runtimes()) {
  if (rt.missing) {
    console.log(`skip bench ${rt.id}: ${rt.missing}`);
    continue;
  }
  if (output.includes(`${rt.name}: the bench worker failed`) || output.includes(`== ${rt.name}: not measured`)) {
    failed++;
    const start = output.indexOf(`${rt.name}: the bench worker failed`);
    console.log(`FAIL bench ${rt.id} (${rt.version}): its worker failed\n${output.slice(Math.max(start, 0), Math.max(start, 0) + 1500).replace(/^/gm, "     ")}`);
  } else if (!output.includes(`== ${rt.name}:`)) {
    failed++;
    console.log(`FAIL bench ${rt.id} (${rt.version}): no table printed for it`);
  } else console.log(`ok  bench ${rt.id} (${rt.version}) runs`);
}
process.exit(failed > 0 ? 1 : 0);
