/**
 * Property tests (fast-check): whatever is thrown into `normalize`, drawn from the runtimes' real
 * vocabularies and from hostile shapes (graphs of `cause`, `errors` and `error` with sharing and
 * cycles, throwing and revoked proxies, throwing getters, forged brands, frozen objects, huge
 * messages), it returns without throwing, keeps the input, is idempotent, agrees with
 * `toOSError`, reads a bounded number of properties, and `isTransient` and `isNetworkError`
 * answer a boolean. 100,000 generated inputs in every runtime.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isNetworkError, isOSError, isTransient, kindOf, normalize, type OSError, toOSError } from "@neterr/core";
import { BUN_FETCH_CODES, BUN_NAMES, DENO_ERRORS, ERRNO_TABLE, NODE_API_CODES, RESOLVER_CODES, UNDICI_CODES } from "@neterr/core/adapter";

/** Inputs per property; four properties: 100,000 in all. */
const RUNS = 25_000;
/**
 * A hang guard, not a timing: 25,000 graphs take 6-17 s on Node and Deno alone, but up to 34 s
 * on Bun 1.2 and 1.3 with three other runtimes' suites beside them (npm test), past the 30 s
 * default, and 89 s in one run on a machine slowed by something else. Linear time is what
 * `MAX_READS` checks; this only ends a run that would never return.
 */
const PROPERTY_TIMEOUT = { timeout: 300_000 };
/** A walk's reads are bounded whatever the graph: this is far above what the mapper's budget allows. */
const MAX_READS = 20_000;

const codes = [...ERRNO_TABLE.map((r) => r.code), ...RESOLVER_CODES, ...Object.keys(NODE_API_CODES), ...Object.keys(UNDICI_CODES), ...Object.keys(BUN_FETCH_CODES), "DNS_ECONNREFUSED", "__proto__", "constructor", "toString"];
const names = ["Error", "TypeError", "RangeError", "AggregateError", "AbortError", "TimeoutError", "SystemError", ...Object.keys(DENO_ERRORS), ...Object.keys(BUN_NAMES), "constructor", "__proto__"];
const messages = [
  "connect ECONNREFUSED 127.0.0.1:1",
  "fetch failed",
  "Connection refused (os error 111)",
  "error reading a body from connection",
  "dns error: failed to lookup address information: Name or service not known",
  "no records found for Query",
  "proto error: request timed out",
  "WebSocket connection to 'ws://127.0.0.1:1/' failed: Failed to connect",
  "This socket has been ended by the other party",
  "ESRCH: No such process",
  "(os error 99999999)",
  "",
];

/** One node's own fields: real vocabulary most of the time, anything some of the time. */
const fields = fc.record(
  {
    name: fc.oneof(fc.constantFrom(...names), fc.string()),
    message: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...messages) }, { weight: 2, arbitrary: fc.string() }, { weight: 1, arbitrary: fc.constant("x".repeat(1_000_000)) }),
    code: fc.oneof(fc.constantFrom(...codes), fc.string(), fc.integer()),
    errno: fc.oneof(fc.integer({ min: -5000, max: 12000 }), fc.double(), fc.string()),
    syscall: fc.constantFrom("connect", "read", "write", "listen", "queryA", "getaddrinfo", "open", "kill", "recvmsg"),
    address: fc.oneof(fc.constantFrom("127.0.0.1", "::1"), fc.string()),
    port: fc.oneof(fc.integer({ min: -1, max: 70000 }), fc.constant(Number.NaN), fc.string()),
    path: fc.oneof(fc.constantFrom("/tmp/x.sock", "http://127.0.0.1:1/", "wss://[::1]:9/", "http://%zz"), fc.string()),
    type: fc.constantFrom("error", "close", "message"),
  },
  { requiredKeys: [] },
);

/** How a node is built and what wraps it. */
const shape = fc.constantFrom("Error", "TypeError", "AggregateError", "object", "frozen", "null-prototype", "throwing-getter", "proxy");

/**
 * A graph of nodes: each node's fields and shape, and edges by index (`cause`, `error`, and
 * `errors` lists), so sharing and cycles of any shape come out (self-loops included).
 */
const graph = fc
  .integer({ min: 1, max: 8 })
  .chain((n) =>
    fc.record({
      nodes: fc.array(fc.record({ fields, shape, brand: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.array(fc.string(), { maxLength: 4 }) }) }), { minLength: n, maxLength: n }),
      cause: fc.array(fc.option(fc.nat(n - 1)), { minLength: n, maxLength: n }),
      error: fc.array(fc.option(fc.nat(n - 1)), { minLength: n, maxLength: n }),
      errors: fc.array(fc.option(fc.array(fc.nat(n - 1), { maxLength: 70 })), { minLength: n, maxLength: n }),
    }),
  );

type Graph = typeof graph extends fc.Arbitrary<infer G> ? G : never;

/**
 * Graphs that random edges rarely make: aggregates nested `depth` deep, each holding the next
 * `width` times, around a refusal (every inner error maps, so nothing stops the fan-out early).
 */
