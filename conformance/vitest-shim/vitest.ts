/**
 * @module
 * The part of vitest's API that neterr's test files use, for runtimes that cannot run vitest
 * itself: Deno 2.0 and Bun 1.1 (vitest 4 needs `node:util.parseEnv`, which both lack; Bun's own
 * `bun test` would swap in bun:test's matchers). The test
 * files are the very same; their `import ... from "vitest"` is pointed here by
 * `deno test --import-map conformance/vitest-shim/import-map.json` (Deno) or by the loader
 * plugin in conformance/vitest-shim/bun.ts (Bun). Assertions are vitest's own (`@vitest/expect`
 * on chai), so a matcher means the same in every runtime.
 *
 * In Deno each test is a `Deno.test`; elsewhere tests queue up and `runQueued()` runs them in
 * order. Each test's outcome (passed, failed, skipped with its reason) is appended as one JSON
 * line to the file named by `NETERR_RESULTS`, which scripts/test.mjs counts.
 */
import { appendFileSync } from "node:fs";
import process from "node:process";
import * as chai from "chai";
import { JestAsymmetricMatchers, JestChaiExpect, JestExtend } from "@vitest/expect";

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

declare const Deno:
  | { test(options: { name: string; ignore?: boolean; fn: () => Promise<void>; sanitizeOps: boolean; sanitizeResources: boolean; sanitizeExit: boolean }): void }
  | undefined;

// deno-lint-ignore no-explicit-any
export const expect: any = chai.expect;

type Hook = () => unknown;
interface Context {
  skip(reason?: string): void;
}
type TestFn = (context: Context) => unknown;
interface Suite {
  readonly name: string;
  readonly parent: Suite | undefined;
  readonly beforeAll: Hook[];
  readonly afterAll: Hook[];
  readonly afterEach: Hook[];
  total: number;
  finished: number;
  started: boolean;
}

const DEFAULT_TIMEOUT = 30_000;
let root: Suite = { name: "", parent: undefined, beforeAll: [], afterAll: [], afterEach: [], total: 0, finished: 0, started: false };
let current: Suite = root;
const resultsFile = process.env.NETERR_RESULTS;
const LEAKS = Symbol.for("@neterr/conformance/expected-leaks");

class Skipped extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const record = (name: string, state: "passed" | "failed" | "skipped", note?: string): void => {
  if (resultsFile) appendFileSync(resultsFile, `${JSON.stringify({ name, state, note })}\n`);
};

const chainOf = (suite: Suite): Suite[] => {
  const chain: Suite[] = [];
  for (let s: Suite | undefined = suite; s; s = s.parent) chain.unshift(s);
  return chain;
};

const fullName = (suite: Suite, name: string): string =>
  [...chainOf(suite).map((s) => s.name).filter(Boolean), name].join(" > ");

/** An unhandled rejection fails the running test, unless a scenario said it expects that leak. */
let leak: unknown;
const onRejection = (reason: unknown): void => {
  // After every listener of this event ran: the scenario runner marks the leaks it reports.
  queueMicrotask(() => {
    const expected = (globalThis as Record<symbol, WeakSet<object> | undefined>)[LEAKS];
    if (reason !== null && typeof reason === "object" && expected?.has(reason)) return;
    leak ??= reason;
  });
};
if (typeof Deno !== "undefined") {
  (globalThis as unknown as { addEventListener(type: string, listener: (event: { reason: unknown; preventDefault(): void }) => void): void }).addEventListener(
    "unhandledrejection",
    (event) => {
      event.preventDefault();
      onRejection(event.reason);
    },
  );
} else {
  process.on("unhandledRejection", onRejection);
}

