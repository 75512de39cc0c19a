/**
 * Table tests of the HTTP clients' rows (axios 1.21.1, got 16.1.0, and the npm undici 7.30.2),
 * on error objects built here the way the clients build theirs, as the live runs showed them
 * (conformance/src/scenarios/clients/http.ts): axios's `AxiosError.from()` copies the socket
 * error's code and name and keeps it as a non-enumerable `cause`; got's `RequestError` subclasses
 * keep it as `cause`, with the same code.
 */
import { describe, expect, it } from "vitest";
import { kindOf, type OSError } from "../src/index.ts";
import { CORE_DIALECTS, createAdapter } from "../src/adapter.ts";

const adapter = createAdapter({ runtime: "test", dialects: CORE_DIALECTS });
type Mapped = OSError & { timeout?: string };
const map = (error: unknown): Mapped => adapter.normalize(error) as Mapped;

/** A Node socket error, as node:net and node:dns build it. */
const socketError = (message: string, fields: Record<string, unknown>): Error => Object.assign(new Error(message), fields);

// ---- axios ------------------------------------------------------------------------------------

/** axios's own error class (its name is set in the constructor; `from()` overwrites it). */
class AxiosError extends Error {
  constructor(message: string, code?: string) {
    super(message);
    this.name = "AxiosError";
    if (code) (this as { code?: string }).code = code;
  }
  /** As axios 1.21.1's AxiosError.from(): the wrapped error's code and name, the error as a non-enumerable cause. */
  static from(error: Error & { code?: string }): AxiosError {
    const wrapper = new AxiosError(error.message, error.code);
    Object.defineProperty(wrapper, "cause", { value: error, writable: true, enumerable: false, configurable: true });
    wrapper.name = error.name;
    return wrapper;
  }
}
class CanceledError extends AxiosError {
  constructor() {
    super("canceled", "ERR_CANCELED");
    this.name = "CanceledError";
  }
}

describe("axios", () => {
  it("a refused connect: the socket error's fields, the AxiosError as cause", () => {
    const socket = socketError("connect ECONNREFUSED 127.0.0.1:8080", { errno: -111, code: "ECONNREFUSED", syscall: "connect", address: "127.0.0.1", port: 8080 });
    const native = AxiosError.from(socket);
    expect(native.name).toBe("Error");
    const error = map(native);
    expect(kindOf(error)).toBe("ConnectionRefusedError");
    expect(error.cause).toBe(native);
    expect([error.code, error.errno, error.syscall, error.address, error.port, error.phase, error.requestSent]).toEqual(["ECONNREFUSED", 111, "connect", "127.0.0.1", 8080, "connect", false]);
  });

  it("a RST: read ECONNRESET, sent", () => {
    const error = map(AxiosError.from(socketError("read ECONNRESET", { errno: -104, code: "ECONNRESET", syscall: "read" })));
    expect(kindOf(error)).toBe("ConnectionResetError");
    expect([error.syscall, error.phase, error.requestSent]).toEqual(["read", "receive", true]);
  });

  it("a FIN before the response: socket hang up, sent", () => {
    const error = map(AxiosError.from(socketError("socket hang up", { code: "ECONNRESET" })));
    expect(kindOf(error)).toBe("ConnectionResetError");
    expect([error.phase, error.requestSent]).toEqual(["receive", true]);
  });

  it("a name that does not resolve keeps the hostname (Node's Error and Bun 1.4's DNSException alike)", () => {
    for (const name of ["Error", "DNSException"]) {
      const socket = Object.assign(socketError("getaddrinfo ENOTFOUND nx.neterr.test", { errno: -3008, code: "ENOTFOUND", syscall: "getaddrinfo", hostname: "nx.neterr.test" }), { name });
      const error = map(AxiosError.from(socket));
      expect(kindOf(error)).toBe("NameResolutionError");
      expect([error.code, error.syscall, error.hostname, error.phase, error.requestSent]).toEqual(["ENOTFOUND", "getaddrinfo", "nx.neterr.test", "resolve", false]);
    }
  });

  it("localhost with both addresses refused: the AggregateError's errors, under a wrapper named AggregateError", () => {
    const inner = [
      socketError("connect ECONNREFUSED ::1:8080", { errno: -111, code: "ECONNREFUSED", syscall: "connect", address: "::1", port: 8080 }),
      socketError("connect ECONNREFUSED 127.0.0.1:8080", { errno: -111, code: "ECONNREFUSED", syscall: "connect", address: "127.0.0.1", port: 8080 }),
    ];
    const aggregate = Object.assign(new AggregateError(inner, ""), { code: "ECONNREFUSED" });
    const native = AxiosError.from(aggregate);
    expect(native.name).toBe("AggregateError");
    const error = map(native);
    expect(kindOf(error)).toBe("ConnectionRefusedError");
    expect(error.errors).toHaveLength(2);
    expect([error.port, error.phase, error.requestSent]).toEqual([8080, "connect", false]);
    expect(error.cause).toBe(native);
  });

  it("its own timeout (ECONNABORTED, or ETIMEDOUT with clarifyTimeoutError) is a TimeoutError, not an aborted connection", () => {
    for (const code of ["ECONNABORTED", "ETIMEDOUT"]) {
      const native = new AxiosError("timeout of 300ms exceeded", code);
      const error = map(native);
      expect(kindOf(error)).toBe("TimeoutError");
      expect([error.code, error.errno, error.timeout, error.phase, error.requestSent]).toEqual(["ETIMEDOUT", 110, "deadline", undefined, undefined]);
      expect(error.cause).toBe(native);
    }
  });

  it("a socket's own ECONNABORTED, wrapped by AxiosError.from(), stays an aborted connection", () => {
    const error = map(AxiosError.from(socketError("read ECONNABORTED", { errno: -103, code: "ECONNABORTED", syscall: "read" })));
    expect(kindOf(error)).toBe("ConnectionAbortedError");
  });

  it("a body cut short: `stream has been aborted` is a ConnectionError while receiving", () => {
    const error = map(new AxiosError("stream has been aborted", "ERR_BAD_RESPONSE"));
    expect(kindOf(error)).toBe("ConnectionError");
    expect([error.code, error.phase, error.requestSent]).toEqual(["ERR_BAD_RESPONSE", "receive", true]);
  });

  it("a CanceledError (a user's abort, or a timeout signal: axios says the same) is left unchanged", () => {
    const native = new CanceledError();
    expect(map(native)).toBe(native);
  });

  it("an HTTP status error is left unchanged", () => {
    const native = new AxiosError("Request failed with status code 500", "ERR_BAD_RESPONSE");
    expect(map(native)).toBe(native);
  });
});

