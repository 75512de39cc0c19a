/**
 * The pass-through's screen (mapper.ts, `screenOf`): `normalize` returns an error no table can map
 * after a few reads, without a walk. These tests hold it to the walk's answer: every input that
 * carries something a table reads (a code, an errno, a cause, inner errors, an `(os error N)`
 * text, a runtime's unnamed message) is still mapped, with each adapter's tables; and an input
 * with none of them is returned as it is after no more reads than the screen's.
 */
import { describe, expect, it } from "vitest";
import { ConnectionRefusedError, type OSError } from "@neterr/core";
import { BUN_DIALECT, CLIENT_DIALECTS, createAdapter, DENO_DIALECT, type Dialect, NODE_DIALECT, WEB_DIALECT } from "@neterr/core/adapter";

/** Each adapter's dialects, as packages/<runtime>/src/map.ts lists them. */
const SPECS: Readonly<Record<string, readonly Dialect[]>> = {
  node: [WEB_DIALECT, NODE_DIALECT, ...CLIENT_DIALECTS],
  deno: [WEB_DIALECT, NODE_DIALECT, DENO_DIALECT, ...CLIENT_DIALECTS],
  bun: [WEB_DIALECT, NODE_DIALECT, BUN_DIALECT, ...CLIENT_DIALECTS],
};

const refused = (): Error => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { errno: -111, code: "ECONNREFUSED", syscall: "connect", address: "127.0.0.1", port: 1 });

/** A RangeError (a name no table knows) carrying one thing a table reads, and the class it maps to. */
const CARRIERS: readonly (readonly [string, () => unknown, string])[] = [
  ["a POSIX code", () => Object.assign(new RangeError("x"), { code: "ECONNRESET" }), "ConnectionResetError"],
  ["an errno number", () => Object.assign(new RangeError("x"), { errno: 111 }), "ConnectionRefusedError"],
  ["a cause that maps", () => new RangeError("x", { cause: refused() }), "ConnectionRefusedError"],
  ["inner errors that map", () => Object.assign(new RangeError("x"), { errors: [refused(), refused()] }), "ConnectionRefusedError"],
  ["Rust's (os error N) text", () => new RangeError("Connection refused (os error 111)"), "ConnectionRefusedError"],
  ["a web TimeoutError's name", () => Object.assign(new RangeError("x"), { name: "TimeoutError" }), "TimeoutError"],
];

describe.each(Object.keys(SPECS))("the screen with %s's tables", (runtime) => {
  const adapter = createAdapter({ runtime, dialects: SPECS[runtime] });

  it.each(CARRIERS)("still maps a RangeError with %s", (_what, make, expected) => {
    const input = make();
    const mapped = adapter.normalize(input) as OSError;
    expect(mapped).not.toBe(input);
    expect(mapped.name).toBe(expected);
    expect(mapped).toEqual(adapter.toOSError(input));
  });

  it("returns a RangeError as it is, after no more than six reads", () => {
    const target = new RangeError("index 3 out of range");
    const reads: PropertyKey[] = [];
    const input = new Proxy(target, {
      get(t, key, receiver) {
        reads.push(key);
        return Reflect.get(t, key, receiver);
      },
    });
    expect(adapter.normalize(input)).toBe(input);
    expect(reads.length).toBeLessThanOrEqual(6);
    // The walk reads far more: the screen was taken.
    reads.length = 0;
    expect(adapter.toOSError(input)).toBeUndefined();
    expect(reads.length).toBeGreaterThan(6);
  });

  it("maps an error event's error, with no name, as the first input of a new adapter (no name remembered yet) and after a RangeError", () => {
    const fresh = createAdapter({ runtime, dialects: SPECS[runtime] });
    const event = () => ({ type: "error", message: "x", error: refused() });
    expect((fresh.normalize(event()) as OSError).name).toBe("ConnectionRefusedError");
    const plain = new RangeError("x");
    expect(fresh.normalize(plain)).toBe(plain);
    expect((fresh.normalize(event()) as OSError).name).toBe("ConnectionRefusedError");
  });

  it("leaves a throwing getter to the walk, which maps what it can read", () => {
    const input = Object.defineProperty(Object.assign(new RangeError("x"), { code: "ECONNREFUSED" }), "cause", {
      get() {
        throw new Error("hostile");
      },
    });
    expect(adapter.normalize(input)).toBeInstanceOf(ConnectionRefusedError);
  });
});

it("Deno's unnamed texts are read on any class: a RangeError saying Deno's resolver failure maps", () => {
  const adapter = createAdapter({ runtime: "deno", dialects: SPECS.deno });
  const input = new RangeError("failed to lookup address information: Temporary failure in name resolution");
  expect((adapter.normalize(input) as OSError).name).toBe("NameResolutionError");
});

it("Bun's unnamed texts are read on any class: a RangeError saying the socket was ended maps", () => {
  const adapter = createAdapter({ runtime: "bun", dialects: SPECS.bun });
  const input = new RangeError("This socket has been ended by the other party");
  expect((adapter.normalize(input) as OSError).name).toBe("BrokenPipeError");
});