const fanOut: fc.Arbitrary<Graph> = fc.record({ depth: fc.integer({ min: 1, max: 6 }), width: fc.integer({ min: 1, max: 70 }) }).map(({ depth, width }) => {
  const n = depth + 1;
  const aggregate = { fields: { message: "" }, shape: "AggregateError" as const, brand: undefined };
  const leaf = { fields: { code: "ECONNREFUSED", syscall: "connect", message: "connect ECONNREFUSED 127.0.0.1:1" }, shape: "Error" as const, brand: undefined };
  return {
    nodes: [...Array.from({ length: depth }, () => aggregate), leaf],
    cause: Array.from({ length: n }, () => null),
    error: Array.from({ length: n }, () => null),
    errors: Array.from({ length: n }, (_, i) => (i < depth ? Array.from({ length: width }, () => i + 1) : null)),
  } as unknown as Graph;
});
const graphs = fc.oneof({ weight: 4, arbitrary: graph }, { weight: 1, arbitrary: fanOut });

/** Builds the graph's objects, every read of every node counted; node 0 is the input. */
function build(g: Graph, counter: { reads: number }): unknown {
  const BRAND = Symbol.for("@neterr/core/kinds");
  const bases: Record<PropertyKey, unknown>[] = g.nodes.map(({ fields: f, shape: s, brand }) => {
    const text = String(f.message ?? "");
    const base: Record<PropertyKey, unknown> =
      s === "Error" ? new Error(text) : s === "TypeError" ? new TypeError(text) : s === "AggregateError" ? new AggregateError([], text) : s === "null-prototype" ? Object.create(null) : {};
    for (const [k, v] of Object.entries(f)) {
      try {
        base[k] = v;
      } catch {
        // a read-only field of a built-in
      }
    }
    if (brand !== undefined) base[BRAND] = brand;
    if (s === "throwing-getter") Object.defineProperty(base, "code", { get: () => { throw new Error("getter"); } });
    return base;
  });
  // Every node behind a proxy that counts its reads; "proxy" nodes also throw on `message`, and
  // every other one of them is revoked.
  const nodes = bases.map((base, i) => {
    const hostile = g.nodes[i]!.shape === "proxy";
    const { proxy, revoke } = Proxy.revocable(base, {
      get(t, k, r) {
        counter.reads++;
        if (hostile && k === "message") throw new Error("trap");
        return Reflect.get(t, k, r);
      },
    });
    if (hostile && i % 2 === 1) revoke();
    return proxy;
  });
  bases.forEach((base, i) => {
    const c = g.cause[i];
    const e = g.error[i];
    const es = g.errors[i];
    try {
      if (c !== null && c !== undefined) base.cause = nodes[c];
      if (e !== null && e !== undefined) base.error = nodes[e];
      if (es !== null && es !== undefined) base.errors = es.map((j) => nodes[j]);
    } catch {
      // a read-only field of a built-in
    }
    if (g.nodes[i]!.shape === "frozen") Object.freeze(base);
  });
  return nodes[0];
}

const kept = (input: unknown, result: unknown): boolean => result === input || (isOSError(result) && (result as OSError).cause === input);

describe("properties of normalize() over generated inputs", () => {
  it(`normalize() returns, never throws and keeps the input (${RUNS} graphs)`, PROPERTY_TIMEOUT, () => {
    fc.assert(
      fc.property(graphs, (g) => {
        const input = build(g, { reads: 0 });
        const result = normalize(input);
        return kept(input, result);
      }),
      { numRuns: RUNS },
    );
  });

  it(`normalize() is idempotent and agrees with toOSError() (${RUNS} graphs)`, PROPERTY_TIMEOUT, () => {
    fc.assert(
      fc.property(graph, (g) => {
        const input = build(g, { reads: 0 });
        const once = normalize(input);
        const mapped = toOSError(input);
        return normalize(once) === once && kindOf(once) === kindOf(mapped) && (mapped === undefined) === (once === input || !isOSError(once));
      }),
      { numRuns: RUNS },
    );
  });

  it(`normalize() reads a bounded number of properties, whatever the graph (${RUNS} graphs)`, PROPERTY_TIMEOUT, () => {
    let most = 0;
    fc.assert(
      fc.property(graphs, (g) => {
        const counter = { reads: 0 };
        normalize(build(g, counter));
        most = Math.max(most, counter.reads);
        return counter.reads < MAX_READS;
      }),
      { numRuns: RUNS },
    );
    expect(most).toBeGreaterThan(0);
    console.log(`normalize() read at most ${most} properties of one generated graph (bound ${MAX_READS})`);
  });

  it(`isTransient() and isNetworkError() answer a boolean (${RUNS} inputs, any value)`, PROPERTY_TIMEOUT, () => {
    fc.assert(
      fc.property(fc.oneof(graph.map((g) => build(g, { reads: 0 })), fc.anything()), (input) => {
        return typeof isTransient(input) === "boolean" && typeof isNetworkError(input) === "boolean";
      }),
      { numRuns: RUNS },
    );
  });
});
