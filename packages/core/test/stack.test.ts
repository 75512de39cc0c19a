/**
 * The mapped error's `stack`: "<Name>: <message>" then the native error's own frames, and no
 * frames from inside the mapper (the user must see where the failure happened, not neterr).
 */
import { describe, expect, it } from "vitest";
import { normalize, type OSError, toOSError } from "@neterr/core";
import * as core from "@neterr/core";
import { createAdapter } from "@neterr/core/adapter";

const MAPPER_FRAMES = ["mapWith", "createAdapter", "classify", "deriveStack", "core/dist/mapper.js", "core/dist/registry.js"];

function nativeRefusedFromSocketLayer(): Error {
  return Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
    errno: -111,
    code: "ECONNREFUSED",
    syscall: "connect",
    address: "127.0.0.1",
    port: 1,
  });
}
function nativeResetFromReadLoop(): Error {
  return Object.assign(new Error("read ECONNRESET"), { errno: -104, code: "ECONNRESET", syscall: "read" });
}
function fetchWrapperFromHttpClient(): TypeError {
  return new TypeError("fetch failed", { cause: nativeRefusedFromSocketLayer() });
}
function timeoutFromAbortSignal(): DOMException {
  return new DOMException("The operation was aborted due to timeout", "TimeoutError");
}
function aggregateFromHappyEyeballs(): AggregateError {
  return new AggregateError([nativeRefusedFromSocketLayer(), nativeRefusedFromSocketLayer()], "");
}

// [the function that makes the native error, the mapped class]
const CASES = [
  [nativeRefusedFromSocketLayer, "ConnectionRefusedError"],
  [nativeResetFromReadLoop, "ConnectionResetError"],
  [fetchWrapperFromHttpClient, "ConnectionRefusedError"],
  [timeoutFromAbortSignal, "TimeoutError"],
  [aggregateFromHappyEyeballs, "ConnectionRefusedError"],
] as const;

