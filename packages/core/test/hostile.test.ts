/**
 * Hostile inputs found by property tests, pinned so each one runs in every runtime. The contract
 * of every normalizer: it returns, quickly, never throws, and never loses its input (it returns
 * the input itself, or a neterr error whose `cause` is the input).
 *
 * These tests failed on d1fd0a2, before the defects were fixed, and pass since. None measures wall-clock time: the work is counted (property
 * reads through a Proxy, species calls), and every count has a hard cap past which the Proxy
 * throws and sets a flag, so the old code fails instead of hanging or running out of memory.
 * What cannot run in this process (freezing `Error`, the 4-level input that makes d1fd0a2 run
 * out of memory) runs in a bounded child process: fixtures/hostile-child.mjs.
 */
import process from "node:process";
import { describe, expect, it } from "vitest";
import { CAP, EVENT_SHAPES, kept, normalizeWithin, readBudget, refused } from "./support/hostile.ts";
import { isOSError, isTransient, kindOf, normalize, type OSError, toOSError } from "@neterr/core";
import { describeRun, runChild } from "./fixtures/child.ts";

/** The 23 class names, written by hand. */
const KINDS: readonly string[] = [
  "OSError", "BlockingIOError", "ChildProcessError", "ConnectionError", "BrokenPipeError", "ConnectionAbortedError",
  "ConnectionRefusedError", "ConnectionResetError", "HostUnreachableError", "NetworkUnreachableError", "NetworkDownError",
  "FileExistsError", "FileNotFoundError", "InterruptedError", "IsADirectoryError", "NotADirectoryError", "PermissionError",
  "ProcessLookupError", "TimeoutError", "AddressInUseError", "AddressNotAvailableError", "NotConnectedError", "NameResolutionError",
];

const BRAND = Symbol.for("@neterr/core/kinds");

const g = globalThis as { Deno?: { version: { deno: string } }; Bun?: { version: string } };
const RUNTIME = g.Deno ? `deno@${g.Deno.version.deno}` : g.Bun ? `bun@${g.Bun.version}` : `node@${process.versions.node}`;

/** The input itself, or a neterr error whose cause is the input (without printing a Proxy). */
function expectKept(input: unknown, result: unknown): void {
  expect(kept(input, result), "normalize() returned neither its input nor a neterr error caused by it").toBe(true);
}

/** `normalize(input)`, asserting that it does not throw. */
function normalizeQuietly(input: unknown): unknown {
  let result: unknown;
  expect(() => {
    result = normalize(input);
  }).not.toThrow();
  return result;
}

/** Every `errors` in the result tree (neterr errors only), each object visited once. */
function errorsLengths(result: unknown): number[] {
  const lengths: number[] = [];
  const seen = new Set<object>();
  const stack: unknown[] = [result];
  while (stack.length > 0 && seen.size < 10_000) {
    const node = stack.pop();
    if (node === null || typeof node !== "object" || seen.has(node) || !isOSError(node)) continue;
    seen.add(node);
    const errors = (node as OSError).errors;
    if (Array.isArray(errors)) {
      lengths.push(errors.length);
      for (const e of errors.slice(0, 1000)) stack.push(e);
    }
  }
  return lengths;
}

/** Levels of `new AggregateError(Array(64).fill(previous), "")` over one shared ECONNREFUSED error. */
function sharedAggregates(levels: number, wrap: <T extends object>(t: T, level?: number) => T = (t) => t): object {
  let node: object = wrap(refused(), levels);
  for (let level = levels - 1; level >= 0; level--) node = wrap(new AggregateError(Array(64).fill(node), ""), level);
  return node;
}

