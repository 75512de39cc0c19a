/**
 * `isTransient`: may the same operation succeed if tried again? One row per case, with the reason.
 */
import { describe, expect, it } from "vitest";
import { fromErrno, isTransient, OSError } from "@neterr/core";

const native = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

// [what, the value, expected, why]
const TABLE: readonly (readonly [string, () => unknown, boolean, string])[] = [
  // transient
  ['fromErrno("ECONNREFUSED")', () => fromErrno("ECONNREFUSED"), true, "the server may be restarting"],
  ['fromErrno("ECONNRESET")', () => fromErrno("ECONNRESET"), true, "a new connection is a new chance"],
  ['fromErrno("ECONNABORTED")', () => fromErrno("ECONNABORTED"), true, "the connection was aborted, not refused"],
  ['fromErrno("EPIPE")', () => fromErrno("EPIPE"), true, "the peer closed under our write"],
  ['fromErrno("ETIMEDOUT")', () => fromErrno("ETIMEDOUT"), true, "the next try may be luckier"],
  ['fromErrno("EHOSTUNREACH")', () => fromErrno("EHOSTUNREACH"), true, "routes come back"],
  ['fromErrno("ENETUNREACH")', () => fromErrno("ENETUNREACH"), true, "routes come back"],
  ['fromErrno("ENETDOWN")', () => fromErrno("ENETDOWN"), true, "links come back"],
  ['fromErrno("EAI_AGAIN")', () => fromErrno("EAI_AGAIN"), true, "getaddrinfo says: temporary failure, try again"],
  ['fromErrno("ESERVFAIL")', () => fromErrno("ESERVFAIL"), true, "SERVFAIL is a server problem, not an answer"],
  ['fromErrno("ETIMEOUT")', () => fromErrno("ETIMEOUT"), true, "the DNS server did not answer in time"],
  ['fromErrno("EADDRINUSE", { syscall: "connect" })', () => fromErrno("EADDRINUSE", { syscall: "connect" }), true, "no free ephemeral port: clears as TIME_WAIT ends"],
  ["a resolver ECONNREFUSED (syscall queryA)", () => native("queryA ECONNREFUSED example.com", { code: "ECONNREFUSED", syscall: "queryA" }), true, "the DNS server could not be reached"],
  ["a Node connect ECONNREFUSED SystemError", () => native("connect ECONNREFUSED 127.0.0.1:1", { code: "ECONNREFUSED", errno: -111, syscall: "connect" }), true, "it is mapped first"],
  ["a Node read ECONNRESET SystemError", () => native("read ECONNRESET", { code: "ECONNRESET", errno: -104, syscall: "read" }), true, "it is mapped first"],
  ['new DOMException("x", "TimeoutError")', () => new DOMException("x", "TimeoutError"), true, "AbortSignal.timeout() fired"],
  ["TypeError(\"fetch failed\") caused by ECONNRESET", () => new TypeError("fetch failed", { cause: native("read ECONNRESET", { code: "ECONNRESET" }) }), true, "the cause decides"],
  ["an AggregateError of two ECONNREFUSED", () => new AggregateError([native("a", { code: "ECONNREFUSED" }), native("b", { code: "ECONNREFUSED" })], ""), true, "every address refused"],
  // not transient
  ['fromErrno("ENOTFOUND")', () => fromErrno("ENOTFOUND"), false, "NXDOMAIN is an answer"],
  ['fromErrno("EAI_NONAME")', () => fromErrno("EAI_NONAME"), false, "the name does not exist"],
  ['fromErrno("EREFUSED")', () => fromErrno("EREFUSED"), false, "the DNS server refused this query: policy"],
  ['fromErrno("EACCES") (PermissionError)', () => fromErrno("EACCES"), false, "permissions do not change by retrying"],
  ['fromErrno("EPERM") (PermissionError)', () => fromErrno("EPERM"), false, "permissions do not change by retrying"],
  ['fromErrno("ENOENT") (FileNotFoundError)', () => fromErrno("ENOENT"), false, "a missing Unix socket path stays missing"],
  ['fromErrno("ENOTCONN") (NotConnectedError)', () => fromErrno("ENOTCONN"), false, "a bug: the socket is not connected"],
  ['fromErrno("EWHATEVER") (plain OSError)', () => fromErrno("EWHATEVER"), false, "unknown: do not retry blindly"],
  ['new OSError("x")', () => new OSError("x"), false, "plain OSError"],
  ['fromErrno("EADDRINUSE", { syscall: "listen" })', () => fromErrno("EADDRINUSE", { syscall: "listen" }), false, "someone else holds the address"],
  ['fromErrno("EADDRINUSE", { syscall: "bind" })', () => fromErrno("EADDRINUSE", { syscall: "bind" }), false, "someone else holds the address"],
  ['fromErrno("EADDRINUSE") (no syscall)', () => fromErrno("EADDRINUSE"), false, "without an operation, assume bind"],
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
