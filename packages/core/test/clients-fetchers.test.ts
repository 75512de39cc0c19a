/**
 * Table tests of the fetch-style clients: ky 2.1.0, ofetch 1.5.1 (both wrap the runtime's fetch)
 * and node-fetch 3.3.2 (node:http underneath). Each error object is shaped as the live runs of
 * conformance/src/scenarios/clients/fetchers.ts showed it (its class, name, message, code and
 * cause chain), built here by hand; the live suite checks the clients themselves.
 */
import { describe, expect, it } from "vitest";
import { kindOf, normalize, type OSError } from "@neterr/core";

type Mapped = OSError & { timeout?: string };

/** Node's SystemError, as undici keeps it under fetch's TypeError. */
const systemError = (message: string, fields: Record<string, unknown>): Error => Object.assign(new Error(message), fields);

/** fetch's TypeError("fetch failed") as Node 20 throws it, with the socket error as its cause. */
const nodeFetchFailed = (cause: unknown): TypeError => new TypeError("fetch failed", { cause });

// ---- ky 2.1.0 ------------------------------------------------------------------------------

/** ky's KyError subclasses set `name` as a class field; NetworkError keeps the fetch error as cause. */
class KyError extends Error {
  override name = "KyError";
}
class NetworkError extends KyError {
  override name = "NetworkError";
  constructor(url: string, options?: { cause?: unknown }) {
    super(`Request failed due to a network error: GET ${url}`, options);
  }
}
class KyTimeoutError extends KyError {
  override name = "TimeoutError";
  constructor(url: string) {
    super(`Request timed out: GET ${url}`);
  }
}
class HTTPError extends KyError {
  override name = "HTTPError";
  constructor(url: string) {
    super(`Request failed with status code 404 Not Found: GET ${url}`);
  }
}

describe("ky 2.1.0", () => {
  it("NetworkError over Node's fetch (refused): the socket's fields are kept, the cause is ky's error", () => {
    const native = new NetworkError("http://127.0.0.1:4000/", {
      cause: nodeFetchFailed(systemError("connect ECONNREFUSED 127.0.0.1:4000", { errno: -111, code: "ECONNREFUSED", syscall: "connect", address: "127.0.0.1", port: 4000 })),
    });
    const error = normalize(native) as Mapped;
    expect(kindOf(error)).toBe("ConnectionRefusedError");
    expect(error.cause).toBe(native);
    expect([error.code, error.errno, error.syscall, error.address, error.port]).toEqual(["ECONNREFUSED", 111, "connect", "127.0.0.1", 4000]);
    expect([error.phase, error.requestSent]).toEqual(["connect", false]);
  });
  it("NetworkError over Deno 2.9's fetch (refused): the errno in the text of the cause's cause", () => {
    const native = new NetworkError("http://127.0.0.1:4000/", {
      cause: new TypeError("fetch failed", {
        cause: new Error("error sending request for url (http://127.0.0.1:4000/): client error (Connect): tcp connect error: Connection refused (os error 111)"),
      }),
    });
    const error = normalize(native) as Mapped;
    expect(kindOf(error)).toBe("ConnectionRefusedError");
    expect([error.code, error.errno, error.phase, error.requestSent]).toEqual(["ECONNREFUSED", 111, "connect", false]);
    expect(error.cause).toBe(native);
  });
  it("NetworkError over Node's fetch (RST before the answer): a reset while receiving", () => {
    const native = new NetworkError("http://127.0.0.1:4000/", { cause: nodeFetchFailed(systemError("read ECONNRESET", { errno: -104, code: "ECONNRESET", syscall: "read" })) });
    const error = normalize(native) as Mapped;
    expect(kindOf(error)).toBe("ConnectionResetError");
    expect([error.phase, error.requestSent]).toEqual(["receive", true]);
  });
  it("Bun 1.1's fetch error, which ky does not wrap: ConnectionRefused, the URL in path", () => {
    const native = Object.assign(new Error("Unable to connect. Is the computer able to access the url?"), { code: "ConnectionRefused", errno: 0, path: "http://127.0.0.1:4000/" });
    const error = normalize(native) as Mapped;
    expect(kindOf(error)).toBe("ConnectionRefusedError");
    expect([error.code, error.address, error.port]).toEqual(["ECONNREFUSED", "127.0.0.1", 4000]);
  });
  it("TimeoutError (its timeout option): the client's clock on the whole attempt, no word of where", () => {
    const native = new KyTimeoutError("http://127.0.0.1:4000/");
    const error = normalize(native) as Mapped;
    expect(kindOf(error)).toBe("TimeoutError");
    expect(error.timeout).toBe("deadline");
    expect([error.phase, error.requestSent]).toEqual([undefined, undefined]);
    expect(error.cause).toBe(native);
  });
  it("HTTPError (a 404) is no network failure: unchanged", () => {
    const native = new HTTPError("http://127.0.0.1:4000/");
    expect(normalize(native)).toBe(native);
  });
  it("a user's abort (the signal's AbortError, thrown as is): unchanged", () => {
    const native = new DOMException("This operation was aborted", "AbortError");
    expect(normalize(native)).toBe(native);
  });
});

