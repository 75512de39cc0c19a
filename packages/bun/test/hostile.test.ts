/**
 * Hostile inputs found by property tests, through the Bun adapter (runs in Bun only). The
 * cross-runtime ones are in packages/core/test/hostile.test.ts (including the same event shapes
 * through core's `normalize`, which follows an event's `error` once the fix moves that into core).
 *
 * Tests marked "fails on d1fd0a2" failed there, before the defect was fixed.
 * No wall-clock bounds: work is counted through a Proxy with a hard cap (see readBudget), so the
 * old code fails instead of running for seconds, minutes or out of memory.
 */
import { describe, expect, it } from "vitest";
import { EVENT_SHAPES, expectBoundedOnSharedAggregates, kept, normalizeWithin, refused } from "../../core/test/support/hostile.ts";
import { isOSError, type OSError } from "@neterr/core";
import { handlers, normalize } from "@neterr/bun";

declare const Bun: { version: string };

describe(`ErrorEvent-like objects through @neterr/bun in bun@${Bun.version} (fails on d1fd0a2: each nested \`error\` restarts the mapper with fresh cycle tracking)`, () => {
  it.each(EVENT_SHAPES)("normalize() returns on %s within a read budget", (_what, build) => {
    normalizeWithin(normalize, build);
  });
});

describe("the Bun adapter's normalize() on nested AggregateErrors (fails on d1fd0a2: no memo, no budget)", () => {
  it("normalize() returns on four levels of shared AggregateErrors within a read budget (input kept, message < 100,000 chars)", () => {
    expectBoundedOnSharedAggregates(normalize);
  });

  it("normalize() returns on 10,000 nested AggregateErrors (each holding the previous) within a read budget", () => {
    // d1fd0a2 on Bun walks all 10,000 levels, copying its cycle set at each: 3.5 GB without the budget.
    normalizeWithin(normalize, (wrap) => {
      let input: object = wrap(refused());
      for (let level = 0; level < 10_000; level++) input = wrap(new AggregateError([input], ""));
      return input;
    });
  });
});

describe("handlers() of what is not a handler object (fails on d1fd0a2: reads its brand without a try)", () => {
  const throwingProxy = (): object => {
    return new Proxy(
      {},
      {
        get() {
          throw new Error("trap get");
        },
        ownKeys() {
          throw new Error("trap ownKeys");
        },
        getOwnPropertyDescriptor() {
          throw new Error("trap getOwnPropertyDescriptor");
        },
        has() {
          throw new Error("trap has");
        },
      },
    );
  };
  it.each([
    ["null", (): unknown => null],
    ["undefined", (): unknown => undefined],
    ["a Proxy whose traps throw", throwingProxy],
    // Returns on d1fd0a2 too (a new wrapped copy): pinned so it stays so.
    ["a frozen handler object", (): unknown => Object.freeze({ data() {}, error() {} })],
  ] as const)("handlers(%s) returns the input or a usable handler object, without throwing", (_what, make) => {
    const input = make();
    let result: unknown;
    expect(() => {
      result = handlers(input as never);
    }).not.toThrow();
    const usable = result === input || (result !== null && typeof result === "object");
    expect(usable, "handlers() returned neither its input nor an object").toBe(true);
  });

  it("handlers() of a frozen handler object still maps what its error handler receives", () => {
    const seen: unknown[] = [];
    const wrapped = handlers(Object.freeze({ data() {}, error: (_socket: unknown, error: unknown) => void seen.push(error) })) as {
      error(socket: unknown, error: unknown): void;
    };
    const native = refused();
    wrapped.error({}, native);
    expect(seen).toHaveLength(1);
    expect(kept(native, seen[0])).toBe(true);
    expect((seen[0] as OSError).name).toBe("ConnectionRefusedError");
  });
});
