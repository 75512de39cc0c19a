/**
 * Core alone is never silently worse: every native shape an adapter's table test feeds to the
 * adapter's `normalize` is also fed to `@neterr/core`'s own `normalize` (no adapter installed),
 * and both must give the same class and the same `isTransient` answer. Core's answer carries no
 * runtime name: that, and the platform's errno numbers, are all an adapter adds.
 */
import { expect } from "vitest";
import { type Context, isTransient, kindOf, normalize as coreNormalize } from "@neterr/core";
import { installedAdapter } from "@neterr/core/adapter";

export interface CoreAlone {
  /** The adapter's `normalize`, comparing core alone's answer on every call. */
  readonly normalize: (error: unknown, context?: Context) => unknown;
  /** How many shapes were compared so far. */
  readonly compared: () => number;
}

export function againstCore(adapterNormalize: (error: unknown, context?: Context) => unknown): CoreAlone {
  let compared = 0;
  return {
    normalize(error: unknown, context?: Context): unknown {
      const mapped = adapterNormalize(error, context);
      expect(installedAdapter().runtime, "no adapter is installed: this is core alone").toBeUndefined();
      const alone = coreNormalize(error, context);
      expect(kindOf(alone), "core alone gives the adapter's class").toBe(kindOf(mapped));
      expect(isTransient(alone), "core alone gives the adapter's isTransient answer").toBe(isTransient(mapped));
      if (kindOf(mapped) === undefined) expect(alone, "core alone leaves it unchanged too").toBe(error);
      compared++;
      return mapped;
    },
    compared: () => compared,
  };
}