describe("nested AggregateErrors whose inner errors are shared (fails on d1fd0a2: mapped again at every level, no memo, no budget)", () => {
  it("normalize() returns on four levels of shared AggregateErrors within a read budget (input kept, message < 100,000 chars, at most 64 errors per level)", () => {
    // 64^4 leaves, if walked one by one: normalizeWithin fails past the read budget.
    const result = normalizeWithin(normalize, (wrap) => sharedAggregates(4, wrap));
    if (isOSError(result)) expect(result.message.length).toBeLessThan(100_000);
    for (const length of errorsLengths(result)) expect(length).toBeLessThanOrEqual(64);
  });

  it("normalize() of three levels of shared AggregateErrors keeps its message under 100,000 characters and each level at most 64 errors", () => {
    // Plain errors, no Proxy: d1fd0a2 returns here (in about a second), with an 8.9 million character message.
    const input = sharedAggregates(3);
    const result = normalize(input);
    expectKept(input, result);
    if (isOSError(result)) expect(result.message.length).toBeLessThan(100_000);
    const lengths = errorsLengths(result);
    expect(Math.max(0, ...lengths)).toBeLessThanOrEqual(64);
  });

  it("normalize() returns on four levels of shared AggregateErrors, plain, in a child process bounded to 20 s and 1 GB", { timeout: 30_000 }, async () => {
    // d1fd0a2 runs out of memory here (Node, Deno) or grows by gigabytes (Bun): the child is killed.
    const run = await runChild("aggregate4");
    expect(run.killed, describeRun(run)).toBeUndefined();
    expect(run.code, describeRun(run)).toBe(0);
    const json = run.json ?? {};
    expect(json.kept, describeRun(run)).toBe(true);
    if (typeof json.messageLength === "number") expect(json.messageLength).toBeLessThan(100_000);
    expect(json.maxErrors as number).toBeLessThanOrEqual(64);
  });

  it("normalize() returns on 10,000 nested AggregateErrors (each holding the previous) within a read budget, walking fewer than 1,000 levels", () => {
    // d1fd0a2: Bun walks all 10,000 levels (3.5 GB without the budget); Node and Deno recurse
    // until the stack overflows (about 2,000 levels) and the swallowed RangeError ends the walk.
    const { state, wrap, disarm } = readBudget(CAP);
    let input: object = wrap(refused(), 10_000);
    for (let level = 9_999; level >= 0; level--) input = wrap(new AggregateError([input], ""), level);
    const result = normalizeQuietly(input);
    const { reads, blown, deepest } = state;
    disarm();
    expect(blown, `the walk passed ${CAP} property reads`).toBe(false);
    expect(reads).toBeLessThanOrEqual(CAP);
    expect(deepest, `the walk went ${deepest} levels deep`).toBeLessThan(1_000);
    expectKept(input, result);
    for (const length of errorsLengths(result)) expect(length).toBeLessThanOrEqual(64);
  });
});

describe("ErrorEvent-like objects (type 'error', with an `error` field)", () => {
  // Core follows an event's `error` (on d1fd0a2 only @neterr/bun did, and these hung it there).
  it.each(EVENT_SHAPES)("normalize() returns on %s within a read budget", (_what, build) => {
    normalizeWithin(normalize, build);
  });

  it("normalize() maps an error event whose `error` is ECONNREFUSED to ConnectionRefusedError caused by the event (fails on d1fd0a2: core does not follow `error`)", () => {
    // Assumes the fix: following an event's `error` moves into core, for every runtime.
    const event = { type: "error", message: "WebSocket connection to 'ws://127.0.0.1:1/' failed: Failed to connect", error: refused() };
    const result = normalize(event);
    expect(kindOf(result)).toBe("ConnectionRefusedError");
    expect((result as OSError).cause).toBe(event);
  });
});

