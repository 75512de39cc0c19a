/**
 * Bad input through the Node adapter: whatever it is given, `normalize()` / `toOSError()` never
 * throw, and return the input itself or a neterr error whose `cause` is the input.
 */
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { ConnectionResetError, isOSError, type OSError } from "@neterr/core";
import { guard, normalize, toOSError } from "@neterr/node";

/** A Proxy on which every trap throws. */
function hostile(target: object = {}): object {
  const boom = (): never => {
    throw new Error("trap");
  };
  return new Proxy(target, {
    get: boom,
    has: boom,
    getOwnPropertyDescriptor: boom,
    ownKeys: boom,
    getPrototypeOf: boom,
    defineProperty: boom,
    set: boom,
    deleteProperty: boom,
    isExtensible: boom,
    preventExtensions: boom,
    setPrototypeOf: boom,
    apply: boom,
    construct: boom,
  });
}

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }), {});
  revoke();
  return proxy;
}

const throwingGetter = <T extends object>(target: T, key: string): T =>
  Object.defineProperty(target, key, {
    get() {
      throw new Error(`getter ${key}`);
    },
  });

function cycle(withCode: boolean): Error {
  const a = new Error("outer");
  const b = new Error("inner");
  (a as { cause?: unknown }).cause = b;
  (b as { cause?: unknown }).cause = a;
  if (withCode) Object.assign(b, { code: "ECONNRESET", syscall: "read" });
  return a;
}

function selfCycle(): Error {
  const a = new Error("self");
  (a as { cause?: unknown }).cause = a;
  return a;
}

function deepChain(depth: number, code: string | undefined): Error {
  let e: Error = Object.assign(new Error("bottom"), code ? { code } : {});
  for (let i = 0; i < depth; i++) e = new Error(`level ${i}`, { cause: e });
  return e;
}

function aggregateOfItself(): AggregateError {
  const agg = new AggregateError([], "all failed");
  (agg as { errors: unknown[] }).errors = [agg, agg];
  return agg;
}

/** What every output must satisfy: the input itself, or a neterr error caused by it. */
function expectContract(input: unknown): unknown {
  let out: unknown;
  let mapped: OSError | undefined;
  expect(() => {
    out = normalize(input);
  }).not.toThrow();
  expect(() => {
    mapped = toOSError(input);
  }).not.toThrow();
  if (out !== input) {
    expect(isOSError(out)).toBe(true);
    expect((out as OSError).cause === input).toBe(true);
    // The mapped error must itself be safe to print.
    expect(() => `${(out as OSError).stack} ${String(out)} ${(out as OSError).message}`).not.toThrow();
  }
  expect(mapped === undefined || (isOSError(mapped) && mapped.cause === input)).toBe(true);
  expect(mapped === undefined ? out === input : isOSError(out)).toBe(true);
  return out;
}

const INPUTS: readonly (readonly [string, () => unknown])[] = [
  ["null", () => null],
  ["undefined", () => undefined],
  ['the string "ECONNRESET"', () => "ECONNRESET"],
  ['the string ""', () => ""],
  ["the number -111", () => -111],
  ["a symbol", () => Symbol("ECONNRESET")],
  ["a bigint", () => 111n],
  ["true", () => true],
  ["a function", () => () => undefined],
  ["a Proxy whose traps all throw", () => hostile()],
  ["a Proxy over an ECONNRESET error whose traps all throw", () => hostile(Object.assign(new Error("x"), { code: "ECONNRESET" }))],
  ["a revoked Proxy", revoked],
  ["an Error whose cause is a Proxy whose traps throw", () => new Error("wrapper", { cause: hostile() })],
  ["a cycle of causes without a code", () => cycle(false)],
  ["a cycle of causes with ECONNRESET inside", () => cycle(true)],
  ["an error that is its own cause", selfCycle],
  ["a chain of 100 causes with ECONNRESET at the bottom", () => deepChain(100, "ECONNRESET")],
  ["a chain of 100 causes without a code", () => deepChain(100, undefined)],
  ["an AggregateError whose errors contain itself", aggregateOfItself],
  ["an AggregateError of throwing Proxies", () => new AggregateError([hostile(), hostile()], "")],
  ["an error whose code getter throws", () => throwingGetter(new Error("x"), "code")],
  // (Not `stack` too: on Node 20, redefining an Error's `stack` reads `name` while it is defined.)
  ["an error whose every field getter throws", () => {
    const e = new Error("x");
    for (const k of ["name", "message", "code", "errno", "syscall", "address", "port", "cause", "errors", "socket"]) {
      throwingGetter(e, k);
    }
    return e;
  }],
  ["an error whose message getter throws, with code ECONNRESET", () => throwingGetter(Object.assign(new Error("x"), { code: "ECONNRESET" }), "message")],
  ["an error whose stack getter throws, with code ECONNRESET", () => throwingGetter(Object.assign(new Error("x"), { code: "ECONNRESET" }), "stack")],
  ['an error with code "__proto__"', () => Object.assign(new Error("x"), { code: "__proto__" })],
  ['an error with code "constructor"', () => Object.assign(new Error("x"), { code: "constructor" })],
  ['an error with code "hasOwnProperty"', () => Object.assign(new Error("x"), { code: "hasOwnProperty" })],
  ["an error with errno NaN and no code", () => Object.assign(new Error("x"), { errno: Number.NaN })],
  ["an error with errno 1e300 and no code", () => Object.assign(new Error("x"), { errno: 1e300 })],
  ["a frozen ECONNRESET error", () => Object.freeze(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }))],
  ["an object with a null prototype and code ECONNRESET", () => Object.assign(Object.create(null), { code: "ECONNRESET" })],
];