// ---- got --------------------------------------------------------------------------------------

/** got's RequestError: its name and code as class fields, the wrapped error's code, the error as cause. */
class RequestError extends Error {
  override name = "RequestError";
  code = "ERR_GOT_REQUEST_ERROR";
  constructor(message: string, cause: object) {
    super(message, { cause });
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") this.code = code;
  }
}
class TimeoutError extends RequestError {
  override name = "TimeoutError";
  override code = "ETIMEDOUT";
  constructor(
    cause: object & { message: string },
    readonly event: string,
  ) {
    super(cause.message, cause);
  }
}
class ReadError extends RequestError {
  override name = "ReadError";
  override code = "ERR_READING_RESPONSE_STREAM";
  constructor(cause: { message: string; code?: string }) {
    super(cause.message, cause);
    if (cause.code === "ECONNRESET" || cause.code === "ERR_HTTP_CONTENT_LENGTH_MISMATCH") this.code = cause.code;
  }
}
class AbortError extends RequestError {
  override name = "AbortError";
  override code = "ERR_ABORTED";
}
/** got's own clock (source/core/timed-out.js). */
const gotClock = (event: string, ms: number): Error =>
  Object.assign(new Error(`Timeout awaiting '${event}' for ${ms}ms`), { name: "TimeoutError", code: "ETIMEDOUT", event });