describe("an `errors` array whose constructor[Symbol.species] is hostile (fails on d1fd0a2: `slice` calls the species)", () => {
  /** Gives `errors` a `constructor` whose species getter counts, and answers with `make()`. */
  function withSpecies<T extends unknown[]>(errors: T, make: () => object): { errors: T; calls: () => number } {
    let calls = 0;
    const constructor = {
      get [Symbol.species]() {
        calls++;
        return function Species() {
          return make();
        };
      },
    };
    Object.defineProperty(errors, "constructor", { value: constructor, configurable: true });
    return { errors, calls: () => calls };
  }

  it("normalize() never calls the species of an errors array whose species yields an endless iterable", () => {
    let yielded = 0;
    let overran = false;
    const inner = refused();
    const { errors, calls } = withSpecies([refused()], () => ({
      // "Endless", cut at 10,000 items so that d1fd0a2 fails instead of hanging.
      *[Symbol.iterator]() {
        for (;;) {
          if (yielded >= 10_000) {
            overran = true;
            return;
          }
          yielded++;
          yield inner;
        }
      },
    }));
    const input = new AggregateError([], "");
    Object.defineProperty(input, "errors", { value: errors, configurable: true, writable: true });
    const result = normalizeQuietly(input);
    expect(calls(), "the species was called").toBe(0);
    expect(overran, `the mapper iterated the species' result (${yielded} items)`).toBe(false);
    expectKept(input, result);
    for (const length of errorsLengths(result)) expect(length).toBeLessThanOrEqual(64);
  });

  it("normalize() reads at most 64 of 10,000 errors whose species returns all 10,000 (the 64-item cap holds)", () => {
    const touched = new Set<number>();
    const items = Array.from({ length: 10_000 }, (_, i) =>
      new Proxy(refused(), {
        get(t, key, receiver) {
          touched.add(i);
          return Reflect.get(t, key, receiver);
        },
      }),
    );
    // The species' "array": all 10,000 items, ignoring what `slice` writes to it.
    const full = () => new Proxy([...items], { set: () => true, defineProperty: () => true });
    const { errors, calls } = withSpecies([...items], full);
    const input = new AggregateError([], "");
    Object.defineProperty(input, "errors", { value: errors, configurable: true, writable: true });
    const result = normalizeQuietly(input);
    expect(calls(), "the species was called").toBe(0);
    expect(touched.size, `the mapper read ${touched.size} inner errors`).toBeLessThanOrEqual(64);
    expect(errors.length).toBe(10_000);
    expectKept(input, result);
    for (const length of errorsLengths(result)) expect(length).toBeLessThanOrEqual(64);
  });

  it("normalize() leaves an errors array of 100 at length 100 when its species returns the array itself", () => {
    // `slice(0, 64)` through such a species writes into the input and sets its length to 64.
    const list: unknown[] = Array.from({ length: 100 }, refused);
    const { calls } = withSpecies(list, () => list);
    const input = new AggregateError([], "");
    Object.defineProperty(input, "errors", { value: list, configurable: true, writable: true });
    const result = normalize(input);
    expect(calls(), "the species was called").toBe(0);
    expect(list.length).toBe(100);
    expectKept(input, result);
    for (const length of errorsLengths(result)) expect(length).toBeLessThanOrEqual(64);
  });
});