describe("normalize() / toOSError() never throw and never lose their input", () => {
  it.each(INPUTS)("normalize(%s) returns it or an OSError caused by it", (_label, make) => {
    expectContract(make());
  });
});

describe("UND_ERR_SOCKET with a broken socket", () => {
  it("normalize() maps UND_ERR_SOCKET whose socket getter throws to ConnectionResetError without address", () => {
    const native = throwingGetter(
      Object.assign(new Error("other side closed"), { name: "SocketError", code: "UND_ERR_SOCKET" }),
      "socket",
    );
    const error = expectContract(native) as OSError;
    expect(error).toBeInstanceOf(ConnectionResetError);
    expect(error.cause).toBe(native);
    expect(error.code).toBe("UND_ERR_SOCKET");
    expect(error.address).toBeUndefined();
    expect(error.port).toBeUndefined();
    expect(error.runtime).toBe("node");
  });

  it("normalize() maps UND_ERR_SOCKET whose socket is a throwing Proxy to ConnectionResetError", () => {
    const native = Object.assign(new Error("other side closed"), { name: "SocketError", code: "UND_ERR_SOCKET", socket: hostile() });
    const error = expectContract(native) as OSError;
    expect(error).toBeInstanceOf(ConnectionResetError);
    expect(error.address).toBeUndefined();
  });

  it.each([
    ["whose socket is a string", "127.0.0.1:8080"],
    ["whose socket fields have the wrong types", { remoteAddress: 127, remotePort: "8080" }],
    // Core drops a NaN port read from the error itself (`Number.isFinite`); this row checks the
    // adapter's hook does the same for `socket.remotePort`.
    ["whose socket.remotePort is NaN", { remoteAddress: "127.0.0.1", remotePort: Number.NaN }],
    ["whose socket.remotePort is Infinity", { remoteAddress: "127.0.0.1", remotePort: Number.POSITIVE_INFINITY }],
  ])("normalize() maps UND_ERR_SOCKET %s to ConnectionResetError with no bad address or port", (_label, socket) => {
    const native = Object.assign(new Error("other side closed"), { name: "SocketError", code: "UND_ERR_SOCKET", socket });
    const error = expectContract(native) as OSError;
    expect(error).toBeInstanceOf(ConnectionResetError);
    expect(typeof error.address === "string" || error.address === undefined).toBe(true);
    expect(error.address).not.toBe(127);
    expect(error.port === undefined || Number.isFinite(error.port)).toBe(true);
    expect(error.port).not.toBe("8080");
  });
});

describe("cyclic causes", () => {
  it("normalize() of a cycle with ECONNRESET inside maps it, caused by the outer error", () => {
    const native = cycle(true);
    const error = expectContract(native) as OSError;
    expect(error).toBeInstanceOf(ConnectionResetError);
    expect(error.cause).toBe(native);
  });

  it("normalize() of a cycle without a code returns it unchanged", () => {
    const native = cycle(false);
    expect(normalize(native)).toBe(native);
  });
});

describe("guard() with bad input", () => {
  it("a guarded emitter does not throw in emit when 'error' carries a Proxy whose traps throw", () => {
    const emitter = guard(new EventEmitter());
    const bad = hostile();
    const seen: unknown[] = [];
    emitter.on("error", (e) => seen.push(e));
    expect(() => emitter.emit("error", bad)).not.toThrow();
    expect(seen).toHaveLength(1);
    expect(seen[0] === bad || (isOSError(seen[0]) && (seen[0] as OSError).cause === bad)).toBe(true);
  });

  // Found: guard(child) reads `then` on the child without a try, so the trap's throw escapes emit.
  it("a guarded emitter does not throw in emit when 'connection' carries a Proxy whose traps throw", () => {
    const emitter = guard(new EventEmitter());
    const bad = hostile();
    const seen: unknown[] = [];
    emitter.on("connection", (s) => seen.push(s));
    expect(() => emitter.emit("connection", bad)).not.toThrow();
    expect(seen[0]).toBe(bad);
  });

  // Found: isThenable() reads `then` without a try. A Proxy is not an emitter: it must come back unchanged.
  it("guard() returns a Proxy whose traps throw unchanged (does not throw)", () => {
    const bad = hostile();
    let out: unknown;
    expect(() => {
      out = guard(bad as never);
    }).not.toThrow();
    expect(out).toBe(bad);
  });
});
