/**
 * The mapper's contract on hostile or odd input: it returns, it never throws, and it never loses
 * its input. For every value x: `normalize(x)` is x itself, or a neterr error whose `cause` is x;
 * `toOSError(x)` is undefined or such an error; `isTransient(x)` is a boolean.
 */
import { describe, expect, it } from "vitest";
import { ConnectionRefusedError, isOSError, isTransient, normalize, OSError, toOSError } from "@neterr/core";

const refusedFields = { code: "ECONNREFUSED", errno: -111, syscall: "connect", address: "127.0.0.1", port: 1 };

/** A Proxy every one of whose traps throws. */
function throwingProxy(target: object = {}): object {
  const boom = (trap: string) => () => {
    throw new Error(`trap ${trap}`);
  };
  const traps = [
    "apply", "construct", "defineProperty", "deleteProperty", "get", "getOwnPropertyDescriptor",
    "getPrototypeOf", "has", "isExtensible", "ownKeys", "preventExtensions", "set", "setPrototypeOf",
  ];
  return new Proxy(target, Object.fromEntries(traps.map((t) => [t, boom(t)])));
}

function chain(depth: number, innermost: object): object {
  let node = innermost;
  for (let i = 0; i < depth - 1; i++) node = new Error(`wrapper ${i}`, { cause: node });
  return node;
}