// ---- ofetch 1.5.1 --------------------------------------------------------------------------

/** ofetch's FetchError: name set in the constructor, the fetch error as cause (if any). */
class OfetchError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FetchError";
  }
}
const ofetchMessage = (inner: string): string => `[GET] "http://127.0.0.1:4000/": <no response> ${inner}`;

describe("ofetch 1.5.1", () => {
  it("FetchError over Node's fetch (refused): the socket's fields are kept", () => {
    const native = new OfetchError(ofetchMessage("fetch failed"), {
      cause: nodeFetchFailed(systemError("connect ECONNREFUSED 127.0.0.1:4000", { errno: -111, code: "ECONNREFUSED", syscall: "connect", address: "127.0.0.1", port: 4000 })),
    });
    const error = normalize(native) as Mapped;
    expect(kindOf(error)).toBe("ConnectionRefusedError");
    expect([error.syscall, error.address, error.port, error.phase, error.requestSent]).toEqual(["connect", "127.0.0.1", 4000, "connect", false]);
    expect(error.cause).toBe(native);
  });
  it("FetchError over Node's fetch (FIN before the answer): undici's UND_ERR_SOCKET, while receiving", () => {
    const socketError = Object.assign(new Error("other side closed"), { name: "SocketError", code: "UND_ERR_SOCKET" });
    const native = new OfetchError(ofetchMessage("fetch failed"), { cause: nodeFetchFailed(socketError) });
    const error = normalize(native) as Mapped;
    expect(kindOf(error)).toBe("ConnectionResetError");
    expect([error.phase, error.requestSent]).toEqual(["receive", true]);
  });
  it("its timeout option: the fetch rejects with ofetch's Error named TimeoutError (code 23, a number)", () => {
    const reason = Object.assign(new Error("[TimeoutError]: The operation was aborted due to timeout"), { name: "TimeoutError", code: 23 });
    const native = new OfetchError(ofetchMessage(reason.message), { cause: reason });
    const error = normalize(native) as Mapped;
    expect(kindOf(error)).toBe("TimeoutError");
    expect(error.timeout).toBe("deadline");
    expect([error.phase, error.requestSent]).toEqual([undefined, undefined]);
    expect(error.cause).toBe(native);
  });
  it("AbortSignal.timeout(): the signal's TimeoutError as the cause", () => {
    const native = new OfetchError(ofetchMessage("The operation was aborted due to timeout"), { cause: new DOMException("The operation was aborted due to timeout", "TimeoutError") });
    expect((normalize(native) as Mapped).timeout).toBe("deadline");
  });
  it("a user's abort (the AbortError as its cause): unchanged", () => {
    const native = new OfetchError(ofetchMessage("This operation was aborted"), { cause: new DOMException("This operation was aborted", "AbortError") });
    expect(normalize(native)).toBe(native);
  });
  it("a 404 (no cause): unchanged", () => {
    const native = new OfetchError(`[GET] "http://127.0.0.1:4000/": 404 Not Found`);
    expect(normalize(native)).toBe(native);
  });
});

// ---- node-fetch 3.3.2 ----------------------------------------------------------------------

/** node-fetch's FetchBaseError: `name` is a getter of the constructor's name, `type` says what failed. */
class FetchBaseError extends Error {
  type: string;
  constructor(message: string, type: string) {
    super(message);
    this.type = type;
  }
  override get name(): string {
    return this.constructor.name;
  }
}
class FetchError extends FetchBaseError {
  code?: string;
  errno?: string;
  erroredSysCall?: string;
  constructor(message: string, type: string, systemError?: { code: string; syscall?: string }) {
    super(message, type);
    if (systemError) {
      this.code = this.errno = systemError.code;
      this.erroredSysCall = systemError.syscall;
    }
  }
}
class AbortError extends FetchBaseError {
  constructor(message: string) {
    super(message, "aborted");
  }
}

