/**
 * Table tests of the Redis clients' rows (ioredis 6.0.0, node-redis 6.3.1): error objects built
 * here, shaped as the live client suite saw them (conformance/src/scenarios/clients/ioredis.ts and
 * redis.ts), mapped by an adapter with the runtimes' and every client's vocabulary, as
 * `@neterr/node` is.
 */
import { describe, expect, it } from "vitest";
import { kindOf, type OSError } from "../src/index.ts";
import { CLIENT_DIALECTS, createAdapter, NODE_DIALECT, WEB_DIALECT } from "../src/adapter.ts";

const adapter = createAdapter({ runtime: "node", platform: "linux", dialects: [WEB_DIALECT, NODE_DIALECT, ...CLIENT_DIALECTS] });
type Mapped = OSError & { timeout?: string };

/** Node's SystemError, as node:net builds it. */
const system = (message: string, fields: Record<string, unknown>): Error => Object.assign(new Error(message), fields);

// node-redis's classes keep `name: "Error"`: only their constructor says which they are.
class SocketClosedUnexpectedlyError extends Error {
  constructor() {
    super("Socket closed unexpectedly");
  }
}
class ConnectionTimeoutError extends Error {
  constructor() {
    super("Connection timeout");
  }
}
class SocketTimeoutError extends Error {
  constructor(timeout: number) {
    super(`Socket timeout timeout. Expecting data, but didn't receive any in ${timeout}ms.`);
  }
}
class ClientClosedError extends Error {
  constructor() {
    super("The client is closed");
  }
}
class ClientOfflineError extends Error {
  constructor() {
    super("The client is offline");
  }
}
class AbortError extends Error {
  constructor() {
    super("The command was aborted");
  }
}
class ReconnectStrategyError extends Error {
  constructor(
    readonly originalError: Error,
    readonly socketError: unknown,
  ) {
    super(originalError.message);
  }
}
// ioredis's MaxRetriesPerRequestError names itself (a `name` getter returning the constructor's name).
class MaxRetriesPerRequestError extends Error {
  constructor(n: number) {
    super(`Reached the max retries per request limit (which is ${n}). Refer to "maxRetriesPerRequest" option for details.`);
  }
  override get name(): string {
    return this.constructor.name;
  }
}

interface Row {
  readonly what: string;
  readonly native: () => Error;
  readonly kind: string | "unchanged";
  readonly phase?: string;
  readonly requestSent?: boolean;
  readonly timeout?: string;
  readonly code?: string;
  readonly fields?: Record<string, unknown>;
}

const ROWS: readonly Row[] = [
  // ---- ioredis 6.0.0 ------------------------------------------------------------------------------
  { what: "ioredis: Connection is closed. (every lost connection)", native: () => new Error("Connection is closed."), kind: "ConnectionError" },
  { what: "ioredis: MaxRetriesPerRequestError", native: () => new MaxRetriesPerRequestError(0), kind: "ConnectionError" },
  { what: "ioredis: commandTimeout", native: () => new Error("Command timed out"), kind: "TimeoutError", timeout: "deadline" },
  {
    what: "ioredis: socketTimeout ('error' event)",
    native: () => new Error("Socket timeout. Expecting data, but didn't receive any in 400ms."),
    kind: "TimeoutError",
    timeout: "idle",
    phase: "receive",
    requestSent: true,
  },
  {
    what: "ioredis: enableOfflineQueue: false",
    native: () => new Error("Stream isn't writeable and enableOfflineQueue options is false"),
    kind: "NotConnectedError",
    requestSent: false,
  },
  {
    what: "ioredis: its connect timer ('error' event)",
    native: () => Object.assign(new Error("connect ETIMEDOUT"), { errorno: "ETIMEDOUT", code: "ETIMEDOUT", syscall: "connect" }),
    kind: "TimeoutError",
    code: "ETIMEDOUT",
    timeout: "connect",
    phase: "connect",
    requestSent: false,
  },
  {
    what: "ioredis: the socket's ECONNRESET ('error' event)",
    native: () => system("read ECONNRESET", { errno: -104, code: "ECONNRESET", syscall: "read" }),
    kind: "ConnectionResetError",
    code: "ECONNRESET",
    phase: "receive",
    requestSent: true,
  },
  // ---- node-redis 6.3.1 ---------------------------------------------------------------------------
  { what: "node-redis: SocketClosedUnexpectedlyError", native: () => new SocketClosedUnexpectedlyError(), kind: "ConnectionError" },
  {
    what: "node-redis: ConnectionTimeoutError",
    native: () => new ConnectionTimeoutError(),
    kind: "TimeoutError",
    timeout: "connect",
    phase: "connect",
    requestSent: false,
  },
  { what: "node-redis: SocketTimeoutError", native: () => new SocketTimeoutError(400), kind: "TimeoutError", timeout: "idle" },
  { what: "node-redis: ClientClosedError", native: () => new ClientClosedError(), kind: "NotConnectedError", requestSent: false },
  { what: "node-redis: ClientOfflineError", native: () => new ClientOfflineError(), kind: "NotConnectedError", requestSent: false },
  // The user's abort, and an AbortSignal.timeout(): node-redis drops the signal's reason.
  { what: "node-redis: AbortError (withAbortSignal)", native: () => new AbortError(), kind: "unchanged" },
  {
    what: "node-redis: ReconnectStrategyError keeps the socket's ECONNREFUSED",
    native: () =>
      new ReconnectStrategyError(
        new Error("stop"),
        system("connect ECONNREFUSED 127.0.0.1:6390", { errno: -111, code: "ECONNREFUSED", syscall: "connect", address: "127.0.0.1", port: 6390 }),
      ),
    kind: "ConnectionRefusedError",
    code: "ECONNREFUSED",
    phase: "connect",
    requestSent: false,
    fields: { address: "127.0.0.1", port: 6390, syscall: "connect", errno: 111 },
  },
  {
    what: "node-redis: the socket's own ENOTFOUND",
    native: () => system("getaddrinfo ENOTFOUND nxdomain.neterr.test", { errno: -3008, code: "ENOTFOUND", syscall: "getaddrinfo", hostname: "nxdomain.neterr.test" }),
    kind: "NameResolutionError",
    code: "ENOTFOUND",
    phase: "resolve",
    requestSent: false,
    fields: { hostname: "nxdomain.neterr.test" },
  },
];

