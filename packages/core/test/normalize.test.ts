/**
 * Table tests of core's own mapper (no adapter installed): `normalize()` / `toOSError()` of
 * native shapes built by hand, the way Node, undici and the web platform throw them.
 * The shapes copy what Node 20 really throws (checked with `node -e`), e.g. `connect ECONNREFUSED`
 * is an Error with `errno: -111, code: "ECONNREFUSED", syscall: "connect", address, port`.
 */
import { describe, expect, it } from "vitest";
import { ConnectionError, ConnectionRefusedError, fromErrno, HostUnreachableError, isOSError, kindOf, NameResolutionError, normalize, OSError, toOSError } from "@neterr/core";
import { installedAdapter } from "@neterr/core/adapter";

/** A Node SystemError, as `net`, `dns` and `fs` build it (libuv's negative errno). */
function systemError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

it("no adapter is installed: installedAdapter() is core's generic one", () => {
  expect(installedAdapter().runtime).toBeUndefined();
});

// message | fields of the native error | class | positive errno (Linux), as Python's OSError.errno gives it
const SYSTEM_ERRORS: readonly (readonly [string, Record<string, unknown>, string, number | undefined])[] = [
  ["connect ECONNREFUSED 127.0.0.1:1", { errno: -111, code: "ECONNREFUSED", syscall: "connect", address: "127.0.0.1", port: 1 }, "ConnectionRefusedError", 111],
  ["read ECONNRESET", { errno: -104, code: "ECONNRESET", syscall: "read" }, "ConnectionResetError", 104],
  ["write EPIPE", { errno: -32, code: "EPIPE", syscall: "write" }, "BrokenPipeError", 32],
  ["connect ETIMEDOUT 10.255.255.1:80", { errno: -110, code: "ETIMEDOUT", syscall: "connect", address: "10.255.255.1", port: 80 }, "TimeoutError", 110],
  ["listen EADDRINUSE: address already in use :::8080", { errno: -98, code: "EADDRINUSE", syscall: "listen", address: "::", port: 8080 }, "AddressInUseError", 98],
  ["bind EADDRNOTAVAIL 192.0.2.1:80", { errno: -99, code: "EADDRNOTAVAIL", syscall: "bind", address: "192.0.2.1", port: 80 }, "AddressNotAvailableError", 99],
  ["connect EHOSTUNREACH 10.0.0.1:80", { errno: -113, code: "EHOSTUNREACH", syscall: "connect", address: "10.0.0.1", port: 80 }, "HostUnreachableError", 113],
  ["connect ENETUNREACH 10.0.0.1:80", { errno: -101, code: "ENETUNREACH", syscall: "connect", address: "10.0.0.1", port: 80 }, "NetworkUnreachableError", 101],
  ["connect ENOENT /tmp/missing.sock", { errno: -2, code: "ENOENT", syscall: "connect", address: "/tmp/missing.sock" }, "FileNotFoundError", 2],
  ["listen EACCES: permission denied /root/x.sock", { errno: -13, code: "EACCES", syscall: "listen", path: "/root/x.sock" }, "PermissionError", 13],
  ["write ECONNABORTED", { errno: -103, code: "ECONNABORTED", syscall: "write" }, "ConnectionAbortedError", 103],
  ["getaddrinfo ENOTFOUND nosuch.invalid", { errno: -3008, code: "ENOTFOUND", syscall: "getaddrinfo", hostname: "nosuch.invalid" }, "NameResolutionError", undefined],
  ["getaddrinfo EAI_AGAIN example.com", { errno: -3001, code: "EAI_AGAIN", syscall: "getaddrinfo", hostname: "example.com" }, "NameResolutionError", undefined],
  ["queryA ESERVFAIL example.com", { errno: undefined, code: "ESERVFAIL", syscall: "queryA", hostname: "example.com" }, "NameResolutionError", undefined],
  // Node on Windows keeps the POSIX code and libuv's own number (not producible on Linux).
  ["connect ECONNREFUSED 127.0.0.1:1", { errno: -4078, code: "ECONNREFUSED", syscall: "connect", address: "127.0.0.1", port: 1 }, "ConnectionRefusedError", undefined],
];

