/**
 * Table tests of `@neterr/node`'s `normalize()` / `toOSError()`: the native shapes Node, undici
 * and node:dns throw, built by hand field for field (each shape was checked against what Node 20
 * and Node 26 really throw on Linux, e.g. `connect ECONNREFUSED` has own keys
 * `errno, code, syscall, address, port`; undici's SocketError has own `name, code, socket`).
 * One case per row; test names come from the rows.
 */
import { describe, expect, it } from "vitest";
import { ConnectionRefusedError, ConnectionResetError, type ErrorKind, isOSError, kindOf, NameResolutionError, type OSError, TimeoutError, BrokenPipeError, AddressInUseError } from "@neterr/core";
import { ERRNO_TABLE, classOf, NODE_DIALECT } from "@neterr/core/adapter";
import { normalize as adapterNormalize, toOSError } from "@neterr/node";
import { againstCore } from "../../core/test/support/core-alone.ts";

/** Every shape in this file goes through core alone too (no adapter installed): same class, same isTransient. */
const checked = againstCore(adapterNormalize);
const normalize = checked.normalize;

const NODE_CODES = NODE_DIALECT.codes ?? {};

/** The positive errno this host reports for a POSIX name, as Python's `OSError.errno` gives it. */
function hostErrno(code: string): number {
  const row = ERRNO_TABLE.find((r) => r.code === code);
  if (!row) throw new Error(`no errno row for ${code}`);
  const n = process.platform === "win32" ? row.wsa : process.platform === "darwin" ? row.darwin : row.linux;
  if (n === undefined) throw new Error(`no ${process.platform} errno for ${code}`);
  return n;
}

/** A Node SystemError, as libuv-backed `net`, `dns` and `http` build it. */
const systemError = (message: string, fields: Record<string, unknown>): Error =>
  Object.assign(new Error(message), fields);

/** An undici error (`class X extends UndiciError`): own `name`, `code`, and the class's extra fields. */
function undiciError(name: string, message: string, code: string, extra: Record<string, unknown> = {}): Error {
  const e = new Error(message);
  e.name = name;
  return Object.assign(e, { code }, extra);
}

/** A `NodeError` from lib/internal/errors.js: a plain Error (or TypeError...) with an own `code`. */
function nodeError(message: string, code: string, Base: ErrorConstructor = Error): Error {
  return Object.assign(new Base(message), { code });
}

/** Node's `AbortError` (lib/internal/errors.js): own `code: "ABORT_ERR"` and `name: "AbortError"`. */
function nodeAbortError(cause: unknown): Error {
  return Object.assign(new Error("The operation was aborted", { cause }), { code: "ABORT_ERR", name: "AbortError" });
}

/** undici's `getSocketInfo(socket)`, kept on a SocketError as `socket`. */
const SOCKET_INFO = {
  localAddress: "127.0.0.1",
  localPort: 59538,
  remoteAddress: "127.0.0.1",
  remotePort: 8080,
  remoteFamily: "IPv4",
  timeout: undefined,
  bytesWritten: 170,
  bytesRead: 128,
};

/** The fields a mapped error must carry (undefined means: must be undefined). */
interface Fields {
  code?: string | undefined;
  errno?: number | undefined;
  syscall?: string | undefined;
  address?: string | undefined;
  port?: number | undefined;
  hostname?: string | undefined;
}

interface Case {
  /** What the native error is, for the test name. */
  readonly label: string;
  readonly make: () => Error;
  /** The class it maps to; undefined: returned unchanged. */
  readonly kind?: ErrorKind;
  readonly fields?: Fields;
  /** Also test it wrapped in `TypeError("fetch failed", { cause })` (default: when mapped). */
  readonly wrap?: boolean;
}

const WINDOWS = "(Windows shape, not producible on Linux)";

