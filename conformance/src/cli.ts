/**
 * @module
 * Runs every scenario (or the ones named on the command line) in this runtime and prints one
 * JSON report per line. The demo runs this in each runtime; a namespace scenario runs it as a
 * child inside its namespace (`--inner ID`: the row itself, in place).
 */
import { innerScenarios, loadAdapter, runScenario, scenariosFor } from "./index.ts";

const args = process.argv.slice(2);
const wanted = new Set(args.filter((a) => !a.startsWith("-")));
const adapter = await loadAdapter();
if (args.includes("--inner")) {
  // A namespace scenario's inside: run there, report here.
  for (const id of wanted) {
    const scenario = innerScenarios.get(id);
    if (!scenario) throw new Error(`no inner scenario ${id}`);
    process.stdout.write(`${JSON.stringify(await runScenario(scenario, adapter))}\n`);
  }
  process.exit(0);
}
for (const scenario of scenariosFor()) {
  if (wanted.size > 0 && !wanted.has(scenario.id)) continue;
  const report = await runScenario(scenario, adapter);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
