/**
 * @module
 * Runs every scenario (or the ones named on the command line) in this runtime and prints one
 * JSON report per line. The demo runs this in each runtime; a namespace scenario runs it as a
 * child inside its namespace.
 */
import { loadAdapter, runScenario, scenarios } from "./index.ts";

const wanted = new Set(process.argv.slice(2).filter((a) => !a.startsWith("-")));
const adapter = await loadAdapter();
for (const scenario of scenarios) {
  if (wanted.size > 0 && !wanted.has(scenario.id)) continue;
  const report = await runScenario(scenario, adapter);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