const CASES: readonly Case[] = [
  // --- NODE_CODES: undici (fetch) ---
  {
    label: "undici SocketError UND_ERR_SOCKET (other side closed) with socket info",
    make: () => undiciError("SocketError", "other side closed", "UND_ERR_SOCKET", { socket: { ...SOCKET_INFO } }),
    kind: "ConnectionResetError",
    fields: { code: "UND_ERR_SOCKET", address: "127.0.0.1", port: 8080 },
  },
  {
    label: "undici SocketError UND_ERR_SOCKET with socket null",
    make: () => undiciError("SocketError", "other side closed", "UND_ERR_SOCKET", { socket: null }),
    kind: "ConnectionResetError",
    fields: { code: "UND_ERR_SOCKET" },
  },
  {
    label: "undici ResponseContentLengthMismatchError UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
    make: () =>
      undiciError(
        "ResponseContentLengthMismatchError",
        "Response body length does not match content-length header",
        "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
      ),
    kind: "ConnectionResetError",
    fields: { code: "UND_ERR_RES_CONTENT_LENGTH_MISMATCH" },
  },
  {
    label: "undici ConnectTimeoutError UND_ERR_CONNECT_TIMEOUT",
    make: () =>
      undiciError(
        "ConnectTimeoutError",
        "Connect Timeout Error (attempted address: 127.0.0.1:8080, timeout: 10000ms)",
        "UND_ERR_CONNECT_TIMEOUT",
      ),
    kind: "TimeoutError",
    fields: { code: "UND_ERR_CONNECT_TIMEOUT" },
  },
  {
    label: "undici HeadersTimeoutError UND_ERR_HEADERS_TIMEOUT",
    make: () => undiciError("HeadersTimeoutError", "Headers Timeout Error", "UND_ERR_HEADERS_TIMEOUT"),
    kind: "TimeoutError",
    fields: { code: "UND_ERR_HEADERS_TIMEOUT" },
  },
  {
    label: "undici BodyTimeoutError UND_ERR_BODY_TIMEOUT",
    make: () => undiciError("BodyTimeoutError", "Body Timeout Error", "UND_ERR_BODY_TIMEOUT"),
    kind: "TimeoutError",
    fields: { code: "UND_ERR_BODY_TIMEOUT" },
  },
  // --- NODE_CODES: node:net and streams ---
  {
    label: "ERR_SOCKET_CONNECTION_TIMEOUT (autoSelectFamily)",
    make: () => nodeError("Socket connection timeout", "ERR_SOCKET_CONNECTION_TIMEOUT"),
    kind: "TimeoutError",
    fields: { code: "ERR_SOCKET_CONNECTION_TIMEOUT" },
  },
  {
    label: "ERR_STREAM_WRITE_AFTER_END (write after end)",
    make: () => nodeError("write after end", "ERR_STREAM_WRITE_AFTER_END"),
    kind: "BrokenPipeError",
    fields: { code: "ERR_STREAM_WRITE_AFTER_END" },
  },
  {
    label: "ERR_STREAM_DESTROYED (write after destroy)",
    make: () => nodeError("Cannot call write after a stream was destroyed", "ERR_STREAM_DESTROYED"),
    kind: "BrokenPipeError",
    fields: { code: "ERR_STREAM_DESTROYED" },
  },
  {
    label: "ERR_SOCKET_CLOSED (write on a closed socket; Bun 1.1's node:net where the peer had closed)",
    make: () => nodeError("Socket is closed", "ERR_SOCKET_CLOSED"),
    kind: "BrokenPipeError",
    fields: { code: "ERR_SOCKET_CLOSED" },
  },
  {
    label: "UNKNOWN (libuv's UV_UNKNOWN: the runtime did not say what failed)",
    make: () => systemError("write UNKNOWN", { errno: -4094, code: "UNKNOWN", syscall: "write" }),
    kind: "OSError",
    fields: { code: "UNKNOWN", syscall: "write" },
  },
  // --- libuv SystemErrors (POSIX codes, mapped by core's table through the Node adapter) ---
  {
    label: "connect ECONNREFUSED 127.0.0.1:1",
    make: () =>
      systemError("connect ECONNREFUSED 127.0.0.1:1", { errno: -111, code: "ECONNREFUSED", syscall: "connect", address: "127.0.0.1", port: 1 }),
    kind: "ConnectionRefusedError",
    fields: { code: "ECONNREFUSED", errno: hostErrno("ECONNREFUSED"), syscall: "connect", address: "127.0.0.1", port: 1 },
  },
  {
    label: "read ECONNRESET",
    make: () => systemError("read ECONNRESET", { errno: -104, code: "ECONNRESET", syscall: "read" }),
    kind: "ConnectionResetError",
    fields: { code: "ECONNRESET", errno: hostErrno("ECONNRESET"), syscall: "read" },
  },
  {
    label: "write EPIPE",
    make: () => systemError("write EPIPE", { errno: -32, code: "EPIPE", syscall: "write" }),
    kind: "BrokenPipeError",
    fields: { code: "EPIPE", errno: hostErrno("EPIPE"), syscall: "write" },
  },
  {
    label: "listen EADDRINUSE 127.0.0.1:8080",
    make: () =>
      systemError("listen EADDRINUSE: address already in use 127.0.0.1:8080", {
        code: "EADDRINUSE",
        errno: -98,
        syscall: "listen",
        address: "127.0.0.1",
        port: 8080,
      }),
    kind: "AddressInUseError",
    fields: { code: "EADDRINUSE", errno: hostErrno("EADDRINUSE"), syscall: "listen", address: "127.0.0.1", port: 8080 },
  },
  {
    label: "connect ETIMEDOUT 10.255.255.1:80",
    make: () =>
      systemError("connect ETIMEDOUT 10.255.255.1:80", { errno: -110, code: "ETIMEDOUT", syscall: "connect", address: "10.255.255.1", port: 80 }),
    kind: "TimeoutError",
    fields: { code: "ETIMEDOUT", errno: hostErrno("ETIMEDOUT"), syscall: "connect", address: "10.255.255.1", port: 80 },
  },
  // --- node:dns (c-ares: errno is an own property whose value is undefined) ---
  ...(["ENOTFOUND", "ESERVFAIL", "ETIMEOUT", "ECONNREFUSED"] as const).map(
    (code): Case => ({
      label: `node:dns queryA ${code} example.com`,
      make: () => systemError(`queryA ${code} example.com`, { errno: undefined, code, syscall: "queryA", hostname: "example.com" }),
      kind: "NameResolutionError",
      fields: { code, syscall: "queryA", hostname: "example.com" },
    }),
  ),
  {
    // -3008 is libuv's UV_EAI_NONAME, not an errno: neterr keeps no negative number.
    label: "dns.lookup getaddrinfo ENOTFOUND (errno -3008)",
    make: () =>
      systemError("getaddrinfo ENOTFOUND nowhere.invalid", { errno: -3008, code: "ENOTFOUND", syscall: "getaddrinfo", hostname: "nowhere.invalid" }),
    kind: "NameResolutionError",
    fields: { code: "ENOTFOUND", syscall: "getaddrinfo", hostname: "nowhere.invalid" },
  },
  {
    label: "dns.lookup getaddrinfo EAI_AGAIN (errno -3001)",
    make: () =>
      systemError("getaddrinfo EAI_AGAIN example.com", { errno: -3001, code: "EAI_AGAIN", syscall: "getaddrinfo", hostname: "example.com" }),
    kind: "NameResolutionError",
    fields: { code: "EAI_AGAIN", syscall: "getaddrinfo", hostname: "example.com" },
  },
  // --- node:http ---
  {
    label: 'http client "socket hang up" (code ECONNRESET)',
    make: () => nodeError("socket hang up", "ECONNRESET"),
    kind: "ConnectionResetError",
    fields: { code: "ECONNRESET", errno: hostErrno("ECONNRESET") },
  },
  {
    label: 'http IncomingMessage "aborted" (code ECONNRESET)',
    make: () => nodeError("aborted", "ECONNRESET"),
    kind: "ConnectionResetError",
    fields: { code: "ECONNRESET", errno: hostErrno("ECONNRESET") },
  },
  // --- aborts ---
  {
    // The fields come from the DOMException that classified it: its `code` is the number 23,
    // not a string, so `code` is undefined (Node's "ABORT_ERR" is not kept).
    label: "AbortError ABORT_ERR caused by DOMException TimeoutError (AbortSignal.timeout)",
    make: () => nodeAbortError(new DOMException("The operation was aborted due to timeout", "TimeoutError")),
    kind: "TimeoutError",
    fields: {},
    wrap: false,
  },
  {
    label: "DOMException TimeoutError (fetch with AbortSignal.timeout)",
    make: () => new DOMException("The operation was aborted due to timeout", "TimeoutError"),
    kind: "TimeoutError",
    fields: {},
    wrap: false,
  },
  {
    label: "user AbortError ABORT_ERR caused by DOMException AbortError (controller.abort())",
    make: () => nodeAbortError(new DOMException("This operation was aborted", "AbortError")),
  },
  {
    label: "user AbortError ABORT_ERR caused by a user reason",
    make: () => nodeAbortError("user cancelled"),
  },
  {
    label: "DOMException AbortError (fetch aborted by the user)",
    make: () => new DOMException("This operation was aborted", "AbortError"),
  },
  // --- not network failures (current choice: TLS errors are left unchanged) ---
  {
    label: "TLS error ERR_SSL_WRONG_VERSION_NUMBER (current choice: TLS is not mapped)",
    make: () =>
      Object.assign(
        new Error(
          "C0D76F5B5D7F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:354:\n",
        ),
        { library: "SSL routines", reason: "wrong version number", code: "ERR_SSL_WRONG_VERSION_NUMBER" },
      ),
    wrap: true,
  },
  { label: "plain TypeError", make: () => new TypeError("Cannot read properties of undefined (reading 'x')") },
  {
    label: "ERR_INVALID_ARG_TYPE (TypeError)",
    make: () => nodeError('The "path" argument must be of type string. Received undefined', "ERR_INVALID_ARG_TYPE", TypeError),
  },
  {
    label: "ERR_SOCKET_BAD_PORT (RangeError)",
    make: () => nodeError("Port should be >= 0 and < 65536. Received type string ('x').", "ERR_SOCKET_BAD_PORT", RangeError),
  },
  // --- Windows ---
  {
    label: `connect ECONNREFUSED with libuv errno -4078 ${WINDOWS}`,
    make: () =>
      systemError("connect ECONNREFUSED 127.0.0.1:1", { errno: -4078, code: "ECONNREFUSED", syscall: "connect", address: "127.0.0.1", port: 1 }),
    kind: "ConnectionRefusedError",
    fields: { code: "ECONNREFUSED", errno: hostErrno("ECONNREFUSED"), syscall: "connect", address: "127.0.0.1", port: 1 },
  },
  {
    label: `read with libuv errno -4077 (UV_ECONNRESET) and no code ${WINDOWS}`,
    make: () => systemError("read Unknown system error -4077", { errno: -4077, syscall: "read" }),
    kind: "ConnectionResetError",
    fields: { code: "ECONNRESET", errno: hostErrno("ECONNRESET"), syscall: "read" },
  },
];

