/**
 * @module
 * The one function that reads a scenario's table of pins: what it must give in a runtime version.
 */

import { currentRuntime, keyMatch, type RuntimeVersion } from "./runtime.ts";
import type { Expectation, Expectations, PinKey, Scenario } from "./types.ts";

/** The key of `table` that applies to `runtime`: the most specific one (`bun@1.1` beats `bun` beats `default`). */
export function pinKeyOf(table: Expectations, runtime: RuntimeVersion): PinKey {
  let best: PinKey = "default";
  let score = 0;
  for (const key of Object.keys(table) as PinKey[]) {
    const match = keyMatch(key, runtime);
    if (match > score) [best, score] = [key, match];
  }
  return best;
}

/** What `scenario` must give in `runtime` (the current one by default). */
export function expectationOf(scenario: Pick<Scenario, "expect">, runtime: RuntimeVersion = currentRuntime()): Expectation {
  return scenario.expect[pinKeyOf(scenario.expect, runtime)] ?? scenario.expect.default;
}