describe("normalize() of Node-like SystemError shapes", () => {
  describe.each(SYSTEM_ERRORS)("%s", (message, fields, kind, errno) => {
    const what = `${fields.syscall} ${fields.code} (errno ${fields.errno})`;
    it(`normalize() maps ${what} to ${kind} with the native error as cause`, () => {
      const native = systemError(message, fields);
      const error = normalize(native) as OSError;
      expect(kindOf(error)).toBe(kind);
      expect(error.name).toBe(kind);
      expect(error).toBeInstanceOf(OSError);
      expect(error.cause).toBe(native);
    });
    it(`normalize() of ${what} keeps message, code, syscall, address, port, path, hostname`, () => {
      const native = systemError(message, fields);
      const error = normalize(native) as OSError;
      expect(error.message).toBe(message);
      expect(error.code).toBe(fields.code);
      expect(error.syscall).toBe(fields.syscall);
      expect(error.address).toBe(fields.address);
      expect(error.port).toBe(fields.port);
      expect(error.path).toBe(fields.path);
      expect(error.hostname).toBe(fields.hostname);
    });
    if (errno !== undefined) {
      it(`normalize() of ${what} has the positive errno ${errno}`, () => {
        expect((normalize(systemError(message, fields)) as OSError).errno).toBe(errno);
      });
    }
    it(`toOSError() of ${what} gives the same class as normalize(), and leaves the native error untouched`, () => {
      const native = systemError(message, fields);
      const before = { ...native, message: native.message, stack: native.stack };
      const error = toOSError(native);
      expect(kindOf(error)).toBe(kind);
      expect(error?.cause).toBe(native);
      expect({ ...native, message: native.message, stack: native.stack }).toEqual(before);
    });
  });
});

describe("normalize() of resolver errors whose code is also a POSIX code", () => {
  it.each([
    ["queryA", "ECONNREFUSED"],
    ["queryAaaa", "ETIMEDOUT"],
    ["getaddrinfo", "ECONNREFUSED"],
    ["getHostByAddr", "ECONNRESET"],
  ])("normalize() maps %s %s (a DNS server that did not answer) to NameResolutionError", (syscall, code) => {
    const native = systemError(`${syscall} ${code} example.com`, { code, syscall, hostname: "example.com" });
    const error = normalize(native) as OSError;
    expect(error).toBeInstanceOf(NameResolutionError);
    expect(error instanceof ConnectionError).toBe(false);
    expect(error.code).toBe(code);
    expect(error.syscall).toBe(syscall);
    expect(error.hostname).toBe("example.com");
    expect(error.cause).toBe(native);
  });
  it('normalize() maps connect ECONNREFUSED (syscall "connect") to ConnectionRefusedError, not name resolution', () => {
    const error = normalize(systemError("connect ECONNREFUSED 127.0.0.1:1", { code: "ECONNREFUSED", syscall: "connect" }));
    expect(error).toBeInstanceOf(ConnectionRefusedError);
    expect(error instanceof NameResolutionError).toBe(false);
  });
});

const refused = (address: string) =>
  systemError(`connect ECONNREFUSED ${address}:1`, { errno: -111, code: "ECONNREFUSED", syscall: "connect", address, port: 1 });
const unreachable = (address: string) =>
  systemError(`connect EHOSTUNREACH ${address}:1`, { errno: -113, code: "EHOSTUNREACH", syscall: "connect", address, port: 1 });

