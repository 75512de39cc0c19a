/**
 * docs/compat.svg is drawn by `npm run demo` from a live run in every runtime version. This
 * checks the picture against the pins, which the live suite asserts in the same test command:
 * a row for every runtime scenario, a column for this runtime version, and every cell's class
 * and color what the pins say. Not live: it reads the file.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CATEGORIES, type Cell, categoryOf, cellOfPin, cellOfReport, cellsOf, cellText, matrixOf, referenceOf } from "../src/compat.ts";
import { parseRuntime, runtimeLabel } from "../src/runtime.ts";
import { rows } from "../src/scenarios/index.ts";
import type { Report } from "../src/types.ts";

const svg = readFileSync(new URL("../../docs/compat.svg", import.meta.url), "utf8");
const cells = cellsOf(svg);
const scenarios = rows.filter((s) => s.client === undefined);
const columns = [...new Set(cells.map((c) => c.runtime))];

describe("docs/compat.svg is the live matrix (else run `npm run demo`)", () => {
  it(`has a column for this runtime version (${runtimeLabel()})`, () => {
    expect(columns).toContain(runtimeLabel());
  });
  it("has one row for every runtime scenario, in the suite's order, and no other", () => {
    expect([...new Set(cells.map((c) => c.scenario))]).toEqual(scenarios.map((s) => s.id));
  });
  it("has every cell: each row one per column", () => {
    expect(cells.length).toBe(scenarios.length * columns.length);
  });
  it("every cell's class, lost detail and color agree with the pins of its runtime version", () => {
    const pinned = matrixOf(
      scenarios.map((s) => ({ id: s.id, reference: referenceOf(s), cells: columns.map((c) => cellOfPin(s, parseRuntime(c))) })),
      columns,
    ).flat();
    const key = (c: Cell): string => `${c.scenario} on ${c.runtime}: ${c.kind}${c.lost ? " (lost)" : ""}, ${c.category}`;
    expect(cells.map(key)).toEqual(pinned.map(key));
  });
  it("every cell shows its class and its category's color", () => {
    const colors = new Map(CATEGORIES.map((c) => [c.id, c.color]));
    const drawn = cells.filter((c) => c.text !== cellText(c.kind) || c.fill !== colors.get(c.category)).map((c) => `${c.scenario} on ${c.runtime}: "${c.text}" ${c.fill}`);
    expect(drawn).toEqual([]);
  });
});

describe("a cell's category", () => {
  const report = (mapped: Record<string, unknown>): Report => ({ id: "x", runtime: "node@20.20.2", mapped } as unknown as Report);
  it("a failed send that says 'maybe sent' lost nothing (it is unknowable); a receive that does not say it was sent lost detail", () => {
    expect(cellOfReport(report({ kind: "BrokenPipeError", phase: "send" })).lost).toBe(false);
    expect(cellOfReport(report({ kind: "ConnectionResetError", phase: "receive" })).lost).toBe(true);
    expect(cellOfReport(report({ kind: "ConnectionResetError" })).lost).toBe(true);
    expect(cellOfReport(report({ kind: "ConnectionResetError", phase: "receive", requestSent: true })).lost).toBe(false);
  });
  it("a timeout without its clock lost detail", () => {
    expect(cellOfReport(report({ kind: "TimeoutError", phase: "connect", requestSent: false })).lost).toBe(true);
    expect(cellOfReport(report({ kind: "TimeoutError", phase: "connect", requestSent: false, timeout: "connect" })).lost).toBe(false);
  });
  it("an ancestor of the reference class is generic; the class or a subclass is right", () => {
    expect(categoryOf({ kind: "OSError", lost: false }, "ConnectionRefusedError")).toBe("generic");
    expect(categoryOf({ kind: "ConnectionRefusedError", lost: true }, "ConnectionRefusedError")).toBe("lost");
    expect(categoryOf({ kind: "ConnectionResetError", lost: false }, "ConnectionError")).toBe("kept");
    expect(categoryOf({ kind: "unchanged", lost: false }, "ConnectionResetError")).toBe("generic");
    expect(categoryOf({ kind: "no error", lost: false }, "ConnectionResetError")).toBe("none");
  });
});