const withTimeout = async (run: () => unknown, ms: number): Promise<void> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      Promise.resolve().then(run),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Test timed out in ${ms}ms.`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

interface Entry {
  readonly title: string;
  readonly suite: Suite;
  readonly fn: TestFn | undefined;
  readonly timeout: number;
}

/** Runs one test with its suites' hooks; records its outcome, and throws if it failed. */
async function runEntry({ title, suite, fn, timeout }: Entry): Promise<"passed" | "skipped"> {
  const chain = chainOf(suite);
  let outcome: "passed" | "failed" | "skipped" = "passed";
  let note: string | undefined;
  leak = undefined;
  try {
    for (const s of chain) {
      if (!s.started) {
        s.started = true;
        for (const hook of s.beforeAll) await hook();
      }
    }
    await withTimeout(
      () =>
        fn?.({
          skip(reason = "skipped") {
            throw new Skipped(reason);
          },
        }),
      timeout,
    );
    await new Promise((resolve) => setTimeout(resolve, 0)); // let a leaked rejection surface
    if (leak !== undefined) throw new Error(`unhandled rejection during the test: ${String((leak as Error)?.stack ?? leak)}`);
  } catch (error) {
    if (error instanceof Skipped) {
      outcome = "skipped";
      note = error.reason;
    } else {
      outcome = "failed";
      note = String((error as Error)?.stack ?? error);
      throw error;
    }
  } finally {
    for (const s of [...chain].reverse()) for (const hook of s.afterEach) await hook();
    for (const s of [...chain].reverse()) {
      s.finished += 1;
      if (s.finished === s.total) for (const hook of s.afterAll) await hook();
    }
    record(title, outcome, note);
  }
  return outcome;
}

/** Starts a new test file (outside Deno): its top-level hooks are its own. */
export function beginFile(): void {
  root = { name: "", parent: undefined, beforeAll: [], afterAll: [], afterEach: [], total: 0, finished: 0, started: false };
  current = root;
}

const queue: (Entry | { readonly title: string; readonly skipped: string })[] = [];

function register(name: string, fn: TestFn | undefined, options: { timeout?: number; skip?: boolean } = {}): void {
  const suite = current;
  const title = fullName(suite, name);
  for (const s of chainOf(suite)) s.total += 1;
  const entry: Entry = { title, suite, fn, timeout: options.timeout ?? DEFAULT_TIMEOUT };
  if (options.skip) {
    for (const s of chainOf(suite)) s.finished += 1;
    record(title, "skipped", "it.skip");
  }
  if (typeof Deno !== "undefined") {
    Deno.test({
      name: title,
      ignore: options.skip === true,
      sanitizeOps: false,
      sanitizeResources: false,
      sanitizeExit: false,
      fn: async () => void (await runEntry(entry)),
    });
  } else {
    queue.push(options.skip ? { title, skipped: "it.skip" } : entry);
  }
}

/**
 * Runs the tests registered so far, in order, printing one line each (for runtimes without
 * `Deno.test`). Resolves to the counts; a failed test's error is printed, not thrown.
 */
export async function runQueued(print: (line: string) => void = console.log): Promise<{ passed: number; failed: number; skipped: number }> {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const entry of queue.splice(0)) {
    if ("skipped" in entry) {
      counts.skipped += 1;
      print(`  ↓ ${entry.title} (${entry.skipped})`);
      continue;
    }
    const started = Date.now();
    try {
      const outcome = await runEntry(entry);
      counts[outcome] += 1;
      print(`  ${outcome === "passed" ? "✓" : "↓"} ${entry.title} ${Date.now() - started}ms`);
    } catch (error) {
      counts.failed += 1;
      print(`  ✗ ${entry.title} ${Date.now() - started}ms\n${String((error as Error)?.stack ?? error).replace(/^/gm, "      ")}`);
    }
  }
  return counts;
}

type Each = <T extends readonly unknown[] | unknown>(
  table: readonly T[],
) => (name: string, fn: (...args: any[]) => unknown) => void;

const format = (name: string, args: readonly unknown[]): string => {
  let i = 0;
  return name.replace(/%[sdij%]/g, (m) => (m === "%%" ? "%" : String(args[i++])));
};

const argsOf = (row: unknown): unknown[] => (Array.isArray(row) ? row : [row]);

interface It {
  (name: string, fn?: TestFn): void;
  (name: string, options: { timeout?: number }, fn?: TestFn): void;
  each: Each;
  skip(name: string, fn?: TestFn): void;
}

export const it: It = Object.assign(
  (name: string, a?: TestFn | { timeout?: number }, b?: TestFn): void => {
    if (typeof a === "function" || a === undefined) register(name, a);
    else register(name, b, a);
  },
  {
    each: ((table: readonly unknown[]) => (name: string, fn: (...args: unknown[]) => unknown) => {
      for (const row of table) register(format(name, argsOf(row)), () => fn(...argsOf(row)));
    }) as Each,
    skip: (name: string, fn?: TestFn): void => register(name, fn, { skip: true }),
  },
) as It;
export const test: It = it;

interface Describe {
  (name: string, fn: () => void): void;
  each: Each;
}

export const describe: Describe = Object.assign(
  (name: string, fn: () => void): void => {
    const parent = current;
    current = { name, parent, beforeAll: [], afterAll: [], afterEach: [], total: 0, finished: 0, started: false };
    try {
      fn();
    } finally {
      current = parent;
    }
  },
  {
    each: ((table: readonly unknown[]) => (name: string, fn: (...args: unknown[]) => void) => {
      for (const row of table) describe(format(name, argsOf(row)), () => fn(...argsOf(row)));
    }) as Each,
  },
);

export const beforeAll = (hook: Hook): void => void current.beforeAll.push(hook);
export const afterAll = (hook: Hook): void => void current.afterAll.push(hook);
export const afterEach = (hook: Hook): void => void current.afterEach.push(hook);