describe("normalize() of AggregateError (connect to several addresses, happy eyeballs)", () => {
  // What Node 20 throws (checked with net.connect({ autoSelectFamily: true }) to two refusing
  // addresses): an AggregateError with message "", `code` copied from the first inner error, and
  // `errors` the SystemErrors. The variants: without the outer code, and with a message.
  const variants = [
    ["Node's shape (code on the aggregate, empty message)", (errors: Error[]) => Object.assign(new AggregateError(errors, ""), { code: "ECONNREFUSED" })],
    ["a bare AggregateError (no code, empty message)", (errors: Error[]) => new AggregateError(errors, "")],
    ["an AggregateError without a message argument", (errors: Error[]) => new AggregateError(errors)],
  ] as const;

  describe.each(variants)("%s", (_what, make) => {
    it("normalize() of an AggregateError of two ECONNREFUSED gives ConnectionRefusedError with the aggregate as cause", () => {
      const aggregate = make([refused("127.0.0.1"), refused("::1")]);
      const error = normalize(aggregate) as OSError;
      expect(error).toBeInstanceOf(ConnectionRefusedError);
      expect(error.name).toBe("ConnectionRefusedError");
      expect(error.cause).toBe(aggregate);
      expect(error.code).toBe("ECONNREFUSED");
    });
    it("normalize() of an AggregateError of two ECONNREFUSED maps each inner error into `errors`", () => {
      const inner = [refused("127.0.0.1"), refused("::1")];
      const error = normalize(make(inner)) as OSError;
      expect(error.errors).toHaveLength(2);
      error.errors?.forEach((e, i) => {
        expect(e).toBeInstanceOf(ConnectionRefusedError);
        expect((e as OSError).cause).toBe(inner[i]);
        expect((e as OSError).address).toBe((inner[i] as { address?: string } | undefined)?.address);
      });
    });
    it("normalize() of an AggregateError with an empty message gives a readable message naming the inner failures", () => {
      const error = normalize(make([refused("127.0.0.1"), refused("::1")])) as OSError;
      expect(error.message).not.toBe("");
      expect(error.message).toContain("ECONNREFUSED");
      expect(error.message).toContain("127.0.0.1");
      expect(error.message).toContain("::1");
    });
  });

  it("normalize() of an AggregateError with a message keeps that message", () => {
    const error = normalize(new AggregateError([refused("127.0.0.1"), refused("::1")], "all attempts failed")) as OSError;
    expect(error).toBeInstanceOf(ConnectionRefusedError);
    expect(error.message).toBe("all attempts failed");
  });

  // inner errors -> their common ancestor
  const MIXED = [
    ["ECONNREFUSED + EHOSTUNREACH", () => [refused("127.0.0.1"), unreachable("10.0.0.1")], "ConnectionError"],
    ["ECONNREFUSED + ETIMEDOUT", () => [refused("127.0.0.1"), systemError("connect ETIMEDOUT 10.0.0.1:1", { code: "ETIMEDOUT", syscall: "connect" })], "OSError"],
    ["ECONNREFUSED + ENOENT", () => [refused("127.0.0.1"), systemError("connect ENOENT /tmp/x", { code: "ENOENT", syscall: "connect" })], "OSError"],
    ["EHOSTUNREACH + EHOSTDOWN", () => [unreachable("10.0.0.1"), systemError("connect EHOSTDOWN 10.0.0.2:1", { code: "EHOSTDOWN", syscall: "connect" })], "HostUnreachableError"],
  ] as const;
  it.each(MIXED)("normalize() of an AggregateError of %s gives their common ancestor %s", (_what, make, kind) => {
    const inner = make();
    const aggregate = new AggregateError(inner, "");
    const error = normalize(aggregate) as OSError;
    expect(kindOf(error)).toBe(kind);
    expect(error.cause).toBe(aggregate);
    expect(error.errors).toHaveLength(2);
    expect(error.errors?.map((e) => (e as OSError).cause)).toEqual(inner);
  });
  it("normalize() of an AggregateError of ECONNREFUSED + EHOSTUNREACH is a ConnectionError but neither child class", () => {
    const error = normalize(new AggregateError([refused("127.0.0.1"), unreachable("10.0.0.1")], ""));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error instanceof ConnectionRefusedError).toBe(false);
    expect(error instanceof HostUnreachableError).toBe(false);
  });
  it("normalize() of an AggregateError with one error that is not a network failure returns the aggregate unchanged", () => {
    const aggregate = new AggregateError([refused("127.0.0.1"), new Error("plain")], "");
    expect(normalize(aggregate)).toBe(aggregate);
  });
});

describe("normalize() of wrappers whose cause is the network failure (undici's fetch)", () => {
  function fetchFailed(cause: unknown): TypeError {
    return new TypeError("fetch failed", { cause });
  }
  it("normalize() of TypeError(\"fetch failed\") with an ECONNREFUSED cause gives ConnectionRefusedError", () => {
    const inner = refused("127.0.0.1");
    const wrapper = fetchFailed(inner);
    const error = normalize(wrapper) as OSError;
    expect(error).toBeInstanceOf(ConnectionRefusedError);
    expect(error.cause).toBe(wrapper);
    expect((error.cause as Error).cause).toBe(inner);
    expect(error.message).toContain("fetch failed");
    expect(error.message).toContain("connect ECONNREFUSED 127.0.0.1:1");
    expect(error.code).toBe("ECONNREFUSED");
    expect(error.address).toBe("127.0.0.1");
    expect(error.port).toBe(1);
  });
  it("normalize() of TypeError(\"fetch failed\") whose cause is an AggregateError of ECONNREFUSED gives ConnectionRefusedError", () => {
    const wrapper = fetchFailed(Object.assign(new AggregateError([refused("127.0.0.1"), refused("::1")], ""), { code: "ECONNREFUSED" }));
    const error = normalize(wrapper) as OSError;
    expect(error).toBeInstanceOf(ConnectionRefusedError);
    expect(error.cause).toBe(wrapper);
  });
  it("normalize() of a wrapper whose cause is already a neterr error gives that class with the wrapper as cause", () => {
    const inner = fromErrno("ECONNRESET", { message: "read ECONNRESET" });
    const wrapper = fetchFailed(inner);
    const error = normalize(wrapper) as OSError;
    expect(kindOf(error)).toBe("ConnectionResetError");
    expect(error.cause).toBe(wrapper);
    expect(error.message).toContain("fetch failed");
    expect(error.message).toContain("read ECONNRESET");
  });
  it("normalize() of TypeError(\"fetch failed\") without a cause returns it unchanged", () => {
    const wrapper = new TypeError("fetch failed");
    expect(normalize(wrapper)).toBe(wrapper);
    expect(toOSError(wrapper)).toBeUndefined();
  });
});

