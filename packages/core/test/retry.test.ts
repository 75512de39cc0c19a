/**
 * "May I retry this request?": where a failure happened (`phase`), whether the request reached
 * the peer (`requestSent`), which clock ran out (`timeout`), and `isTransient(error, { idempotent })`.
 * One row per shape, each expectation written from what the failure is (a refused connect sends
 * nothing; a reset while reading came after the request was written), never from neterr's output.
 */
import { describe, expect, it } from "vitest";
import { fromErrno, isIdempotent, isTransient, normalize, type OSError, type Phase, type TimeoutKind } from "@neterr/core";
import { CORE_DIALECTS, createAdapter } from "@neterr/core/adapter";

const native = (message: string, fields: Record<string, unknown>): Error => Object.assign(new Error(message), fields);
const fetchFailed = (cause: unknown): TypeError => new TypeError("fetch failed", { cause });

type Row = readonly [what: string, make: () => unknown, phase: Phase | undefined, requestSent: boolean | undefined, timeout: TimeoutKind | undefined];

// [what, the native error, phase, requestSent, timeout (TimeoutError only)]
const TABLE: readonly Row[] = [
  // Node's SystemErrors: the syscall says where.
  ["connect ECONNREFUSED", () => native("connect ECONNREFUSED 127.0.0.1:1", { code: "ECONNREFUSED", errno: -111, syscall: "connect" }), "connect", false, undefined],
  ["ECONNREFUSED with no syscall (only a connect is ever refused)", () => native("refused", { code: "ECONNREFUSED" }), "connect", false, undefined],
  ["getaddrinfo ENOTFOUND", () => native("getaddrinfo ENOTFOUND nowhere.invalid", { code: "ENOTFOUND", errno: -3008, syscall: "getaddrinfo", hostname: "nowhere.invalid" }), "resolve", false, undefined],
  ["queryA ETIMEOUT (node:dns)", () => native("queryA ETIMEOUT nowhere.invalid", { code: "ETIMEOUT", syscall: "queryA" }), "resolve", false, undefined],
  ["connect ETIMEDOUT: the kernel gave up connecting", () => native("connect ETIMEDOUT 127.0.0.1:1", { code: "ETIMEDOUT", errno: -110, syscall: "connect" }), "connect", false, "connect"],
  ["read ETIMEDOUT: the kernel's probes gave up on an open connection", () => native("read ETIMEDOUT", { code: "ETIMEDOUT", errno: -110, syscall: "read" }), "receive", true, "keepalive"],
  ["read ECONNRESET: while waiting for the answer", () => native("read ECONNRESET", { code: "ECONNRESET", errno: -104, syscall: "read" }), "receive", true, undefined],
  ["write EPIPE: part of the request may have arrived", () => native("write EPIPE", { code: "EPIPE", errno: -32, syscall: "write" }), "send", undefined, undefined],
  ["listen EADDRINUSE", () => native("listen EADDRINUSE: address already in use 127.0.0.1:80", { code: "EADDRINUSE", errno: -98, syscall: "listen" }), "listen", false, undefined],
  ["ECONNRESET with no syscall and no telling text: no evidence", () => native("read failed", { code: "ECONNRESET" }), undefined, undefined, undefined],
  ["ETIMEDOUT with no syscall: no evidence of the clock", () => native("timed out", { code: "ETIMEDOUT" }), undefined, undefined, undefined],
  // Node's API codes.
  ["ERR_SOCKET_CONNECTION_TIMEOUT (autoSelectFamily's attempt timeout)", () => native("connection timed out", { code: "ERR_SOCKET_CONNECTION_TIMEOUT" }), "connect", false, "connect"],
  ["ERR_STREAM_WRITE_AFTER_END", () => native("write after end", { code: "ERR_STREAM_WRITE_AFTER_END" }), "send", undefined, undefined],
  // undici (Node's fetch): its three clocks.
  ["fetch failed <- UND_ERR_CONNECT_TIMEOUT", () => fetchFailed(native("Connect Timeout Error", { code: "UND_ERR_CONNECT_TIMEOUT" })), "connect", false, "connect"],
  ["fetch failed <- UND_ERR_HEADERS_TIMEOUT", () => fetchFailed(native("Headers Timeout Error", { code: "UND_ERR_HEADERS_TIMEOUT" })), "receive", true, "response"],
  ["fetch failed <- UND_ERR_BODY_TIMEOUT", () => fetchFailed(native("Body Timeout Error", { code: "UND_ERR_BODY_TIMEOUT" })), "receive", true, "idle"],
  ["fetch failed <- UND_ERR_SOCKET (other side closed)", () => fetchFailed(native("other side closed", { code: "UND_ERR_SOCKET" })), "receive", true, undefined],
  ["fetch failed <- connect ECONNREFUSED", () => fetchFailed(native("connect ECONNREFUSED 127.0.0.1:1", { code: "ECONNREFUSED", syscall: "connect" })), "connect", false, undefined],
  // The web platform: AbortSignal.timeout() is the caller's deadline; where it fired is unknown.
  ["DOMException TimeoutError (AbortSignal.timeout())", () => new DOMException("The operation timed out.", "TimeoutError"), undefined, undefined, "deadline"],
  // Deno's texts.
  ["Deno fetch: client error (Connect): tcp connect error ... (os error 104)", () => new TypeError("error sending request for url (http://127.0.0.1:1/): client error (Connect): tcp connect error: Connection reset by peer (os error 104)"), "connect", false, undefined],
  ["Deno fetch: connection closed before message completed", () => new TypeError("error sending request for url (http://127.0.0.1:1/): connection closed before message completed"), "receive", true, undefined],
  ["Deno body: error reading a body from connection", () => new TypeError("error reading a body from connection"), "receive", true, undefined],
  // Bun's fetch codes.
  ["Bun 1.1 fetch: ConnectionRefused", () => Object.assign(new Error("Unable to connect. Is the computer able to access the url?"), { code: "ConnectionRefused", path: "http://127.0.0.1:1/", errno: 0 }), "connect", false, undefined],
  ["Bun 1.1 fetch: ConnectionClosed (said of a cut TLS handshake too: no phase)", () => Object.assign(new Error("The socket connection was closed unexpectedly."), { code: "ConnectionClosed", path: "http://127.0.0.1:1/", errno: 0 }), undefined, undefined, undefined],
  ["UDP: ECONNREFUSED on recvmsg (the datagram went out; the refusal came back)", () => native("recvmsg ECONNREFUSED", { code: "ECONNREFUSED", syscall: "recvmsg" }), "receive", true, undefined],
  ["node:http socket hang up", () => native("socket hang up", { code: "ECONNRESET" }), "receive", true, undefined],
  ["node:tls: disconnected before the handshake", () => native("Client network socket disconnected before secure TLS connection was established", { code: "ECONNRESET", host: "127.0.0.1", port: 1 }), "tls", false, undefined],
  ["Node fetch (undici) to a plain server: the same, after \"fetch failed\"", () => new TypeError("fetch failed", { cause: native("Client network socket disconnected before secure TLS connection was established", { code: "ECONNRESET", host: "127.0.0.1", port: "1" }) }), "tls", false, undefined],
  ["not the node:tls text: a message that merely ends with it", () => native("Client network socket disconnected before secure TLS connection was established?", { code: "ECONNRESET" }), undefined, undefined, undefined],
  ["Deno fetch https:// to a plain server: tls handshake eof (2.0 on the TypeError)", () => new TypeError("error sending request for url (https://127.0.0.1:1/): client error (Connect): tls handshake eof"), "tls", false, undefined],
  ["Deno fetch https:// to a plain server: tls handshake eof (2.9 on the cause)", () => new TypeError("fetch failed", { cause: new Error("error sending request for url (https://127.0.0.1:1/): client error (Connect): tls handshake eof") }), "tls", false, undefined],
  ["node:net write after the peer's FIN", () => native("This socket has been ended by the other party", { code: "EPIPE" }), "send", undefined, undefined],
  // Aggregates: where every attempt agrees.
  ["an AggregateError of two refused connects", () => new AggregateError([native("a", { code: "ECONNREFUSED", syscall: "connect" }), native("b", { code: "ECONNREFUSED", syscall: "connect" })], ""), "connect", false, undefined],
  ["an AggregateError of a refused connect and a read reset: they disagree", () => new AggregateError([native("a", { code: "ECONNREFUSED", syscall: "connect" }), native("b", { code: "ECONNRESET", syscall: "read" })], ""), undefined, undefined, undefined],
];

