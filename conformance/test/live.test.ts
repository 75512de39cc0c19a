/**
 * The live suite: every scenario of `src/scenarios/`, provoked for real in the runtime that runs
 * this file, judged by `verdict` (src/verdict.ts) against its pin for this runtime version.
 */
import { afterAll, describe, expect, it } from "vitest";
import { expectationOf, loadAdapter, type Report, runScenario, runtimeLabel, scenariosFor, verdict } from "../src/index.ts";

const adapter = await loadAdapter();
const skipped: string[] = [];
const scenarios = scenariosFor();

describe(`live scenarios in ${runtimeLabel()}`, () => {
  for (const scenario of scenarios) {
    it(`${scenario.id}: ${scenario.title}`, async (context) => {
      const report: Report = await runScenario(scenario, adapter);
      const judged = verdict(report, expectationOf(scenario));
      if (judged.skipped) {
        skipped.push(`${scenario.id}: ${judged.skipped}`);
        console.log(`[${report.runtime}] SKIPPED ${scenario.id}: ${judged.skipped}`);
        context.skip(judged.skipped);
        return;
      }
      expect(judged.problems, `${report.runtime} gave ${judged.outcome} (native: ${report.native})`).toEqual([]);
    });
  }
  afterAll(() => {
    console.log(`[${runtimeLabel()}] ${scenarios.length} scenarios, ${skipped.length} skipped`);
  });
});
