/**
 * The live suite: every scenario of `src/scenarios.ts`, provoked for real in the runtime that runs
 * this file, with the assertions every runtime must pass.
 */
import { afterAll, describe, expect, it } from "vitest";
import { ERRNO_TABLE } from "@neterr/core/adapter";
import { expectationOf, loadAdapter, type Report, runScenario, runtimeLabel, scenariosFor } from "../src/index.ts";

const adapter = await loadAdapter();
const skipped: string[] = [];
const scenarios = scenariosFor();

describe(`live scenarios in ${runtimeLabel()}`, () => {
  for (const scenario of scenarios) {
    it(`${scenario.id}: ${scenario.title}`, async (context) => {
      const report: Report = await runScenario(scenario, adapter);
      if (report.skipped) {
        skipped.push(`${scenario.id}: ${report.skipped}`);
        console.log(`[${report.runtime}] SKIPPED ${scenario.id}: ${report.skipped}`);
        context.skip(report.skipped);
        return;
      }
      expect(report.failed, `provoking the failure went wrong`).toBeUndefined();
      const want = expectationOf(scenario);
      if (want.kind === "no error") {
        // Pinned: this runtime version reports nothing where the failure happened.
        expect(report.silent, `${report.runtime} was expected to report nothing, and said: ${report.native}`).toBeDefined();
        if (want.leaks) expect(report.leaked?.join("\n")).toMatch(want.leaks);
        else expect(report.leaked, "no rejection left unhandled").toBeUndefined();
        return;
      }
      expect(report.silent, "the runtime reported the failure").toBeUndefined();
      expect(report.leaked, "no rejection left unhandled").toBeUndefined();
      if (want.native) expect(report.native).toMatch(want.native);
      expect(report.causeIsNative, "the native error must be kept as cause (or returned as is)").toBe(true);
      if (want.kind === "unchanged") {
        expect(report.mapped).toBeUndefined();
        return;
      }
      const mapped = report.mapped;
      expect(mapped?.kind, `native: ${report.native}`).toBe(want.kind);
      expect(mapped?.runtime).toBe(report.runtime.split("@")[0]);
      if (report.nativeMessage) expect(mapped?.message).toContain(report.nativeMessage);
      if (want.code !== undefined) expect(mapped?.code).toBe(want.code);
      if (want.errno !== undefined) expect(mapped?.errno).toBe(want.errno);
      if (want.syscall !== undefined) expect(mapped?.syscall).toBe(want.syscall);
      if (want.errors !== undefined) {
        expect(mapped?.errors).toHaveLength(want.errors);
        for (const inner of mapped?.errors ?? []) expect(inner).toBe(want.kind);
      }
      for (const field of want.keeps ?? []) {
        expect(report.known?.[field], `the scenario knows its ${field}`).toBeDefined();
        expect(mapped?.[field], `${field} kept`).toBe(report.known?.[field]);
      }
      // errno, where given, is the platform's number for the code, never libuv's negative one.
      if (mapped?.errno !== undefined) expect(mapped.errno).toBeGreaterThan(0);
      if (mapped?.code && want.errno) expect(ERRNO_TABLE.find((r) => r.code === mapped.code)?.linux).toBe(want.errno);
    });
  }
  afterAll(() => {
    console.log(`[${runtimeLabel()}] ${scenarios.length} scenarios, ${skipped.length} skipped`);
  });
});
