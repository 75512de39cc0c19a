/**
 * `createAdapter(spec)`: the tables an adapter gives core (`codes`, `names`, `messages`) and its
 * `match` hook.
 */
import { describe, expect, it } from "vitest";
import { kindOf, normalize, type OSError } from "@neterr/core";
import { createAdapter, type Match } from "@neterr/core/adapter";

const err = (message: string, fields: Record<string, unknown> = {}) => Object.assign(new Error(message), fields);
const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe("createAdapter({ codes })", () => {
  const adapter = createAdapter({
    runtime: "test",
    codes: {
      UND_ERR_SOCKET: "ConnectionResetError",
      UND_ERR_CONNECT_TIMEOUT: "TimeoutError",
      ECONNRESET: "BrokenPipeError", // an adapter's own table comes before the POSIX table
    },
  });
  it.each([
    ["UND_ERR_SOCKET", "ConnectionResetError"],
    ["UND_ERR_CONNECT_TIMEOUT", "TimeoutError"],
    ["ECONNRESET", "BrokenPipeError"],
    ["ECONNREFUSED", "ConnectionRefusedError"],
  ])("adapter.normalize() maps code %s to %s", (code, kind) => {
    const native = err(`failed: ${code}`, { code });
    const error = adapter.normalize(native) as OSError;
    expect(kindOf(error)).toBe(kind);
    expect(error.cause).toBe(native);
    expect(error.code).toBe(code);
    expect(error.message).toBe(`failed: ${code}`);
    expect(error.runtime).toBe("test");
  });
  it("adapter.normalize() returns an unknown code unchanged", () => {
    const native = err("x", { code: "UND_ERR_ABORTED" });
    expect(adapter.normalize(native)).toBe(native);
  });
  it("codes inherited from Object.prototype (toString, __proto__) are not codes", () => {
    for (const code of ["toString", "__proto__", "constructor", "hasOwnProperty"]) {
      const native = err("x", { code });
      expect(adapter.normalize(native)).toBe(native);
    }
  });
  it("core's normalize() does not know an adapter's own codes (it is not installed)", () => {
    const own = createAdapter({ runtime: "test", codes: { PEER_GONE: "ConnectionResetError" } });
    const native = err("x", { code: "PEER_GONE" });
    expect(kindOf(own.normalize(native))).toBe("ConnectionResetError");
    expect(normalize(native)).toBe(native);
  });
});

describe("createAdapter({ names }) (Deno's error classes)", () => {
  const adapter = createAdapter({
    runtime: "deno",
    names: {
      ConnectionRefused: "ConnectionRefusedError",
      ConnectionReset: "ConnectionResetError",
      BrokenPipe: "BrokenPipeError",
      TimedOut: "TimeoutError",
      AddrInUse: "AddressInUseError",
      NotCapable: "PermissionError",
    },
  });
  it.each([
    ["ConnectionRefused", "ConnectionRefusedError"],
    ["ConnectionReset", "ConnectionResetError"],
    ["BrokenPipe", "BrokenPipeError"],
    ["TimedOut", "TimeoutError"],
    ["AddrInUse", "AddressInUseError"],
    ["NotCapable", "PermissionError"],
  ])("adapter.normalize() maps an error named %s to %s", (name, kind) => {
    const native = named(name, "Connection refused (os error 111)");
    const error = adapter.normalize(native) as OSError;
    expect(kindOf(error)).toBe(kind);
    expect(error.cause).toBe(native);
    expect(error.message).toBe("Connection refused (os error 111)");
    expect(error.runtime).toBe("deno");
  });
  it("adapter.normalize() returns an error named Interrupted (not in the table) unchanged", () => {
    const native = named("Interrupted", "x");
    expect(adapter.normalize(native)).toBe(native);
  });
});

