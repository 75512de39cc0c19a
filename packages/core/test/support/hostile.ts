/**
 * What the hostile-input tests of every package share: a refused-connection error, and a read
 * budget. No hostile test measures wall-clock time: the work is counted (property reads through
 * a Proxy), and the count has a hard cap past which a read throws and `blown` is set, so a walk
 * that would not end, or would run the process out of memory, fails instead of hanging.
 */
import { expect } from "vitest";
import { isOSError, type OSError } from "@neterr/core";

/** What node:net builds for a refused connect. */
export const refused = (): Error =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED", errno: -111, syscall: "connect", address: "127.0.0.1", port: 1 });

/** Generous: the bounded walk reads a few hundred properties on these inputs; d1fd0a2 read millions, or never stopped. */
export const CAP = 50_000;

export interface ReadBudget {
  readonly state: { reads: number; blown: boolean; cap: number; deepest: number };
  /** The target behind a Proxy that counts its reads (`level`: how deep it sits, for `deepest`). */
  readonly wrap: <T extends object>(target: T, level?: number) => T;
  /** Lifts the cap, so the assertions themselves can read the proxies afterwards. */
  readonly disarm: () => void;
}

/** A family of Proxies sharing one read counter; `deepest` is the deepest level whose `errors` or `error` was read. */
export function readBudget(cap: number): ReadBudget {
  const state = { reads: 0, blown: false, cap, deepest: 0 };
  const wrap = <T extends object>(target: T, level = 0): T =>
    new Proxy(target, {
      get(t, key, receiver) {
        if (++state.reads > state.cap) {
          state.blown = true;
          throw new Error("neterr test: read budget exhausted");
        }
        if (key === "errors" || key === "error") state.deepest = Math.max(state.deepest, level);
        return Reflect.get(t, key, receiver);
      },
    });
  return { state, wrap, disarm: () => void (state.cap = Number.POSITIVE_INFINITY) };
}

/** Is `result` the input itself, or a neterr error whose cause is the input? */
export const kept = (input: unknown, result: unknown): boolean => result === input || (isOSError(result) && (result as OSError).cause === input);

/**
 * `normalize(input)`, where `build` makes the input of counted Proxies: it must not throw, must
 * stay within {@link CAP} reads, and must keep the input. Returns what it gave.
 */
export function normalizeWithin(normalize: (error: unknown) => unknown, build: (wrap: ReadBudget["wrap"]) => object): unknown {
  const { state, wrap, disarm } = readBudget(CAP);
  const input = build(wrap);
  let result: unknown;
  expect(() => {
    result = normalize(input);
  }).not.toThrow();
  const { blown, reads } = state;
  disarm();
  expect(blown, `the walk passed ${CAP} property reads (${reads})`).toBe(false);
  expect(kept(input, result), "normalize() returned neither its input nor a neterr error caused by it").toBe(true);
  return result;
}

/** Four levels of `new AggregateError(Array(64).fill(inner), "")`: five objects, 64^4 paths. */
export function expectBoundedOnSharedAggregates(normalize: (error: unknown) => unknown): void {
  const result = normalizeWithin(normalize, (wrap) => {
    let input: object = wrap(refused());
    for (let level = 0; level < 4; level++) input = wrap(new AggregateError(Array(64).fill(input), ""));
    return input;
  });
  if (isOSError(result)) {
    expect(result.message.length).toBeLessThan(100_000);
    expect((result.errors ?? []).length).toBeLessThanOrEqual(64);
  }
}

/** Error events (WebSocket `ErrorEvent`-like) that once made the walk never end, or double per level. */
export const EVENT_SHAPES: readonly (readonly [string, (wrap: ReadBudget["wrap"]) => object])[] = [
  [
    "an ErrorEvent-like cycle (A.error = A, A.cause = B, B.error = A)",
    (wrap) => {
      const a: Record<string, unknown> = { type: "error" };
      const b: Record<string, unknown> = { type: "error" };
      const A = wrap(a);
      a.error = A;
      a.cause = wrap(b);
      b.error = A;
      return A;
    },
  ],
  ...[false, true].map(
    (both) =>
      [
        `25 nested error events, each holding the next as ${both ? "both `error` and `cause`" : "`error`"}, around a plain Error`,
        (wrap: ReadBudget["wrap"]) => {
          // The innermost error is no network failure: nothing maps, so every path is walked.
          let input: object = wrap(new Error("not a network failure"));
          for (let i = 0; i < 25; i++) input = wrap(both ? { type: "error", error: input, cause: input } : { type: "error", error: input });
          return input;
        },
      ] as const,
  ),
];
