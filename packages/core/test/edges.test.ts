/**
 * Edge shapes found by reading the mapper against its previous version, each pinned here. Every
 * expectation is written by hand from what the shape is.
 */
import { describe, expect, it } from "vitest";
import { isOSError, kindOf, normalize, type OSError } from "@neterr/core";
import { createAdapter } from "@neterr/core/adapter";

const err = (message: string, fields: Record<string, unknown> = {}): Error => Object.assign(new Error(message), fields);
const named = (name: string, message: string, fields: Record<string, unknown> = {}): Error => Object.assign(new Error(message), { name, ...fields });
const refused = (): Error => err("connect ECONNREFUSED 127.0.0.1:1", { code: "ECONNREFUSED", syscall: "connect" });

describe("messages", () => {
  it("normalize() of an error event whose text repeats its error's says it once (Deno 2.0's WebSocket)", () => {
    const inner = err("failed to connect to WebSocket: Connection reset by peer (os error 104)");
    const event = { type: "error", message: "NetworkError: failed to connect to WebSocket: Connection reset by peer (os error 104)", error: inner };
    const mapped = normalize(event) as OSError;
    expect(kindOf(mapped)).toBe("ConnectionResetError");
    expect(mapped.message).toBe(event.message);
    expect(mapped.cause).toBe(event);
  });
  it("normalize() of a wrapper and its cause with different texts joins them: wrapper, then cause", () => {
    const mapped = normalize(new TypeError("fetch failed", { cause: refused() })) as OSError;
    expect(mapped.message).toBe("fetch failed: connect ECONNREFUSED 127.0.0.1:1");
  });
});

describe("aggregates", () => {
  it("normalize() of an AggregateError of a refusal and a timeout, with Node's copied first code, claims no errno", () => {
    const timedOut = err("connect ETIMEDOUT ::1:1", { code: "ETIMEDOUT", syscall: "connect" });
    const aggregate = Object.assign(new AggregateError([refused(), timedOut], ""), { code: "ECONNREFUSED" });
    const mapped = normalize(aggregate) as OSError;
    expect(kindOf(mapped)).toBe("OSError");
    expect(mapped.code).toBe("ECONNREFUSED"); // the aggregate's own field, kept
    expect(mapped.errno).toBeUndefined();
    expect(mapped.strerror).toBeUndefined();
    expect(mapped.errors?.map(kindOf)).toEqual(["ConnectionRefusedError", "TimeoutError"]);
  });
  it("normalize() maps a shared inner aggregate first met past the depth limit, where it is met again near the top", () => {
    // X: two refusals. A1..A7: aggregates nested 7 deep around X, each with Node's copied code.
    const X = new AggregateError([refused(), refused()], "");
    let a: Error = Object.assign(new AggregateError([X], ""), { code: "ECONNREFUSED" });
    for (let i = 0; i < 6; i++) a = Object.assign(new AggregateError([a], ""), { code: "ECONNREFUSED" });
    // Walking A1 first meets X at the depth limit, where it cannot be read; then X again at level 1.
    const top = new AggregateError([a, X], "");
    const mapped = normalize(top) as OSError;
    expect(kindOf(mapped)).toBe("ConnectionRefusedError");
    expect(mapped.errors).toHaveLength(2);
    expect((mapped.errors?.[1] as OSError).errors).toHaveLength(2);
  });
});

describe("class names", () => {
  it("normalize() of an error named like Deno's InvalidData that carries ECONNRESET maps by the code", () => {
    expect(kindOf(normalize(named("InvalidData", "x", { code: "ECONNRESET" })))).toBe("ConnectionResetError");
  });
  it("normalize() of an error named like Deno's InvalidData with no POSIX code is left unchanged", () => {
    const native = named("InvalidData", "received corrupt message");
    expect(normalize(native)).toBe(native);
  });
  it("normalize() of a NotFound whose message opens with a POSIX code maps by it (Deno.kill: `ESRCH: No such process`)", () => {
    const mapped = normalize(named("NotFound", "ESRCH: No such process")) as OSError;
    expect(kindOf(mapped)).toBe("ProcessLookupError");
    expect(mapped.code).toBe("ESRCH");
    expect(mapped.errno).toBe(3);
  });
  it("normalize() of a NotFound with no evidence (a library's, or a bare Deno one) is left unchanged", () => {
    const native = named("NotFound", "no such user");
    expect(normalize(native)).toBe(native);
  });
  it("normalize() reads a resolver's text before an errno beside it", () => {
    const mapped = normalize(err("dns error: failed to lookup address information: Name or service not known", { errno: -2 })) as OSError;
    expect(kindOf(mapped)).toBe("NameResolutionError");
    expect(mapped.code).toBe("ENOTFOUND");
  });
});

describe("createAdapter({ messages }) with patterns that cannot share one expression", () => {
  it("createAdapter() does not throw on two patterns with the same named group, and both match", () => {
    const make = () =>
      createAdapter({
        messages: [
          { pattern: /^(?<h>a)$/, kind: "ConnectionResetError", why: "test" },
          { pattern: /^(?<h>b)$/, kind: "TimeoutError", why: "test" },
        ],
      });
    expect(make).not.toThrow();
    expect(kindOf(make().normalize(err("a")))).toBe("ConnectionResetError");
    expect(kindOf(make().normalize(err("b")))).toBe("TimeoutError");
  });
  it("createAdapter() keeps a backreference's meaning: /^(x)\\1$/ after /^(a)b$/ matches xx", () => {
    const adapter = createAdapter({
      messages: [
        { pattern: /^(a)b$/, kind: "ConnectionResetError", why: "test" },
        { pattern: /^(x)\1$/, kind: "TimeoutError", why: "test" },
      ],
    });
    expect(kindOf(adapter.normalize(err("xx")))).toBe("TimeoutError");
    expect(kindOf(adapter.normalize(err("ab")))).toBe("ConnectionResetError");
  });
});

describe("brands", () => {
  const BRAND = Symbol.for("@neterr/core/kinds");
  it.each([
    ["a valid chain", ["ConnectionRefusedError", "ConnectionError", "OSError"]],
    ["a shortened chain", ["OSError", "ConnectionRefusedError"]],
  ])("isOSError() is false for an Error with %s set on itself (a brand lives on a class's prototype)", (_what, chain) => {
    const forged = Object.assign(new Error("x"), { [BRAND]: chain });
    expect(isOSError(forged)).toBe(false);
    expect(normalize(forged)).toBe(forged);
  });
});
