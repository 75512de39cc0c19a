/**
 * @module
 * The shared conformance suite: the scenarios and their pins, the runner, the verdict, and the
 * runtime switch.
 */
export type { Expectation, Expectations, Known, KnownField, MappedFields, PinKey, Provoked, Report, Scenario } from "./types.ts";
export { innerScenarios, rows, scenarios, scenariosFor } from "./scenarios/index.ts";
export { expectationOf, pinKeyOf } from "./pins.ts";
export { describe, runScenario } from "./run.ts";
export { type Verdict, verdict } from "./verdict.ts";
export { currentRuntime, loadAdapter, loadClosed, parseRuntime, type RuntimeName, type RuntimeVersion, runtimeLabel, scriptCommand } from "./runtime.ts";
export { CLIENTS, type ClientInfo, clientVersion } from "./clients.ts";
export { notesOf } from "./docs.ts";
export { type Category, CATEGORIES, type Cell, cellOfPin, cellOfReport, cellsOf, matrixOf, type Outcome, referenceOf, renderSvg } from "./compat.ts";
