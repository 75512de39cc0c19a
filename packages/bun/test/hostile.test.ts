/**
 * Hostile inputs found by property tests, through the Bun adapter (runs in Bun only). The
 * cross-runtime ones are in packages/core/test/hostile.test.ts (including the same event shapes
 * through core's `normalize`, which follows an event's `error` once the fix moves that into core).
 *
 * Tests marked "fails on d1fd0a2" fail there by design; they pass once the defect is fixed.
 * No wall-clock bounds: work is counted through a Proxy with a hard cap (see readBudget), so the
 * old code fails instead of running for seconds, minutes or out of memory.
 */
import { describe, expect, it } from "vitest";
import { isOSError, type OSError } from "@neterr/core";
import { handlers, normalize } from "@neterr/bun";

declare const Bun: { version: string };

const refused = (): Error =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED", errno: -111, syscall: "connect", address: "127.0.0.1", port: 1 });

/** Proxies sharing one read counter; past `cap` reads a read throws and `blown` is set. `disarm()` lifts the cap. */
function readBudget(cap: number) {
  const state = { reads: 0, blown: false, cap };
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, key, receiver) {
        if (++state.reads > state.cap) {
          state.blown = true;
          throw new Error("neterr test: read budget exhausted");
        }
        return Reflect.get(t, key, receiver);
      },
    });
  return { state, wrap, disarm: () => void (state.cap = Number.POSITIVE_INFINITY) };
}

/** Generous: a bounded walk reads a few hundred properties here; d1fd0a2 reads millions, or never stops. */
const CAP = 50_000;

const kept = (input: unknown, result: unknown): boolean => result === input || (isOSError(result) && (result as OSError).cause === input);

describe(`ErrorEvent-like objects through @neterr/bun in bun@${Bun.version} (fails on d1fd0a2: each nested \`error\` restarts the mapper with fresh cycle tracking)`, () => {
  it("normalize() returns on an ErrorEvent-like cycle (A.error = A, A.cause = B, B.error = A) within a read budget", () => {
    const { state, wrap, disarm } = readBudget(CAP);
    const a: Record<string, unknown> = { type: "error" };
    const b: Record<string, unknown> = { type: "error" };
    const A = wrap(a);
    const B = wrap(b);
    a.error = A;
    a.cause = B;
    b.error = A;
    let result: unknown;
    expect(() => {
      result = normalize(A);
    }).not.toThrow();
    const { blown, reads } = state;
    disarm();
    expect(blown, `the walk passed ${CAP} property reads (${reads})`).toBe(false);
    expect(kept(A, result)).toBe(true);
  });

  it.each([
    // Returns on d1fd0a2 in a few hundred reads: pinned so it stays bounded.
    ["each holding the next as `error`", false],
    // d1fd0a2: the hook maps `error`, then core maps `cause` (the same object) again: doubles per level.
    ["each holding the next as both `error` and `cause`", true],
  ])("normalize() returns on 25 nested error events %s, around a plain Error, within a read budget", (_what, both) => {
    const { state, wrap, disarm } = readBudget(CAP);
    // The innermost error is no network failure: nothing maps, so every path is walked.
    let input: object = wrap(new Error("not a network failure"));
    for (let i = 0; i < 25; i++) input = wrap(both ? { type: "error", error: input, cause: input } : { type: "error", error: input });
    let result: unknown;
    expect(() => {
      result = normalize(input);
    }).not.toThrow();
    const { blown, reads } = state;
    disarm();
    expect(blown, `the walk passed ${CAP} property reads (${reads})`).toBe(false);
    expect(kept(input, result)).toBe(true);
  });
});

describe("the Bun adapter's normalize() on nested AggregateErrors (fails on d1fd0a2: no memo, no budget)", () => {
  it("normalize() returns on four levels of shared AggregateErrors within a read budget (input kept, message < 100,000 chars)", () => {
    const { state, wrap, disarm } = readBudget(CAP);
    let input: object = wrap(refused());
    for (let level = 0; level < 4; level++) input = wrap(new AggregateError(Array(64).fill(input), ""));
    let result: unknown;
    expect(() => {
      result = normalize(input);
    }).not.toThrow();
    const { blown } = state;
    disarm();
    expect(blown, `the walk passed ${CAP} property reads`).toBe(false);
    expect(kept(input, result)).toBe(true);
    if (isOSError(result)) {
      expect(result.message.length).toBeLessThan(100_000);
      expect((result.errors ?? []).length).toBeLessThanOrEqual(64);
    }
  });

  it("normalize() returns on 10,000 nested AggregateErrors (each holding the previous) within a read budget", () => {
    // d1fd0a2 on Bun walks all 10,000 levels, copying its cycle set at each: 3.5 GB without the budget.
    const { state, wrap, disarm } = readBudget(CAP);
    let input: object = wrap(refused());
    for (let level = 0; level < 10_000; level++) input = wrap(new AggregateError([input], ""));
    let result: unknown;
    expect(() => {
      result = normalize(input);
    }).not.toThrow();
    const { blown, reads } = state;
    disarm();
    expect(blown, `the walk passed ${CAP} property reads (${reads})`).toBe(false);
    expect(kept(input, result)).toBe(true);
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