describe("createAdapter({ messages }) (a table of anchored patterns)", () => {
  const adapter = createAdapter({
    runtime: "bun",
    messages: [
      { pattern: /^Unable to connect\. Is the computer able to access the url\?$/, name: "Error", kind: "ConnectionRefusedError", code: "ConnectionRefused", why: "Bun fetch, no code" },
      { pattern: /^The socket connection was closed unexpectedly\./, kind: "ConnectionResetError", code: "ECONNRESET", why: "Bun fetch" },
      { pattern: /^fetch failed$/, name: "TypeError", kind: "ConnectionError", why: "undici without a cause" },
    ],
  });
  it.each([
    ["Error", "Unable to connect. Is the computer able to access the url?", "ConnectionRefusedError", "ConnectionRefused"],
    ["Error", "The socket connection was closed unexpectedly. For more information, pass `verbose: true`", "ConnectionResetError", "ECONNRESET"],
    ["SomethingElse", "The socket connection was closed unexpectedly.", "ConnectionResetError", "ECONNRESET"],
    ["TypeError", "fetch failed", "ConnectionError", undefined],
  ])("adapter.normalize() maps a %s with message %j to %s", (name, message, kind, code) => {
    const native = named(name, message);
    const error = adapter.normalize(native) as OSError;
    expect(kindOf(error)).toBe(kind);
    expect(error.code).toBe(code);
    expect(error.cause).toBe(native);
    expect(error.message).toBe(message);
  });
  it.each([
    ["Error", "fetch failed", "the pattern is for TypeError only"],
    ["TypeError", "Unable to connect. Is the computer able to access the url?", "the pattern is for Error only"],
    ["Error", "oops: Unable to connect. Is the computer able to access the url?", "the pattern is anchored at the start"],
    ["TypeError", "fetch failed!", "the pattern is anchored at the end"],
  ])("adapter.normalize() returns a %s with message %j unchanged: %s", (name, message) => {
    const native = named(name, message);
    expect(adapter.normalize(native)).toBe(native);
  });
  it("a code wins over a message pattern", () => {
    const error = adapter.normalize(Object.assign(named("TypeError", "fetch failed"), { code: "EPIPE" }));
    expect(kindOf(error)).toBe("BrokenPipeError");
  });
  it.each(["g", "y", "gy"])("a pattern written with the %s flag matches on every call, not every other one", (flags) => {
    const sticky = createAdapter({ messages: [{ pattern: new RegExp("^fetch failed$", flags), kind: "ConnectionError", why: "test" }] });
    const kinds = [1, 2, 3, 4].map(() => kindOf(sticky.normalize(new TypeError("fetch failed"))));
    expect(kinds).toEqual(["ConnectionError", "ConnectionError", "ConnectionError", "ConnectionError"]);
  });
  it("adapter.normalize() of a 1 MB message that almost matches returns quickly", () => {
    const native = named("Error", `Unable to connect. ${"x".repeat(1024 * 1024)}`);
    const start = performance.now();
    expect(adapter.normalize(native)).toBe(native);
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe("createAdapter({ match }) (the last hook)", () => {
  it("a match hook's Match gives the class and fields", () => {
    const adapter = createAdapter({
      runtime: "test",
      match: (error, fields) =>
        fields.name === "PeerGone" ? ({ kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, address: "10.0.0.1" } satisfies Match) : undefined,
    });
    const native = named("PeerGone", "the peer went away");
    const error = adapter.normalize(native) as OSError;
    expect(kindOf(error)).toBe("ConnectionResetError");
    expect(error.code).toBe("ECONNRESET");
    expect(error.errno).toBe(104);
    expect(error.address).toBe("10.0.0.1");
    expect(error.cause).toBe(native);
    expect(error.runtime).toBe("test");
  });
  it("a match hook that returns undefined lets core's tables go on", () => {
    const adapter = createAdapter({ match: () => undefined });
    const native = err("connect ECONNREFUSED", { code: "ECONNREFUSED" });
    expect(kindOf(adapter.normalize(native))).toBe("ConnectionRefusedError");
  });
  it("a match hook receives the native error and its fields", () => {
    const seen: unknown[] = [];
    const adapter = createAdapter({
      match: (error, fields) => {
        seen.push(error, fields.code, fields.syscall, fields.port);
        return undefined;
      },
    });
    const native = err("x", { code: "EPIPE", syscall: "write", port: 80 });
    adapter.normalize(native);
    expect(seen.slice(0, 4)).toEqual([native, "EPIPE", "write", 80]);
  });
  const throwers: readonly (readonly [string, () => never])[] = [
    ["an Error", () => { throw new Error("hook bug"); }],
    ["a string", () => { throw "hook bug"; }],
    ["undefined", () => { throw undefined; }],
    // Not `return recurse()`: JSC (Bun) has proper tail calls, and that would loop forever.
    ["a stack overflow", function recurse(): never { (recurse as () => never)(); throw new Error("unreachable"); }],
  ];
  it.each(throwers)("a match hook throwing %s does not make normalize() or toOSError() throw, nor lose the input", (_what, hook) => {
    const adapter = createAdapter({ match: hook });
    for (const native of [err("connect ECONNREFUSED", { code: "ECONNREFUSED" }), err("plain"), {}]) {
      let result: unknown;
      expect(() => {
        result = adapter.normalize(native);
      }).not.toThrow();
      expect(result === native || (result as OSError).cause === native).toBe(true);
      expect(() => adapter.toOSError(native)).not.toThrow();
    }
    expect(() => adapter.normalize(null)).not.toThrow();
  });
});

describe("createAdapter({ platform })", () => {
  it.each([
    ["darwin", 61, "ConnectionRefusedError", "ECONNREFUSED", 61],
    ["darwin", 54, "ConnectionResetError", "ECONNRESET", 54],
    ["darwin", 35, "BlockingIOError", "EAGAIN", 35],
    ["linux", 111, "ConnectionRefusedError", "ECONNREFUSED", 111],
  ] as const)("a %s adapter maps an error with only errno %d (macOS numbers not producible on Linux) to %s", (platform, errno, kind, code, expectedErrno) => {
    const adapter = createAdapter({ platform });
    const native = err("x", { errno });
    const error = adapter.normalize(native) as OSError;
    expect(kindOf(error)).toBe(kind);
    expect(error.code).toBe(code);
    expect(error.errno).toBe(expectedErrno);
  });
  it("a darwin adapter gives the macOS errno (61) for code ECONNREFUSED", () => {
    const error = createAdapter({ platform: "darwin" }).normalize(err("x", { code: "ECONNREFUSED" })) as OSError;
    expect(error.errno).toBe(61);
  });
});

describe("createAdapter({ follow, locations }) (where a client nests its error and hides the peer)", () => {
  const adapter = createAdapter({
    runtime: "test",
    follow: [{ field: "originalError", why: "a client that keeps the socket error in a field of its own" }],
    locations: [
      { field: "url", as: "url", why: "a client that keeps the URL it called" },
      { field: "connection", as: "peer", why: "a client that keeps the socket" },
    ],
  });
  it("adapter.normalize() follows a field the spec names to the socket error, the wrapper as cause", () => {
    const socketError = err("read ECONNRESET", { code: "ECONNRESET", syscall: "read" });
    const wrapper = err("Connection terminated unexpectedly", { originalError: socketError });
    const error = adapter.normalize(wrapper) as OSError;
    expect(kindOf(error)).toBe("ConnectionResetError");
    expect(error.cause).toBe(wrapper);
    expect(error.message).toBe("Connection terminated unexpectedly: read ECONNRESET");
  });
  it("adapter.normalize() returns on a cycle through a followed field, and on a long chain of them, keeping the input", () => {
    const a: Record<string, unknown> = { message: "a" };
    const b: Record<string, unknown> = { message: "b", originalError: a };
    a.originalError = b;
    a.cause = a;
    expect(adapter.normalize(a)).toBe(a);
    let chain: Record<string, unknown> = err("read ECONNRESET", { code: "ECONNRESET" });
    for (let i = 0; i < 10_000; i++) chain = { message: `wrapper ${i}`, originalError: chain };
    expect(adapter.normalize(chain)).toBe(chain); // the socket error lies past the walk's depth
  });
  it("core's normalize() does not follow a field only that spec names", () => {
    // (A text no client table knows: pg's "Connection terminated unexpectedly" is a row of its own now.)
    const wrapper = err("the wrapper gave up", { originalError: err("read ECONNRESET", { code: "ECONNRESET" }) });
    expect(normalize(wrapper)).toBe(wrapper);
  });
  it("adapter.normalize() reads the host and port from a URL field the spec names", () => {
    const error = adapter.normalize(err("x", { code: "ECONNREFUSED", url: "https://db.test/q" })) as OSError;
    expect(error.hostname).toBe("db.test");
    expect(error.port).toBe(443);
    expect(error.address).toBeUndefined();
  });
  it("adapter.normalize() reads the peer from a socket-like field the spec names, where the error has no address", () => {
    const error = adapter.normalize(err("x", { code: "ECONNRESET", connection: { remoteAddress: "::1", remotePort: 5432 } })) as OSError;
    expect(error.address).toBe("::1");
    expect(error.port).toBe(5432);
    const own = adapter.normalize(err("x", { code: "ECONNRESET", address: "127.0.0.1", port: 1, connection: { remoteAddress: "::1", remotePort: 5432 } })) as OSError;
    expect(own.address).toBe("127.0.0.1");
    expect(own.port).toBe(1);
  });
});