describe("stack of a mapped error", () => {
  describe.each(CASES.map(([make, kind]) => [make.name, make, kind] as const))("%s", (_name, make, kind) => {
    it(`normalize(${make.name}()) has a stack starting with "${kind}: <message>"`, () => {
      const error = normalize(make()) as OSError;
      expect(error.name).toBe(kind);
      expect(error.stack?.startsWith(`${kind}: ${error.message}`)).toBe(true);
    });
    it(`normalize(${make.name}()) keeps the native frames (the stack names ${make.name} where the runtime does)`, () => {
      const native = make();
      const error = normalize(native) as OSError;
      const frames = String(native.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
      for (const frame of frames) expect(error.stack).toContain(frame);
      // Bun loses these names itself: a DOMException has no stack in JSC, and Bun 1.4's
      // transpiler inlines a small function into its caller (seen on Bun 1.1.45 and 1.4.5).
      if (typeof (globalThis as { Bun?: unknown }).Bun === "undefined") expect(error.stack).toContain(make.name);
      // Pinned: what Bun keeps of a DOMException is no frame at all.
      else if (native instanceof DOMException) expect(frames).toEqual([]);
    });
    it(`normalize(${make.name}()) has no frame from inside the mapper (${MAPPER_FRAMES.join(", ")})`, () => {
      const error = normalize(make()) as OSError;
      for (const frame of MAPPER_FRAMES) expect(error.stack).not.toContain(frame);
    });
    it(`normalize(${make.name}()) leaves the native stack reachable through cause`, () => {
      const native = make();
      const stack = native.stack;
      const error = normalize(native) as OSError;
      expect((error.cause as Error).stack).toBe(stack);
    });
  });

  it("the stack of a mapped error made by a custom adapter has no mapper frames either", () => {
    const adapter = createAdapter({ runtime: "test", codes: { PEER_GONE: "ConnectionResetError" } });
    function peerGoneInCustomRuntime(): Error {
      return Object.assign(new Error("peer gone"), { code: "PEER_GONE" });
    }
    const error = adapter.toOSError(peerGoneInCustomRuntime());
    expect(error?.stack?.startsWith("ConnectionResetError: peer gone")).toBe(true);
    expect(error?.stack).toContain("peerGoneInCustomRuntime");
    for (const frame of MAPPER_FRAMES) expect(error?.stack).not.toContain(frame);
  });

  it("the stack can be assigned (error.stack = ...) and reads back what was assigned", () => {
    const error = normalize(nativeRefusedFromSocketLayer()) as Error;
    error.stack = "custom";
    expect(error.stack).toBe("custom");
  });

  it("a stackless native shape (a plain object) gives a stack with no frame from inside the mapper", () => {
    function plainObjectFromBinding(): object {
      return { code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:1" };
    }
    const error = toOSError(plainObjectFromBinding());
    expect(error?.stack?.startsWith("ConnectionRefusedError: connect ECONNREFUSED 127.0.0.1:1")).toBe(true);
    for (const frame of MAPPER_FRAMES) expect(error?.stack).not.toContain(frame);
  });
});

describe("the derived stack, once read", () => {
  it("is kept as the error's own stack, not enumerable, so a log shows it once (no symbol-keyed copy)", async () => {
    const error = normalize(nativeRefusedFromSocketLayer()) as OSError;
    const first = error.stack;
    expect(error.stack).toBe(first);
    expect(Object.getOwnPropertySymbols(error)).toEqual([]);
    expect(Object.getOwnPropertyDescriptor(error, "stack")?.enumerable).toBe(false);
    expect(Object.keys(error)).not.toContain("stack");
    const { inspect } = await import("node:util");
    expect(inspect(error).split(first ?? "\u0000").length - 1).toBeLessThanOrEqual(1);
  });
  it("can be replaced, as an Error's stack can", () => {
    const error = normalize(nativeRefusedFromSocketLayer()) as OSError & { stack: string };
    void error.stack;
    error.stack = "mine";
    expect(error.stack).toBe("mine");
  });
});

describe("the mapper builds each class as `new Class()` would", () => {
  const classes = Object.values(core).filter(
    (v): v is typeof core.OSError => typeof v === "function" && (v === core.OSError || v.prototype instanceof core.OSError),
  );
  it("finds every class", () => {
    expect(classes.length).toBeGreaterThanOrEqual(23);
  });
  // stack.ts's create() runs OSError's constructor (TimeoutError's for a timeout) with the class
  // as new.target: right only while no class between them has a constructor of its own.
  it.each(classes.filter((c) => c !== core.OSError && c !== core.TimeoutError).map((c) => [c.name, c] as const))(
    "%s has no constructor of its own",
    (_name, Class) => {
      expect(/\bconstructor\s*\(/.test(Function.prototype.toString.call(Class))).toBe(false);
    },
  );
  it.each(classes.map((c) => [c.name, c] as const))("a mapped %s is a real Error of that class, with its name and fields", (name, Class) => {
    const adapter = createAdapter({ runtime: "test", codes: { NETERR_TEST: { kind: name as never, timeout: "connect" } } });
    const error = adapter.toOSError(Object.assign(new Error("boom"), { code: "NETERR_TEST", port: 7 }))!;
    const made = new Class("boom", { code: "NETERR_TEST", port: 7 });
    expect(Object.getPrototypeOf(error)).toBe(Class.prototype);
    expect([error.name, error.message, error.code, error.port]).toEqual([name, "boom", "NETERR_TEST", 7]);
    expect(Object.prototype.toString.call(error)).toBe("[object Error]");
    expect(Object.keys(error).filter((k) => k !== "cause")).toEqual(Object.keys(made).filter((k) => k !== "cause"));
    if (Class === core.TimeoutError || Class.prototype instanceof core.TimeoutError) expect((error as InstanceType<typeof core.TimeoutError>).timeout).toBe("connect");
  });
});