describe("phase, requestSent and timeout, from each runtime's evidence", () => {
  it.each(TABLE)("%s", (_what, make, phase, requestSent, timeout) => {
    const error = normalize(make()) as OSError & { timeout?: TimeoutKind };
    expect([error.phase, error.requestSent, error.timeout]).toEqual([phase, requestSent, timeout]);
  });
});

describe("the caller's evidence", () => {
  it("a wrapper's requestSent: false (nothing written) wins over a read's \"sent\"", () => {
    const error = normalize(native("read ECONNRESET", { code: "ECONNRESET", syscall: "read" }), { requestSent: false }) as OSError;
    expect([error.phase, error.requestSent]).toEqual(["receive", false]);
  });
  it("a context whose requestSent getter throws is read as no evidence", () => {
    const context = Object.defineProperty({}, "requestSent", { get: () => { throw new Error("getter"); } });
    const error = createAdapter({ dialects: CORE_DIALECTS }).normalize(native("read ECONNRESET", { code: "ECONNRESET", syscall: "read" }), context) as OSError;
    expect([error.name, error.requestSent]).toEqual(["ConnectionResetError", true]);
  });
  it("a requestSent that is not a boolean is no evidence", () => {
    const error = normalize(native("connection lost", { code: "ECONNRESET" }), { requestSent: "no" as unknown as boolean }) as OSError;
    expect(error.requestSent).toBeUndefined();
  });
});

