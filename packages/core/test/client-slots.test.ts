/**
 * The table slots a client's vocabulary needs: codes scoped to a client's error class
 * (`classCodes`), a class known only by its constructor's name (`name` is just "Error"), and a
 * `follow` scoped to a client's classes. Each on error objects built here, shaped as the clients
 * build theirs (the live client suite checks the clients themselves).
 */
import { describe, expect, it } from "vitest";
import { kindOf, type OSError } from "@neterr/core";
import { createAdapter } from "@neterr/core/adapter";

/** A client's own error class, as a library writes one. */
class WrapperError extends Error {
  override name = "WrapperError";
}
/** A class whose instances keep `name: "Error"` (node-redis does this). */
class QuietClassError extends Error {}

describe("classCodes: a client's own meaning of a code wins, on its errors only", () => {
  const adapter = createAdapter({
    runtime: "test",
    classCodes: { WrapperError: { ECONNABORTED: { kind: "TimeoutError", timeout: "deadline" } } },
  });
  it("WrapperError with ECONNABORTED is the client's timeout", () => {
    const native = Object.assign(new WrapperError("timeout of 300ms exceeded"), { code: "ECONNABORTED" });
    const error = adapter.normalize(native) as OSError & { timeout?: string };
    expect(kindOf(error)).toBe("TimeoutError");
    expect(error.timeout).toBe("deadline");
    expect(error.code).toBe("ECONNABORTED");
    expect(error.cause).toBe(native);
  });
  it("another error with ECONNABORTED keeps the POSIX meaning", () => {
    const native = Object.assign(new Error("read ECONNABORTED"), { code: "ECONNABORTED", syscall: "read" });
    expect(kindOf(adapter.normalize(native))).toBe("ConnectionAbortedError");
  });
  it("a class named by its constructor (name \"Error\") reads its class codes too", () => {
    const scoped = createAdapter({ classCodes: { QuietClassError: { ETIMEDOUT: { kind: "TimeoutError", timeout: "idle" } } } });
    const native = Object.assign(new QuietClassError("quiet"), { code: "ETIMEDOUT" });
    expect(native.name).toBe("Error");
    expect((scoped.normalize(native) as { timeout?: string }).timeout).toBe("idle");
  });
});

describe("names: the constructor's name, where `name` is just \"Error\"", () => {
  const adapter = createAdapter({ names: { QuietClassError: "ConnectionError" } });
  it("maps an instance whose name says only Error", () => {
    const native = new QuietClassError("Socket closed unexpectedly");
    expect(kindOf(adapter.normalize(native))).toBe("ConnectionError");
  });
  it("does not read the constructor of an error that names itself", () => {
    const native = Object.assign(new QuietClassError("x"), { name: "SomethingElse" });
    expect(adapter.normalize(native)).toBe(native);
  });
  it("a plain Error is not matched by a constructor name", () => {
    const native = new Error("Socket closed unexpectedly");
    expect(adapter.normalize(native)).toBe(native);
  });
  it("a constructor getter that throws is no class (never throws)", () => {
    const native = new Error("x");
    Object.defineProperty(native, "constructor", {
      get() {
        throw new Error("hostile");
      },
    });
    expect(adapter.normalize(native)).toBe(native);
  });
});

describe("follow with classes: a wrapper's cause read first, on its class only", () => {
  const adapter = createAdapter({ follow: [{ field: "cause", classes: ["WrapperError"], before: true }] });
  const socketError = (): Error => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED", errno: -111, syscall: "connect", address: "127.0.0.1", port: 9 });
  it("keeps the socket error's fields, with the wrapper as cause", () => {
    const inner = socketError();
    const wrapper = Object.assign(new WrapperError("connect ECONNREFUSED 127.0.0.1:9", { cause: inner }), { code: "ECONNREFUSED" });
    const error = adapter.normalize(wrapper) as OSError;
    expect(kindOf(error)).toBe("ConnectionRefusedError");
    expect(error.cause).toBe(wrapper);
    expect([error.syscall, error.address, error.port]).toEqual(["connect", "127.0.0.1", 9]);
  });
  it("without the rule, the wrapper's own code wins and the socket's fields are lost", () => {
    const plain = createAdapter({});
    const wrapper = Object.assign(new WrapperError("x", { cause: socketError() }), { code: "ECONNREFUSED" });
    const error = plain.normalize(wrapper) as OSError;
    expect(kindOf(error)).toBe("ConnectionRefusedError");
    expect(error.syscall).toBeUndefined();
  });
  it("another class's cause is not read first", () => {
    const other = Object.assign(new Error("x", { cause: socketError() }), { name: "OtherError", code: "ECONNRESET" });
    expect(kindOf(adapter.normalize(other))).toBe("ConnectionResetError");
  });
});

describe("locations with as: \"syscall\": a client's own field for the failed system call", () => {
  const adapter = createAdapter({ locations: [{ field: "erroredSysCall", as: "syscall" }] });
  const fetchError = (fields: Record<string, unknown>): Error => Object.assign(new Error("request to http://127.0.0.1:9/ failed, reason: connect ECONNREFUSED 127.0.0.1:9"), { name: "FetchError", code: "ECONNREFUSED", errno: "ECONNREFUSED", ...fields });
  it("is read as syscall, and the phase follows from it", () => {
    const error = adapter.normalize(fetchError({ erroredSysCall: "connect" })) as OSError;
    expect([kindOf(error), error.syscall, error.phase, error.requestSent]).toEqual(["ConnectionRefusedError", "connect", "connect", false]);
  });
  it("never replaces the error's own syscall", () => {
    const error = adapter.normalize(fetchError({ erroredSysCall: "read", syscall: "connect" })) as OSError;
    expect(error.syscall).toBe("connect");
  });
  it("with a name, is read on errors of that name only", () => {
    const scoped = createAdapter({ locations: [{ field: "erroredSysCall", as: "syscall", name: "FetchError" }] });
    expect((scoped.normalize(fetchError({ erroredSysCall: "connect" })) as OSError).syscall).toBe("connect");
    const other = scoped.normalize(fetchError({ erroredSysCall: "connect", name: "OtherError" })) as OSError;
    expect([kindOf(other), other.syscall]).toEqual(["ConnectionRefusedError", undefined]);
  });
  it("a value that is no system call's name is ignored", () => {
    for (const value of ["", "read ECONNRESET", 42, { toString: () => "read" }, "x".repeat(100)]) {
      expect((adapter.normalize(fetchError({ erroredSysCall: value })) as OSError).syscall).toBeUndefined();
    }
  });
});