const FIELD_NAMES = ["code", "errno", "syscall", "address", "port", "hostname"] as const;

/** Asserts what every mapped error must satisfy. */
function expectMapped(result: unknown, input: unknown, source: Error, kind: ErrorKind, fields: Fields): void {
  expect(isOSError(result)).toBe(true);
  const error = result as OSError;
  expect(error).toBeInstanceOf(classOf(kind));
  expect(kindOf(error)).toBe(kind);
  expect(error.name).toBe(kind);
  expect(error.cause).toBe(input);
  expect(error.runtime).toBe("node");
  expect(error.message).toContain(source.message);
  for (const key of FIELD_NAMES) expect(error[key], key).toBe(fields[key]);
  if (error.errno !== undefined) expect(error.errno).toBeGreaterThan(0);
}

it("every NODE_CODES entry has a row in the table", () => {
  const covered = new Set(CASES.map((c) => (c.make() as { code?: unknown }).code));
  for (const code of Object.keys(NODE_CODES)) expect(covered, code).toContain(code);
});

describe("normalize() of Node's native shapes", () => {
  for (const c of CASES) {
    if (c.kind !== undefined) {
      const kind = c.kind;
      it(`normalize() maps ${c.label} to ${kind}`, () => {
        const native = c.make();
        expectMapped(normalize(native), native, native, kind, c.fields ?? {});
        expect(toOSError(native)).toBeInstanceOf(classOf(kind));
      });
    } else {
      it(`normalize() returns ${c.label} unchanged`, () => {
        const native = c.make();
        expect(normalize(native)).toBe(native);
        expect(toOSError(native)).toBeUndefined();
      });
    }
  }
});

