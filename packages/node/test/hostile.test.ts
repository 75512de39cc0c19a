/**
 * Hostile inputs found by property tests, through the Node adapter (runs in Node only). The
 * cross-runtime ones are in packages/core/test/hostile.test.ts.
 *
 * Tests marked "fails on d1fd0a2" fail there by design; they pass once the defect is fixed.
 * No wall-clock bounds: work is counted through a Proxy with a hard cap (see readBudget).
 */
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { isOSError, type OSError } from "@neterr/core";
import { guard, normalize } from "@neterr/node";

const refused = (): Error =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED", errno: -111, syscall: "connect", address: "127.0.0.1", port: 1 });

/** Proxies sharing one read counter; past `cap` reads a read throws and `blown` is set (so the old code fails, not hangs). */
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

const CAP = 50_000;

describe("guard() of an emitter whose `emit` is a getter (fails on d1fd0a2 except where noted)", () => {
  const throwing = (): EventEmitter =>
    Object.defineProperty(new EventEmitter(), "emit", {
      configurable: true,
      get() {
        throw new Error("emit getter");
      },
    });
  const once = (): EventEmitter => {
    let reads = 0;
    return Object.defineProperty(new EventEmitter(), "emit", {
      configurable: true,
      get() {
        if (reads++ === 0) return EventEmitter.prototype.emit;
        throw new Error("emit getter, second read");
      },
    });
  };
  const getterOnly = (): EventEmitter =>
    Object.defineProperty(new EventEmitter(), "emit", {
      configurable: true,
      get() {
        return EventEmitter.prototype.emit;
      },
    });

  it.each([
    // Returns on d1fd0a2 too (the first read is inside a try): pinned so it stays so.
    ["throws", throwing],
    // d1fd0a2: the second read (`const emit = emitter.emit`) is outside the try and throws.
    ["returns a function once, then throws", once],
    // d1fd0a2: `emitter.emit = ...` on an accessor without a setter throws in strict mode.
    ["always returns a function (and has no setter)", getterOnly],
  ] as const)("guard() returns an emitter whose emit getter %s, without throwing", (_what, make) => {
    const target = make();
    let result: unknown;
    expect(() => {
      result = guard(target);
    }).not.toThrow();
    expect(result).toBe(target);
  });
});

describe("the Node adapter's normalize() on nested AggregateErrors (fails on d1fd0a2: no memo, no budget)", () => {
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
    expect(result === input || (isOSError(result) && (result as OSError).cause === input)).toBe(true);
    if (isOSError(result)) {
      expect(result.message.length).toBeLessThan(100_000);
      expect((result.errors ?? []).length).toBeLessThanOrEqual(64);
    }
  });
});