describe("the Redis clients' rows", () => {
  describe.each(ROWS)("$what", (row) => {
    if (row.kind === "unchanged") {
      it("is left unchanged (the input itself)", () => {
        const native = row.native();
        expect(adapter.normalize(native)).toBe(native);
        expect(adapter.toOSError(native)).toBeUndefined();
      });
      return;
    }
    it(`maps to ${row.kind}, the client's error as cause, its text kept`, () => {
      const native = row.native();
      const error = adapter.normalize(native) as Mapped;
      expect(kindOf(error)).toBe(row.kind);
      expect(error.cause).toBe(native);
      expect(error.message).toContain(native.message);
      expect(error.runtime).toBe("node");
    });
    it(`says phase ${row.phase}, requestSent ${row.requestSent}, timeout ${row.timeout}, code ${row.code}`, () => {
      const error = adapter.normalize(row.native()) as Mapped;
      expect(error.phase).toBe(row.phase);
      expect(error.requestSent).toBe(row.requestSent);
      expect(error.timeout).toBe(row.timeout);
      expect(error.code).toBe(row.code);
      for (const [field, value] of Object.entries(row.fields ?? {})) expect((error as unknown as Record<string, unknown>)[field]).toBe(value);
    });
  });
});

describe("the rows say no more than the clients do", () => {
  it("another library's Error with the same text as node-redis's class is not read by class", () => {
    // A plain Error that says "Connection timeout" is not node-redis's ConnectionTimeoutError.
    expect(adapter.normalize(new Error("Connection timeout"))).toBeInstanceOf(Error);
    expect(adapter.toOSError(new Error("Connection timeout"))).toBeUndefined();
  });
  it("ioredis's texts are whole messages: a longer text is not theirs", () => {
    expect(adapter.toOSError(new Error("Connection is closed. Reopening"))).toBeUndefined();
    expect(adapter.toOSError(new Error("Command timed out after retries"))).toBeUndefined();
  });
  it("ioredis's texts on an error of another class are not theirs", () => {
    const typeError = new TypeError("Connection is closed.");
    expect(adapter.toOSError(typeError)).toBeUndefined();
  });
  it("a ReconnectStrategyError without a socket error is left unchanged", () => {
    const native = new ReconnectStrategyError(new Error("stop"), undefined);
    expect(adapter.normalize(native)).toBe(native);
  });
  it("node-redis's own TimeoutError (name \"Error\", no message) is a TimeoutError, known by its constructor alone: nothing sent", () => {
    class TimeoutError extends Error {}
    const native = new TimeoutError();
    expect(native.name).toBe("Error");
    const mapped = adapter.normalize(native) as OSError & { timeout?: string };
    expect([kindOf(mapped), mapped.timeout, mapped.requestSent, mapped.phase, mapped.cause === native]).toEqual(["TimeoutError", "deadline", false, undefined, true]);
  });
  it("an error that names itself TimeoutError is not read as node-redis's (the web's DOMException keeps its own meaning)", () => {
    const web = Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" });
    const mapped = adapter.normalize(web) as OSError & { timeout?: string };
    expect([kindOf(mapped), mapped.timeout, mapped.requestSent]).toEqual(["TimeoutError", "deadline", undefined]);
  });
});