describe('normalize() of TypeError("fetch failed", { cause })', () => {
  for (const c of CASES) {
    if (!(c.wrap ?? c.kind !== undefined)) continue;
    const kind = c.kind;
    if (kind !== undefined) {
      it(`normalize() maps TypeError("fetch failed") caused by ${c.label} to ${kind}`, () => {
        const native = c.make();
        const wrapper = new TypeError("fetch failed", { cause: native });
        const error = normalize(wrapper) as OSError;
        expectMapped(error, wrapper, native, kind, c.fields ?? {});
        expect(error.message).toContain("fetch failed");
        expect((error.cause as Error).cause).toBe(native);
      });
    } else {
      it(`normalize() returns TypeError("fetch failed") caused by ${c.label} unchanged`, () => {
        const wrapper = new TypeError("fetch failed", { cause: c.make() });
        expect(normalize(wrapper)).toBe(wrapper);
      });
    }
  }

  it('normalize() maps TypeError("terminated") caused by UND_ERR_SOCKET (body cut short) to ConnectionResetError', () => {
    const native = undiciError("SocketError", "other side closed", "UND_ERR_SOCKET", { socket: { ...SOCKET_INFO } });
    const wrapper = new TypeError("terminated", { cause: native });
    expectMapped(normalize(wrapper), wrapper, native, "ConnectionResetError", {
      code: "UND_ERR_SOCKET",
      address: "127.0.0.1",
      port: 8080,
    });
  });
});

describe("normalize() of what it already mapped", () => {
  it("normalize() returns a neterr error itself (no double wrapping)", () => {
    const native = systemError("read ECONNRESET", { errno: -104, code: "ECONNRESET", syscall: "read" });
    const once = normalize(native);
    expect(normalize(once)).toBe(once);
    expect(toOSError(once)).toBe(once);
  });

  it("the classes are the ones @neterr/core exports (instanceof by brand)", () => {
    const make = (code: string) => normalize(nodeError(code, code));
    expect(make("UND_ERR_SOCKET")).toBeInstanceOf(ConnectionResetError);
    expect(make("UND_ERR_BODY_TIMEOUT")).toBeInstanceOf(TimeoutError);
    expect(make("ERR_STREAM_DESTROYED")).toBeInstanceOf(BrokenPipeError);
    expect(make("ECONNREFUSED")).toBeInstanceOf(ConnectionRefusedError);
    expect(make("EADDRINUSE")).toBeInstanceOf(AddressInUseError);
    expect(make("EAI_AGAIN")).toBeInstanceOf(NameResolutionError);
  });
});

it("core alone (no adapter installed) gives the same class and isTransient as the adapter for every shape in this file", () => {
  expect(checked.compared()).toBeGreaterThan(40);
});