describe("forged brands (fails on d1fd0a2: the brand's names are trusted as class names)", () => {
  const throwingFirst = (): unknown[] => {
    const kinds: unknown[] = ["ConnectionRefusedError"];
    Object.defineProperty(kinds, 0, {
      get() {
        throw new Error("kinds[0]");
      },
    });
    return kinds;
  };
  // [description, the brand's value (a fresh one per call)]
  const FORGED: readonly (readonly [string, () => unknown])[] = [
    ['["constructor"]', () => ["constructor"]],
    ['["__proto__"]', () => ["__proto__"]],
    ['["toString"]', () => ["toString"]],
    ['["valueOf"]', () => ["valueOf"]],
    ['["hasOwnProperty"]', () => ["hasOwnProperty"]],
    ['["NotAKind", "OSError"]', () => ["NotAKind", "OSError"]],
    ["[] (empty)", () => []],
    ['"ConnectionRefusedError" (a string, not an array)', () => "ConnectionRefusedError"],
    ["an array whose first entry's getter throws", throwingFirst],
  ];
  const forge = (kinds: () => unknown): object => ({ [BRAND]: kinds() });
  const brandGetterThrows = (): object =>
    Object.defineProperty({}, BRAND, {
      get() {
        throw new Error("brand");
      },
    });

  it.each(FORGED)("isOSError() is false for an object branded %s", (_what, kinds) => {
    expect(isOSError(forge(kinds))).toBe(false);
  });

  it.each(FORGED)("kindOf() of an object branded %s does not throw and is undefined", (_what, kinds) => {
    let kind: unknown;
    expect(() => {
      kind = kindOf(forge(kinds));
    }).not.toThrow();
    expect(kind).toBeUndefined();
  });

  it.each(FORGED)("normalize() of an Error caused by an object branded %s returns the input or a real neterr error caused by it", (_what, kinds) => {
    const input = new Error("wrapper", { cause: forge(kinds) });
    const result = normalizeQuietly(input);
    if (result !== input) {
      expect(KINDS).toContain(kindOf(result));
      expect(result).toBeInstanceOf(Error);
      expect((result as OSError).cause).toBe(input);
    }
  });

  it.each(FORGED)("normalize() / toOSError() of an object branded %s itself return it, or a real neterr error caused by it", (_what, kinds) => {
    const input = forge(kinds);
    const normalized = normalize(input);
    if (normalized !== input) {
      expect(KINDS).toContain(kindOf(normalized));
      expect((normalized as OSError).cause).toBe(input);
    }
    const mapped = toOSError(input);
    if (mapped !== undefined) {
      expect(mapped, "toOSError() returned the forged object itself as a neterr error").not.toBe(input);
      expect(KINDS).toContain(kindOf(mapped));
      expect(mapped.cause).toBe(input);
    }
  });

  it.each([...FORGED, ["a brand whose getter throws", brandGetterThrows] as const])(
    "isTransient() of an object branded %s, and of an Error caused by it, is the boolean false",
    (what, kinds) => {
      const forged = what === "a brand whose getter throws" ? (kinds() as object) : forge(kinds);
      for (const input of [forged, new Error("wrapper", { cause: forged })]) {
        let result: unknown;
        expect(() => {
          result = isTransient(input);
        }).not.toThrow();
        expect(typeof result).toBe("boolean");
        expect(result).toBe(false);
      }
    },
  );
});

describe("a frozen Error (fails on d1fd0a2: the write to Error.stackTraceLimit throws and the throw is swallowed, so nothing is mapped)", () => {
  const node = RUNTIME.startsWith("node@");
  const VARIANTS: readonly (readonly [string, string, readonly string[]])[] = [
    ["Object.freeze(Error)", "frozen", []],
    ["Error.stackTraceLimit made read-only (defineProperty writable: false)", "readonly", []],
    ...(node ? [["node --frozen-intrinsics", "plain", ["--frozen-intrinsics"]] as const] : []),
  ];
  it.each(VARIANTS)(
    "normalize() maps an ECONNREFUSED error to ConnectionRefusedError caused by it, and isTransient() is true, with %s (child process)",
    async (_what, mode, runtimeFlags) => {
      const run = await runChild(mode, { runtimeFlags, timeoutMs: 20_000 });
      expect(run.killed, describeRun(run)).toBeUndefined();
      const json = run.json ?? {};
      // The child did freeze what it was asked to.
      expect(json.stackTraceLimitWritable, describeRun(run)).toBe(false);
      expect(json.kind, describeRun(run)).toBe("ConnectionRefusedError");
      expect(json.causeIsInput, describeRun(run)).toBe(true);
      expect(json.transient, describeRun(run)).toBe(true);
    },
    30_000,
  );
});

// Proves which runtime ran this file (a test that silently ran in Node proves nothing about Bun).
it(`these hostile inputs ran in ${RUNTIME}`, () => {
  expect(RUNTIME).toMatch(/^(?:node|deno|bun)@\d+\.\d+\.\d+/);
});