// [description, a maker (a fresh value per call)]
const INPUTS: readonly (readonly [string, () => unknown])[] = [
  ["null", () => null],
  ["undefined", () => undefined],
  ["the number 111", () => 111],
  ["NaN", () => Number.NaN],
  ["-0", () => -0],
  ["a bigint", () => 111n],
  ["true", () => true],
  ['the string "ECONNREFUSED"', () => "ECONNREFUSED"],
  ["the empty string", () => ""],
  ["a symbol", () => Symbol("ECONNREFUSED")],
  ["a registered symbol", () => Symbol.for("@neterr/core/kinds")],
  ["a plain object {}", () => ({})],
  ["a plain object with a refused code", () => ({ ...refusedFields, message: "connect ECONNREFUSED" })],
  ["an object with a null prototype", () => Object.assign(Object.create(null), refusedFields)],
  ["an empty array", () => []],
  ["a frozen Error with a refused code", () => Object.freeze(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), refusedFields))],
  ["a frozen plain object", () => Object.freeze({ code: "EPIPE" })],
  ["a sealed Error", () => Object.seal(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }))],
  ["a function", () => function notAnError() {}],
  ["an arrow function with a refused code", () => Object.assign(() => {}, { code: "ECONNREFUSED" })],
  ["a class", () => class Foo {}],
  ["a Proxy whose every trap throws", () => throwingProxy()],
  ["a Proxy of an Error whose every trap throws", () => throwingProxy(Object.assign(new Error("x"), refusedFields))],
  ["a function Proxy whose every trap throws", () => throwingProxy(() => {})],
  ["a revoked Proxy", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  }],
  ["an Error whose code getter throws", () => Object.defineProperty(new Error("x"), "code", { get() { throw new Error("getter"); } })],
  ["an Error whose code getter throws but has errno 111", () =>
    Object.defineProperty(Object.assign(new Error("x"), { errno: 111 }), "code", { get() { throw new Error("getter"); } })],
  ["an Error whose every getter throws", () => {
    const e = new Error("x");
    // "stack" first: on Node 20, redefining an Error's stack formats it, which reads `name`.
    for (const key of ["stack", "name", "message", "code", "errno", "syscall", "address", "port", "path", "hostname", "cause", "errors"]) {
      Object.defineProperty(e, key, { get() { throw new Error(key); } });
    }
    return e;
  }],
  ["an Error whose cause getter throws", () => Object.defineProperty(new Error("x"), "cause", { get() { throw new Error("cause"); } })],
  ["an Error whose stack getter throws, with a refused code", () =>
    Object.defineProperty(Object.assign(new Error("x"), refusedFields), "stack", { get() { throw new Error("stack"); } })],
  ["an Error whose name is a Symbol", () => Object.assign(new Error("x"), { name: Symbol("n") })],
  ["an Error that is its own cause", () => {
    const e = new Error("self");
    (e as { cause?: unknown }).cause = e;
    return e;
  }],
  ["an Error with a refused code that is its own cause", () => {
    const e = Object.assign(new Error("self"), refusedFields);
    (e as { cause?: unknown }).cause = e;
    return e;
  }],
  ["two Errors that are each other's cause", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    (a as { cause?: unknown }).cause = b;
    return a;
  }],
  ["a 2-cycle of causes with a refused code on the second", () => {
    const a = new Error("a");
    const b = Object.assign(new Error("b", { cause: a }), refusedFields);
    (a as { cause?: unknown }).cause = b;
    return a;
  }],
  ["a 50-deep cause chain ending in ECONNREFUSED", () => chain(50, Object.assign(new Error("connect ECONNREFUSED"), refusedFields))],
  ["a 50-deep cause chain of plain Errors", () => chain(50, new Error("bottom"))],
  ["a 3-deep cause chain ending in ECONNREFUSED", () => chain(3, Object.assign(new Error("connect ECONNREFUSED"), refusedFields))],
  ["an Error with a 10 MB message and a reset code", () => Object.assign(new Error("x".repeat(10 * 1024 * 1024)), { code: "ECONNRESET" })],
  ["an Error with a 10 MB message and no code", () => new Error("(".repeat(10 * 1024 * 1024))],
  ["an AggregateError of 10,000 refused errors", () =>
    new AggregateError(Array.from({ length: 10_000 }, (_, i) => Object.assign(new Error(`connect ECONNREFUSED 10.0.${i >> 8}.${i & 255}:1`), refusedFields)), "")],
  ["an AggregateError of 10,000 plain errors", () => new AggregateError(Array.from({ length: 10_000 }, () => new Error("x")), "")],
  ["an AggregateError that contains itself", () => {
    const errors: unknown[] = [Object.assign(new Error("r"), refusedFields)];
    const agg = new AggregateError(errors, "");
    (agg as unknown as { errors: unknown[] }).errors.push(agg);
    return agg;
  }],
  ["an AggregateError whose inner errors are null, numbers and strings", () => new AggregateError([null, 111, "ECONNREFUSED", undefined], "")],
  ["an empty AggregateError", () => new AggregateError([], "")],
  ['an object whose errors is a string', () => ({ errors: "ECONNREFUSED" })],
  ["an object whose errors is an array-like", () => ({ errors: { length: 1, 0: { code: "ECONNREFUSED" } } })],
  ["an object whose errors is null", () => ({ errors: null })],
  ["an object whose errors getter throws", () => ({ get errors() { throw new Error("errors"); } })],
  ["an object whose errors is a sparse array", () => ({ errors: [, , { code: "ECONNREFUSED" }] })],
  ["an object whose code is a number", () => ({ code: 111 })],
  ["an object whose code is an object", () => ({ code: { toString: () => "ECONNREFUSED" } })],
  ["an object whose code is a String object", () => ({ code: new String("ECONNREFUSED") })],
  ["an object whose code is a symbol", () => ({ code: Symbol("ECONNREFUSED") })],
  ["an object whose code is null", () => ({ code: null })],
  ["an object whose code is __proto__", () => ({ code: "__proto__" })],
  ["an object whose code is toString", () => ({ code: "toString" })],
  ["an object whose code is constructor", () => ({ code: "constructor" })],
  ["an object whose errno is Infinity", () => ({ errno: Number.POSITIVE_INFINITY })],
  ["an object whose errno is a string", () => ({ errno: "111" })],
  ["an object whose name is TimeoutError and is not an Error", () => ({ name: "TimeoutError" })],
  ["an object whose message is not a string", () => ({ message: { evil: true }, code: "ECONNRESET" })],
  ["an object whose port is not a number", () => ({ ...refusedFields, port: "1" })],
  ["a Date", () => new Date(0)],
  ["a Map", () => new Map([["code", "ECONNREFUSED"]])],
  ["a Promise", () => Promise.resolve()],
  ["a forged brand (an object claiming to be a neterr kind)", () => ({ [Symbol.for("@neterr/core/kinds")]: ["ConnectionRefusedError", "ConnectionError", "OSError"] })],
  ["an object whose brand getter throws", () => ({ get [Symbol.for("@neterr/core/kinds")]() { throw new Error("brand"); } })],
];

