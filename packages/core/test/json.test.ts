/**
 * Logs and traces: `JSON.stringify` of a neterr error keeps what a log needs, safely; and
 * `otelAttributes` names a failure as OpenTelemetry's semantic conventions do.
 */
import { describe, expect, it } from "vitest";
import { fromErrno, kindOf, normalize, OSError, type OSErrorJSON, otelAttributes } from "@neterr/core";

const refused = (): Error =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", errno: -111, syscall: "connect", address: "127.0.0.1", port: 5432 });

describe("JSON.stringify() of a neterr error", () => {
  it("JSON.stringify() of a mapped refusal keeps its name, message, fields and the cause in short (no strerror: Node gave none)", () => {
    const json = JSON.parse(JSON.stringify(normalize(refused()))) as OSErrorJSON;
    expect(json).toEqual({
      name: "ConnectionRefusedError",
      message: "connect ECONNREFUSED 127.0.0.1:5432",
      code: "ECONNREFUSED",
      errno: 111,
      syscall: "connect",
      address: "127.0.0.1",
      port: 5432,
      // A refused connect: nothing of any request was sent.
      phase: "connect",
      requestSent: false,
      cause: { name: "Error", message: "connect ECONNREFUSED 127.0.0.1:5432", code: "ECONNREFUSED" },
    });
  });
  it("JSON.stringify() of an aggregate writes each inner error, without their causes' own graphs", () => {
    const mapped = normalize(Object.assign(new AggregateError([refused(), refused()], ""), { code: "ECONNREFUSED" }));
    const json = JSON.parse(JSON.stringify(mapped)) as OSErrorJSON;
    expect(json.name).toBe("ConnectionRefusedError");
    expect(json.errors).toHaveLength(2);
    expect(json.errors?.[0]?.name).toBe("ConnectionRefusedError");
    expect(json.errors?.[0]?.errors).toBeUndefined();
    expect(json.cause).toEqual({ name: "AggregateError", message: "", code: "ECONNREFUSED" });
  });
  it("JSON.stringify() of an error whose cause is cyclic, huge, or throws from every getter returns", () => {
    const cyclic: Record<string, unknown> = { name: "Error", message: "x" };
    cyclic.cause = cyclic;
    cyclic.self = cyclic;
    const huge = { message: "y".repeat(1_000_000), errors: Array.from({ length: 10_000 }, () => ({})) };
    const hostile = new Proxy({}, { get: () => { throw new Error("trap"); } });
    for (const cause of [cyclic, huge, hostile, "a string", 42, null]) {
      const error = new OSError("boom", { code: "ECONNRESET", cause });
      expect(() => JSON.stringify(error)).not.toThrow();
      const json = JSON.parse(JSON.stringify(error)) as OSErrorJSON;
      expect(json.message).toBe("boom");
      expect(json.code).toBe("ECONNRESET");
    }
    expect((JSON.parse(JSON.stringify(new OSError("boom", { cause: hostile }))) as OSErrorJSON).cause).toEqual({});
  });
});

describe("otelAttributes()", () => {
  it("otelAttributes() of a refusal to an IPv4 address asked by name names error.type, the peer and the server", () => {
    const error = fromErrno("ECONNREFUSED", { address: "127.0.0.1", port: 5432, hostname: "db.internal" });
    expect(otelAttributes(error)).toEqual({
      "error.type": "ConnectionRefusedError",
      "network.peer.address": "127.0.0.1",
      "network.peer.port": 5432,
      "network.type": "ipv4",
      "server.address": "db.internal",
      "server.port": 5432,
    });
  });
  it("otelAttributes() of a reset from ::1 with no host name uses the address as the server", () => {
    expect(otelAttributes(fromErrno("ECONNRESET", { address: "::1", port: 80 }))).toEqual({
      "error.type": "ConnectionResetError",
      "network.peer.address": "::1",
      "network.peer.port": 80,
      "network.type": "ipv6",
      "server.address": "::1",
      "server.port": 80,
    });
  });
  it("otelAttributes() of a failure on a Unix socket says network.transport unix", () => {
    expect(otelAttributes(fromErrno("ENOENT", { path: "/tmp/x.sock" }))).toEqual({ "error.type": "FileNotFoundError", "network.transport": "unix" });
  });
  it("otelAttributes() of anything that is not a neterr error is error.type _OTHER, and never throws", () => {
    for (const value of [new TypeError("x"), refused(), null, undefined, "x", new Proxy({}, { get: () => { throw new Error("trap"); } })]) {
      expect(otelAttributes(value)).toEqual({ "error.type": "_OTHER" });
    }
  });
  it.each(["ECONNREFUSED", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EACCES", "EINVAL", "ENOTCONN", 111, -4078])(
    "otelAttributes() of fromErrno(%s) gives the class name as error.type (one of 23: low cardinality)",
    (id) => {
      const error = fromErrno(id);
      expect(otelAttributes(error)["error.type"]).toBe(kindOf(error));
    },
  );
});