describe("isTransient(error, { idempotent })", () => {
  const refused = () => native("connect ECONNREFUSED 127.0.0.1:1", { code: "ECONNREFUSED", syscall: "connect" });
  const resetWhileReading = () => native("read ECONNRESET", { code: "ECONNRESET", syscall: "read" });
  const hangUp = () => native("connection lost", { code: "ECONNRESET" });
  const deadline = () => new DOMException("The operation timed out.", "TimeoutError");
  const notFound = () => native("getaddrinfo ENOTFOUND nowhere.invalid", { code: "ENOTFOUND", syscall: "getaddrinfo" });
  // [what, error, without the option, idempotent: true, idempotent: false, why]
  const ROWS = [
    ["a refused connect", refused, true, true, true, "nothing was sent: any method may be sent again"],
    ["a reset while reading the answer", resetWhileReading, true, true, false, "the request was sent and may have been processed"],
    ["a reset with no evidence of where", hangUp, true, true, false, "unknown is treated as sent"],
    ["the caller's deadline", deadline, true, true, false, "where it fired is unknown: treated as sent"],
    ["NXDOMAIN", notFound, false, false, false, "an answer, not weather: no retry helps"],
  ] as const;
  it.each(ROWS)("%s: %s / %s / %s (%s)", (_what, make, plain, idempotent, notIdempotent) => {
    expect([isTransient(make()), isTransient(make(), { idempotent: true }), isTransient(make(), { idempotent: false })]).toEqual([plain, idempotent, notIdempotent]);
  });
  it("fromErrno's own requestSent decides too", () => {
    expect(isTransient(fromErrno("ECONNRESET", { requestSent: false }), { idempotent: false })).toBe(true);
    expect(isTransient(fromErrno("ECONNRESET"), { idempotent: false })).toBe(false);
  });
  it("hostile options do not throw", () => {
    const options = Object.defineProperty({}, "idempotent", { get: () => { throw new Error("getter"); } });
    expect(isTransient(refused(), options)).toBe(false);
  });
});

describe("isIdempotent(method)", () => {
  it.each([
    ["GET", true], ["get", true], ["HEAD", true], ["OPTIONS", true], ["TRACE", true], ["PUT", true], ["DELETE", true],
    ["POST", false], ["PATCH", false], ["CONNECT", false], ["", false], ["BREW", false],
  ] as const)("%s: %s", (method, expected) => {
    expect(isIdempotent(method)).toBe(expected);
  });
  it("anything but a string is not idempotent", () => {
    expect([isIdempotent(undefined), isIdempotent(null), isIdempotent(1), isIdempotent({ toUpperCase: () => "GET" })]).toEqual([false, false, false, false]);
  });
});