describe("got", () => {
  it("a refused connect: the socket error's fields, the RequestError as cause", () => {
    const socket = socketError("connect ECONNREFUSED 127.0.0.1:8080", { errno: -111, code: "ECONNREFUSED", syscall: "connect", address: "127.0.0.1", port: 8080 });
    const native = new RequestError(socket.message, socket);
    const error = map(native);
    expect(kindOf(error)).toBe("ConnectionRefusedError");
    expect(error.cause).toBe(native);
    expect([error.syscall, error.address, error.port, error.phase, error.requestSent]).toEqual(["connect", "127.0.0.1", 8080, "connect", false]);
  });

  it("a name that does not resolve keeps the hostname", () => {
    const socket = socketError("getaddrinfo EAI_AGAIN nx.neterr.test", { errno: -3001, code: "EAI_AGAIN", syscall: "getaddrinfo", hostname: "nx.neterr.test" });
    const error = map(new RequestError(socket.message, socket));
    expect(kindOf(error)).toBe("NameResolutionError");
    expect([error.code, error.hostname, error.phase]).toEqual(["EAI_AGAIN", "nx.neterr.test", "resolve"]);
  });

  // event | phase | clock | sent
  const CLOCKS: readonly (readonly [string, string | undefined, string | undefined, boolean | undefined])[] = [
    ["lookup", "resolve", "resolve", false],
    ["connect", "connect", "connect", false],
    ["secureConnect", "tls", "tls", false],
    ["response", "receive", "response", true],
    ["read", "receive", "idle", true],
    ["socket", undefined, "idle", undefined],
    ["request", undefined, "deadline", undefined],
  ];
  it.each(CLOCKS)("its %s clock: a TimeoutError whose text says where", (event, phase, timeout, sent) => {
    const native = new TimeoutError(gotClock(event, 300), event);
    const error = map(native);
    expect(kindOf(error)).toBe("TimeoutError");
    expect([error.code, error.errno, error.phase, error.timeout, error.requestSent]).toEqual(["ETIMEDOUT", 110, phase, timeout, sent]);
    expect(error.cause).toBe(native);
  });

  it("an AbortSignal.timeout(): the caller's deadline (got's TimeoutError keeps the DOMException)", () => {
    const reason = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    const error = map(new TimeoutError(reason, "request"));
    expect(kindOf(error)).toBe("TimeoutError");
    expect([error.timeout, error.phase, error.requestSent]).toEqual(["deadline", undefined, undefined]);
  });

  it("a user's abort is left unchanged", () => {
    const native = new AbortError("This operation was aborted.", new DOMException("This operation was aborted", "AbortError"));
    expect(map(native)).toBe(native);
  });

  it("a body cut short (Content-Length mismatch, FIN or RST alike) is a ConnectionError while receiving", () => {
    const native = new ReadError({ message: "Content-Length mismatch: expected 100 bytes, received 10 bytes", code: "ERR_HTTP_CONTENT_LENGTH_MISMATCH" });
    const error = map(native);
    expect(kindOf(error)).toBe("ConnectionError");
    expect([error.code, error.phase, error.requestSent]).toEqual(["ERR_HTTP_CONTENT_LENGTH_MISMATCH", "receive", true]);
  });

  it("a body cut short where the runtime says abort (Bun 1.1): got's own ECONNRESET, while receiving", () => {
    const native = new ReadError({ message: "The server aborted pending request", code: "ECONNRESET" });
    const error = map(native);
    expect(kindOf(error)).toBe("ConnectionResetError");
    expect([error.phase, error.requestSent]).toEqual(["receive", true]);
  });

  it("Node's ERR_HTTP_CONTENT_LENGTH_MISMATCH (a request body longer than its header) is no network failure", () => {
    const native = Object.assign(new Error("Response body's content-length of 5 byte(s) does not match the content-length of 3 byte(s)"), { code: "ERR_HTTP_CONTENT_LENGTH_MISMATCH" });
    expect(map(native)).toBe(native);
  });
});

// ---- undici (npm) -------------------------------------------------------------------------------

describe("undici (npm 7.30.2)", () => {
  it("UND_ERR_BODY_TIMEOUT: the wait between body chunks", () => {
    const error = map(Object.assign(new Error("Body Timeout Error"), { name: "BodyTimeoutError", code: "UND_ERR_BODY_TIMEOUT" }));
    expect(kindOf(error)).toBe("TimeoutError");
    expect([error.timeout, error.phase, error.requestSent]).toEqual(["idle", "receive", true]);
  });

  it("a FIN before the response: SocketError UND_ERR_SOCKET, with the peer from its socket", () => {
    const native = Object.assign(new Error("other side closed"), { name: "SocketError", code: "UND_ERR_SOCKET", socket: { remoteAddress: "127.0.0.1", remotePort: 8080 } });
    const error = map(native);
    expect(kindOf(error)).toBe("ConnectionResetError");
    expect([error.address, error.port, error.phase, error.requestSent]).toEqual(["127.0.0.1", 8080, "receive", true]);
  });
});
