/**
 * @module
 * The shared conformance suite: scenarios, the runner, and the runtime switch.
 */
export { type Expectation, expectationOf, type Provoked, type Scenario, scenarios, scenariosFor } from "./scenarios.ts";
export { describe, type MappedFields, type Report, runScenario } from "./run.ts";
export { currentRuntime, loadAdapter, type RuntimeName, runtimeLabel, scriptCommand } from "./runtime.ts";