const URL_ = "http://127.0.0.1:4000/";

// message | code | syscall (erroredSysCall) | class | phase | requestSent
const NODE_FETCH: readonly (readonly [string, string, string | undefined, string, string | undefined, boolean | undefined])[] = [
  [`request to ${URL_} failed, reason: connect ECONNREFUSED 127.0.0.1:4000`, "ECONNREFUSED", "connect", "ConnectionRefusedError", "connect", false],
  // RST after the request was read (Node 20, 26; Deno 2.9; Bun 1.4)
  [`request to ${URL_} failed, reason: read ECONNRESET`, "ECONNRESET", "read", "ConnectionResetError", "receive", true],
  // FIN after the request was read: node:http's "socket hang up" (no syscall)
  [`request to ${URL_} failed, reason: socket hang up`, "ECONNRESET", undefined, "ConnectionResetError", "receive", true],
  // the body cut short by a FIN or a RST: node:http's "aborted"
  [`Invalid response body while trying to fetch ${URL_}: aborted`, "ECONNRESET", undefined, "ConnectionResetError", "receive", true],
  // Bun 1.1.45's node:http (its fetch): ConnectionClosed, before or during the answer alike
  [`request to ${URL_} failed, reason: The socket connection was closed unexpectedly. For more information, pass \`verbose: true\` in the second argument to fetch()`, "ConnectionClosed", undefined, "ConnectionResetError", undefined, undefined],
  [`request to http://nx.neterr.test:8080/ failed, reason: getaddrinfo ENOTFOUND nx.neterr.test`, "ENOTFOUND", "getaddrinfo", "NameResolutionError", "resolve", false],
  [`request to http://silent.neterr.test:8080/ failed, reason: getaddrinfo EAI_AGAIN silent.neterr.test`, "EAI_AGAIN", "getaddrinfo", "NameResolutionError", "resolve", false],
];

describe("node-fetch 3.3.2", () => {
  it.each(NODE_FETCH)("FetchError %s -> its class, phase and requestSent", (message, code, syscall, kind, phase, requestSent) => {
    const native = new FetchError(message, "system", { code, syscall });
    expect(native.name).toBe("FetchError");
    const error = normalize(native) as Mapped;
    expect(kindOf(error)).toBe(kind);
    expect(error.cause).toBe(native);
    expect([error.phase, error.requestSent]).toEqual([phase, requestSent]);
  });
  it("the socket error's address and port are lost (not kept by node-fetch): undefined, never guessed from the text", () => {
    const error = normalize(new FetchError(`request to ${URL_} failed, reason: connect ECONNREFUSED 127.0.0.1:4000`, "system", { code: "ECONNREFUSED", syscall: "connect" })) as Mapped;
    expect([error.code, error.errno, error.address, error.port]).toEqual(["ECONNREFUSED", 111, undefined, undefined]);
  });
  it("its text says the phase only after the request was written: a text that says nothing leaves it unknown", () => {
    const error = normalize(new FetchError(`request to ${URL_} failed, reason: something else`, "system", { code: "ECONNRESET" })) as Mapped;
    expect(kindOf(error)).toBe("ConnectionResetError");
    expect([error.phase, error.requestSent]).toEqual([undefined, undefined]);
  });
  it("on Deno 2.1 to 2.6, node:http's Http 'connection error' kept as text with no code: a ConnectionError, where and whether sent unknown", () => {
    const native = new FetchError(`request to ${URL_} failed, reason: connection error`, "system");
    const error = normalize(native) as Mapped;
    expect(kindOf(error)).toBe("ConnectionError");
    expect(error.cause).toBe(native);
    expect([error.code, error.phase, error.requestSent]).toEqual([undefined, undefined, undefined]);
  });
  it("a text that only ends like it (a longer reason) is not read as hyper's connection error", () => {
    const native = new FetchError(`request to ${URL_} failed, reason: tls connection error`, "system");
    expect(normalize(native)).toBe(native);
  });
  it("its AbortError (a user's abort, and AbortSignal.timeout() alike: the reason is dropped): unchanged", () => {
    const native = new AbortError("The operation was aborted.");
    expect(native.name).toBe("AbortError");
    expect(normalize(native)).toBe(native);
  });
  it("a FetchError that is no network failure (max-redirect): unchanged", () => {
    const native = new FetchError(`maximum redirect reached at: ${URL_}`, "max-redirect");
    expect(normalize(native)).toBe(native);
  });
});
