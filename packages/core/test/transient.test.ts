/**
 * `isTransient`: may the same operation succeed if tried again? One row per case, with the reason.
 */
import { describe, expect, it } from "vitest";
import { isTransient, OSError } from "@neterr/core";

const native = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

// [what, the value, expected, why]
const TABLE: readonly (readonly [string, () => unknown, boolean, string])[] = [
  // transient
  ['OSError.from("ECONNREFUSED")', () => OSError.from("ECONNREFUSED"), true, "the server may be restarting"],
  ['OSError.from("ECONNRESET")', () => OSError.from("ECONNRESET"), true, "a new connection is a new chance"],
  ['OSError.from("ECONNABORTED")', () => OSError.from("ECONNABORTED"), true, "the connection was aborted, not refused"],
  ['OSError.from("EPIPE")', () => OSError.from("EPIPE"), true, "the peer closed under our write"],
  ['OSError.from("ETIMEDOUT")', () => OSError.from("ETIMEDOUT"), true, "the next try may be luckier"],
  ['OSError.from("EHOSTUNREACH")', () => OSError.from("EHOSTUNREACH"), true, "routes come back"],
  ['OSError.from("ENETUNREACH")', () => OSError.from("ENETUNREACH"), true, "routes come back"],
  ['OSError.from("ENETDOWN")', () => OSError.from("ENETDOWN"), true, "links come back"],
  ['OSError.from("EAI_AGAIN")', () => OSError.from("EAI_AGAIN"), true, "getaddrinfo says: temporary failure, try again"],
  ['OSError.from("ESERVFAIL")', () => OSError.from("ESERVFAIL"), true, "SERVFAIL is a server problem, not an answer"],
  ['OSError.from("ETIMEOUT")', () => OSError.from("ETIMEOUT"), true, "the DNS server did not answer in time"],
  ['OSError.from("EADDRINUSE", { syscall: "connect" })', () => OSError.from("EADDRINUSE", { syscall: "connect" }), true, "no free ephemeral port: clears as TIME_WAIT ends"],
  ["a resolver ECONNREFUSED (syscall queryA)", () => native("queryA ECONNREFUSED example.com", { code: "ECONNREFUSED", syscall: "queryA" }), true, "the DNS server could not be reached"],
  ["a Node connect ECONNREFUSED SystemError", () => native("connect ECONNREFUSED 127.0.0.1:1", { code: "ECONNREFUSED", errno: -111, syscall: "connect" }), true, "it is mapped first"],
  ["a Node read ECONNRESET SystemError", () => native("read ECONNRESET", { code: "ECONNRESET", errno: -104, syscall: "read" }), true, "it is mapped first"],
  ['new DOMException("x", "TimeoutError")', () => new DOMException("x", "TimeoutError"), true, "AbortSignal.timeout() fired"],
  ["TypeError(\"fetch failed\") caused by ECONNRESET", () => new TypeError("fetch failed", { cause: native("read ECONNRESET", { code: "ECONNRESET" }) }), true, "the cause decides"],
  ["an AggregateError of two ECONNREFUSED", () => new AggregateError([native("a", { code: "ECONNREFUSED" }), native("b", { code: "ECONNREFUSED" })], ""), true, "every address refused"],
  // not transient
  ['OSError.from("ENOTFOUND")', () => OSError.from("ENOTFOUND"), false, "NXDOMAIN is an answer"],
  ['OSError.from("EAI_NONAME")', () => OSError.from("EAI_NONAME"), false, "the name does not exist"],
  ['OSError.from("EREFUSED")', () => OSError.from("EREFUSED"), false, "the DNS server refused this query: policy"],
  ['OSError.from("EACCES") (PermissionError)', () => OSError.from("EACCES"), false, "permissions do not change by retrying"],
  ['OSError.from("EPERM") (PermissionError)', () => OSError.from("EPERM"), false, "permissions do not change by retrying"],
  ['OSError.from("ENOENT") (FileNotFoundError)', () => OSError.from("ENOENT"), false, "a missing Unix socket path stays missing"],
  ['OSError.from("ENOTCONN") (NotConnectedError)', () => OSError.from("ENOTCONN"), false, "a bug: the socket is not connected"],
  ['OSError.from("EWHATEVER") (plain OSError)', () => OSError.from("EWHATEVER"), false, "unknown: do not retry blindly"],
  ['new OSError("x")', () => new OSError("x"), false, "plain OSError"],
  ['OSError.from("EADDRINUSE", { syscall: "listen" })', () => OSError.from("EADDRINUSE", { syscall: "listen" }), false, "someone else holds the address"],
  ['OSError.from("EADDRINUSE", { syscall: "bind" })', () => OSError.from("EADDRINUSE", { syscall: "bind" }), false, "someone else holds the address"],
  ['OSError.from("EADDRINUSE") (no syscall)', () => OSError.from("EADDRINUSE"), false, "without an operation, assume bind"],
  ['new DOMException("aborted", "AbortError")', () => new DOMException("aborted", "AbortError"), false, "the user's own decision"],
  // non-errors
  ["null", () => null, false, "not an error"],
  ["undefined", () => undefined, false, "not an error"],
  ['the string "ECONNRESET"', () => "ECONNRESET", false, "not an error"],
  ["the number 104", () => 104, false, "not an error"],
  ['new Error("boom")', () => new Error("boom"), false, "not an OS failure"],
  ["{}", () => ({}), false, "not an error"],
];

describe("isTransient()", () => {
  it.each(TABLE)("isTransient(%s) is %s: %s", (_what, make, expected) => {
    expect(isTransient(make())).toBe(expected);
  });
});