describe("normalize() of the web platform's timeouts and aborts", () => {
  it('normalize() of new DOMException("x", "TimeoutError") gives TimeoutError with the DOMException as cause', () => {
    const native = new DOMException("signal timed out", "TimeoutError");
    const error = normalize(native) as OSError;
    expect(kindOf(error)).toBe("TimeoutError");
    expect(error.cause).toBe(native);
    expect(error.message).toBe("signal timed out");
  });
  it("normalize() of an AbortError whose cause is a TimeoutError DOMException gives TimeoutError", () => {
    const timeout = new DOMException("signal timed out", "TimeoutError");
    const abort = new DOMException("This operation was aborted", "AbortError");
    Object.defineProperty(abort, "cause", { value: timeout });
    const error = normalize(abort) as OSError;
    expect(kindOf(error)).toBe("TimeoutError");
    expect(error.cause).toBe(abort);
  });
  it("normalize() of an Error named AbortError whose cause is a TimeoutError gives TimeoutError", () => {
    const abort = Object.assign(new Error("The operation was aborted", { cause: new DOMException("t", "TimeoutError") }), { name: "AbortError" });
    expect(kindOf(normalize(abort))).toBe("TimeoutError");
  });
  const USER_ABORTS = [
    ['new DOMException("aborted", "AbortError")', () => new DOMException("aborted", "AbortError")],
    ["an AbortError whose cause is the user's reason", () => Object.assign(new Error("aborted", { cause: new Error("user navigated away") }), { name: "AbortError" })],
    ["an AbortError whose cause is a string", () => Object.assign(new Error("aborted", { cause: "stop" }), { name: "AbortError" })],
    ["AbortSignal.abort().reason", () => AbortSignal.abort().reason as object],
  ] as const;
  it.each(USER_ABORTS)("normalize() returns the user's abort %s unchanged", (_what, make) => {
    const abort = make();
    expect(normalize(abort)).toBe(abort);
    expect(toOSError(abort)).toBeUndefined();
  });
  it("normalize() of AbortSignal.timeout()'s reason gives TimeoutError", async () => {
    const signal = AbortSignal.timeout(1);
    await new Promise((resolve) => signal.addEventListener("abort", resolve));
    const error = normalize(signal.reason) as OSError;
    expect(kindOf(error)).toBe("TimeoutError");
    expect(error.cause).toBe(signal.reason);
  });
});

describe("normalize() of what is already mapped, or not an OS failure", () => {
  it.each(["ECONNREFUSED", "EPIPE", "ENOTFOUND", "EWHATEVER"])('normalize(fromErrno("%s")) returns the same object', (code) => {
    const error = fromErrno(code);
    expect(normalize(error)).toBe(error);
    expect(toOSError(error)).toBe(error);
    expect(isOSError(error)).toBe(true);
  });
  it("normalize() of an already-mapped error does not map it again", () => {
    const once = normalize(refused("127.0.0.1"));
    expect(normalize(once)).toBe(once);
  });
  it.each([
    ["new Error(\"boom\")", () => new Error("boom")],
    ["new TypeError(\"x is not a function\")", () => new TypeError("x is not a function")],
    ["an Error with code ERR_INVALID_ARG_TYPE", () => Object.assign(new Error("bad arg"), { code: "ERR_INVALID_ARG_TYPE" })],
    ["an Error with an unknown errno", () => Object.assign(new Error("?"), { errno: 99999 })],
  ])("normalize() returns %s unchanged", (_what, make) => {
    const error = make();
    expect(normalize(error)).toBe(error);
    expect(toOSError(error)).toBeUndefined();
  });
  it("normalize() of an Error with only a Linux errno (111) gives ConnectionRefusedError", () => {
    const native = Object.assign(new Error("refused"), { errno: 111 });
    const error = normalize(native) as OSError;
    expect(error).toBeInstanceOf(ConnectionRefusedError);
    expect(error.code).toBe("ECONNREFUSED");
    expect(error.cause).toBe(native);
  });
});
