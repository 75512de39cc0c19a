/**
 * Hostile inputs found by property tests, through the Node adapter (runs in Node only). The
 * cross-runtime ones are in packages/core/test/hostile.test.ts.
 *
 * Tests marked "fails on d1fd0a2" failed there, before the defect was fixed.
 * No wall-clock bounds: work is counted through a Proxy with a hard cap (see readBudget).
 */
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { CAP, expectBoundedOnSharedAggregates, readBudget, refused } from "../../core/test/support/hostile.ts";
import { isOSError, type OSError } from "@neterr/core";
import { guard, normalize } from "@neterr/node";

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
    expectBoundedOnSharedAggregates(normalize);
  });
});