/** normalize(x) is x itself, or a neterr error whose cause is x. */
function expectNotLost(x: unknown, result: unknown): void {
  if (Object.is(result, x)) return;
  expect(isOSError(result)).toBe(true);
  expect((result as OSError).cause).toBe(x);
}

describe("normalize() / toOSError() / isTransient() on bad input", () => {
  describe.each(INPUTS)("%s", (_what, make) => {
    it("normalize() does not throw and returns the input itself or an OSError whose cause is the input", () => {
      const x = make();
      let result: unknown;
      expect(() => {
        result = normalize(x);
      }).not.toThrow();
      expectNotLost(x, result);
    });
    it("toOSError() does not throw and returns undefined or an OSError whose cause is the input", () => {
      const x = make();
      let result: unknown;
      expect(() => {
        result = toOSError(x);
      }).not.toThrow();
      if (result !== undefined) expectNotLost(x, result);
    });
    it("isTransient() does not throw and returns a boolean", () => {
      const x = make();
      let result: unknown;
      expect(() => {
        result = isTransient(x);
      }).not.toThrow();
      expect(typeof result).toBe("boolean");
    });
    it("a new result's name, message and stack can be read without throwing", () => {
      const x = make();
      const result = normalize(x);
      if (Object.is(result, x) || !isOSError(result)) return;
      expect(() => [result.name, result.message, result.stack, String(result)]).not.toThrow();
      expect(typeof result.stack).toBe("string");
    });
  });
});

describe("bad input that still carries a network failure is mapped", () => {
  it.each([
    ["a frozen Error with a refused code", () => Object.freeze(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), refusedFields))],
    ["a plain object with a refused code", () => ({ ...refusedFields, message: "connect ECONNREFUSED" })],
    ["an object with a null prototype and a refused code", () => Object.assign(Object.create(null), refusedFields)],
    ["a 2-cycle of causes with a refused code on the second", () => {
      const a = new Error("a");
      const b = Object.assign(new Error("b", { cause: a }), refusedFields);
      (a as { cause?: unknown }).cause = b;
      return a;
    }],
    ["an Error whose code getter throws but has errno 111", () =>
      Object.defineProperty(Object.assign(new Error("x"), { errno: 111 }), "code", { get() { throw new Error("getter"); } })],
  ])("normalize() maps %s to ConnectionRefusedError with it as cause", (_what, make) => {
    const x = make();
    const error = normalize(x) as OSError;
    expect(error).toBeInstanceOf(ConnectionRefusedError);
    expect(error.cause).toBe(x);
  });
  it("normalize() of an Error whose syscall getter throws keeps every other field it read (the fields are read again one by one)", () => {
    let calls = 0;
    const x = Object.defineProperty(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { ...refusedFields, syscall: undefined }), "syscall", {
      get() {
        calls++;
        throw new Error("syscall");
      },
    });
    const error = normalize(x) as OSError;
    expect(error).toBeInstanceOf(ConnectionRefusedError);
    expect([error.code, error.address, error.port, error.syscall]).toEqual(["ECONNREFUSED", "127.0.0.1", 1, undefined]);
    expect(calls).toBeLessThanOrEqual(2); // asked in the read of all fields, then once more on its own
  });
  it("normalize() of an Error with a 10 MB message keeps the whole message", () => {
    const message = "x".repeat(10 * 1024 * 1024);
    const error = normalize(Object.assign(new Error(message), { code: "ECONNRESET" })) as OSError;
    expect(error.message.length).toBe(message.length);
  });
  it("normalize() of an AggregateError of 10,000 refused errors returns in under a second", () => {
    const aggregate = new AggregateError(
      Array.from({ length: 10_000 }, () => Object.assign(new Error("connect ECONNREFUSED"), refusedFields)),
      "",
    );
    const start = performance.now();
    const result = normalize(aggregate);
    expect(performance.now() - start).toBeLessThan(1000);
    expectNotLost(aggregate, result);
  });
  it("normalize() of a forged brand is not fooled into returning a non-Error as a neterr error", () => {
    // A forged object is returned as is (it is the input): what matters is that nothing is lost.
    const forged = { [Symbol.for("@neterr/core/kinds")]: ["ConnectionRefusedError", "ConnectionError", "OSError"] };
    expect(normalize(forged)).toBe(forged);
  });
});
