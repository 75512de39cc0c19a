/**
 * Table tests of `OSError.from`: codes and numbers -> class.
 *
 * Every expected value here comes from outside neterr:
 * - the class column is CPython's PEP 3151 table (`Objects/exceptions.c`; checked with
 *   `python3 -c "import errno; print(type(OSError(errno.EPIPE, 'x')).__name__)"`), plus the
 *   neterr network classes that the brief of @neterr/core lists for what Python leaves as OSError;
 * - the Linux numbers and texts come from `python3 -c "import errno, os; print(errno.EPIPE, os.strerror(errno.EPIPE))"`
 *   on Linux (glibc);
 * - macOS numbers from <sys/errno.h> of macOS; libuv numbers from libuv's `include/uv/errno.h`
 *   (`UV__E*` on Windows, `UV__EAI_*`); Winsock codes from <winerror.h>.
 */
import { describe, expect, it } from "vitest";
import { AddressInUseError, AddressNotAvailableError, BlockingIOError, BrokenPipeError, ChildProcessError, ConnectionAbortedError, ConnectionError, ConnectionRefusedError, ConnectionResetError, FileExistsError, FileNotFoundError, fromErrno, HostUnreachableError, InterruptedError, IsADirectoryError, isOSError, kindOf, NameResolutionError, NetworkDownError, NetworkUnreachableError, NotADirectoryError, NotConnectedError, OSError, PermissionError, ProcessLookupError, TimeoutError } from "@neterr/core";

/** Every neterr class with the names of its ancestors, as PEP 3151 draws the tree. */
const CLASSES = {
  OSError: [OSError, []],
  BlockingIOError: [BlockingIOError, ["OSError"]],
  ChildProcessError: [ChildProcessError, ["OSError"]],
  ConnectionError: [ConnectionError, ["OSError"]],
  BrokenPipeError: [BrokenPipeError, ["ConnectionError", "OSError"]],
  ConnectionAbortedError: [ConnectionAbortedError, ["ConnectionError", "OSError"]],
  ConnectionRefusedError: [ConnectionRefusedError, ["ConnectionError", "OSError"]],
  ConnectionResetError: [ConnectionResetError, ["ConnectionError", "OSError"]],
  HostUnreachableError: [HostUnreachableError, ["ConnectionError", "OSError"]],
  NetworkUnreachableError: [NetworkUnreachableError, ["ConnectionError", "OSError"]],
  NetworkDownError: [NetworkDownError, ["ConnectionError", "OSError"]],
  FileExistsError: [FileExistsError, ["OSError"]],
  FileNotFoundError: [FileNotFoundError, ["OSError"]],
  InterruptedError: [InterruptedError, ["OSError"]],
  IsADirectoryError: [IsADirectoryError, ["OSError"]],
  NotADirectoryError: [NotADirectoryError, ["OSError"]],
  PermissionError: [PermissionError, ["OSError"]],
  ProcessLookupError: [ProcessLookupError, ["OSError"]],
  TimeoutError: [TimeoutError, ["OSError"]],
  AddressInUseError: [AddressInUseError, ["OSError"]],
  AddressNotAvailableError: [AddressNotAvailableError, ["OSError"]],
  NotConnectedError: [NotConnectedError, ["OSError"]],
  NameResolutionError: [NameResolutionError, ["OSError"]],
} as const satisfies Record<string, readonly [typeof OSError, readonly string[]]>;
type Kind = keyof typeof CLASSES;

/** Asserts the exact class: the class and its ancestors match, every other neterr class does not. */
function expectExactly(error: unknown, kind: Kind): void {
  const [, ancestors] = CLASSES[kind];
  const expected = new Set<string>([kind, ...ancestors]);
  const actual = Object.entries(CLASSES)
    .filter(([, [Class]]) => error instanceof Class)
    .map(([name]) => name)
    .sort();
  expect(actual).toEqual([...expected].sort());
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).name).toBe(kind);
  expect(kindOf(error)).toBe(kind);
  expect(isOSError(error)).toBe(true);
}

/** A sibling class (same parent, different class) that the error must not be. */
function siblingOf(kind: Kind): Kind {
  const parent = CLASSES[kind][1][0];
  const sibling = (Object.keys(CLASSES) as Kind[]).find(
    (k) => k !== kind && CLASSES[k][1][0] === parent && k !== "ConnectionError",
  );
  return sibling as Kind;
}

// CPython's errno -> class table, with Linux (glibc, x86_64) numbers and strerror texts.
// code          | class                   | Linux errno | Linux strerror
const PEP3151: readonly (readonly [string, Kind, number, string])[] = [
  ["EAGAIN", "BlockingIOError", 11, "Resource temporarily unavailable"],
  ["EALREADY", "BlockingIOError", 114, "Operation already in progress"],
  ["EWOULDBLOCK", "BlockingIOError", 11, "Resource temporarily unavailable"], // == EAGAIN on Linux
  ["EINPROGRESS", "BlockingIOError", 115, "Operation now in progress"],
  ["ECHILD", "ChildProcessError", 10, "No child processes"],
  ["EPIPE", "BrokenPipeError", 32, "Broken pipe"],
  ["ESHUTDOWN", "BrokenPipeError", 108, "Cannot send after transport endpoint shutdown"],
  ["ECONNABORTED", "ConnectionAbortedError", 103, "Software caused connection abort"],
  ["ECONNREFUSED", "ConnectionRefusedError", 111, "Connection refused"],
  ["ECONNRESET", "ConnectionResetError", 104, "Connection reset by peer"],
  ["EEXIST", "FileExistsError", 17, "File exists"],
  ["ENOENT", "FileNotFoundError", 2, "No such file or directory"],
  ["EINTR", "InterruptedError", 4, "Interrupted system call"],
  ["EISDIR", "IsADirectoryError", 21, "Is a directory"],
  ["ENOTDIR", "NotADirectoryError", 20, "Not a directory"],
  ["EACCES", "PermissionError", 13, "Permission denied"],
  ["EPERM", "PermissionError", 1, "Operation not permitted"],
  ["ESRCH", "ProcessLookupError", 3, "No such process"],
  ["ETIMEDOUT", "TimeoutError", 110, "Connection timed out"],
  // neterr's network classes (Python: bare OSError).
  ["EADDRINUSE", "AddressInUseError", 98, "Address already in use"],
  ["EADDRNOTAVAIL", "AddressNotAvailableError", 99, "Cannot assign requested address"],
  ["ENOTCONN", "NotConnectedError", 107, "Transport endpoint is not connected"],
  ["EHOSTUNREACH", "HostUnreachableError", 113, "No route to host"],
  ["EHOSTDOWN", "HostUnreachableError", 112, "Host is down"],
  ["ENETUNREACH", "NetworkUnreachableError", 101, "Network is unreachable"],
  ["ENETDOWN", "NetworkDownError", 100, "Network is down"],
];

describe("fromErrno(code): CPython's PEP 3151 table and neterr's network classes", () => {
  describe.each(PEP3151)("%s", (code, kind, errno, strerror) => {
    it(`fromErrno("${code}") gives ${kind}`, () => {
      expectExactly(fromErrno(code), kind);
    });
    it(`fromErrno("${code}") is instanceof ${[kind, ...CLASSES[kind][1], "Error"].join(", ")} and not ${siblingOf(kind)}`, () => {
      const error = fromErrno(code);
      expect(error).toBeInstanceOf(CLASSES[kind][0]);
      for (const ancestor of CLASSES[kind][1]) expect(error).toBeInstanceOf(CLASSES[ancestor as Kind][0]);
      expect(error).toBeInstanceOf(Error);
      expect(error instanceof CLASSES[siblingOf(kind)][0]).toBe(false);
    });
    it(`fromErrno("${code}") has errno ${errno} and strerror "${strerror}" (Linux)`, () => {
      const error = fromErrno(code);
      expect(error.errno).toBe(errno);
      expect(error.strerror).toBe(strerror);
    });
    it(`fromErrno("${code}") keeps the code and has the strerror text as message`, () => {
      const error = fromErrno(code);
      // EWOULDBLOCK is EAGAIN on Linux: either name is the same error.
      if (code === "EWOULDBLOCK") expect(["EAGAIN", "EWOULDBLOCK"]).toContain(error.code);
      else expect(error.code).toBe(code);
      expect(error.message).toBe(strerror);
    });
  });
});

// Resolver codes: getaddrinfo's EAI_* and c-ares's codes as node:dns names them.
const RESOLVER: readonly string[] = ["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "ESERVFAIL", "EREFUSED", "ETIMEOUT"];

describe("fromErrno(code): resolver codes", () => {
  it.each(RESOLVER)('fromErrno("%s") gives NameResolutionError keeping the code', (code) => {
    const error = fromErrno(code);
    expectExactly(error, "NameResolutionError");
    expect(error.code).toBe(code);
    expect(error instanceof ConnectionError).toBe(false);
    expect(error instanceof TimeoutError).toBe(false);
  });
});

// Numbers. [description, number, options, class, code, errno to expect (undefined: not asserted)]
type NumberCase = readonly [string, number, { platform?: "linux" | "darwin" | "win32" } | undefined, Kind, string, number | undefined];
const NUMBERS: readonly NumberCase[] = [
  // Linux errno
  ["Linux errno ECONNREFUSED", 111, undefined, "ConnectionRefusedError", "ECONNREFUSED", 111],
  ["Linux errno ECONNRESET", 104, undefined, "ConnectionResetError", "ECONNRESET", 104],
  ["Linux errno EPIPE", 32, undefined, "BrokenPipeError", "EPIPE", 32],
  ["Linux errno ETIMEDOUT", 110, undefined, "TimeoutError", "ETIMEDOUT", 110],
  ["Linux errno EAGAIN", 11, undefined, "BlockingIOError", "EAGAIN", 11],
  ["Linux errno EADDRINUSE", 98, undefined, "AddressInUseError", "EADDRINUSE", 98],
  ["Linux errno EHOSTUNREACH", 113, undefined, "HostUnreachableError", "EHOSTUNREACH", 113],
  // macOS errno (not producible on Linux)
  ["macOS ECONNREFUSED (not producible on Linux)", 61, { platform: "darwin" }, "ConnectionRefusedError", "ECONNREFUSED", 61],
  ["macOS ECONNRESET (not producible on Linux)", 54, { platform: "darwin" }, "ConnectionResetError", "ECONNRESET", 54],
  ["macOS EPIPE (not producible on Linux)", 32, { platform: "darwin" }, "BrokenPipeError", "EPIPE", 32],
  ["macOS ETIMEDOUT (not producible on Linux)", 60, { platform: "darwin" }, "TimeoutError", "ETIMEDOUT", 60],
  ["macOS EAGAIN (not producible on Linux)", 35, { platform: "darwin" }, "BlockingIOError", "EAGAIN", 35],
  // libuv on Unix: -errno
  ["libuv on Linux UV_ECONNREFUSED", -111, undefined, "ConnectionRefusedError", "ECONNREFUSED", 111],
  ["libuv on Linux UV_ECONNRESET", -104, undefined, "ConnectionResetError", "ECONNRESET", 104],
  ["libuv on Linux UV_EPIPE", -32, undefined, "BrokenPipeError", "EPIPE", 32],
  // libuv on Windows: its own numbers
  ["libuv Windows UV_ECONNREFUSED (not producible on Linux)", -4078, undefined, "ConnectionRefusedError", "ECONNREFUSED", undefined],
  ["libuv Windows UV_ECONNRESET (not producible on Linux)", -4077, undefined, "ConnectionResetError", "ECONNRESET", undefined],
  ["libuv Windows UV_EPIPE (not producible on Linux)", -4047, undefined, "BrokenPipeError", "EPIPE", undefined],
  ["libuv Windows UV_ETIMEDOUT (not producible on Linux)", -4039, undefined, "TimeoutError", "ETIMEDOUT", undefined],
  // libuv getaddrinfo numbers (the same on every platform)
  ["libuv UV_EAI_NONAME", -3008, undefined, "NameResolutionError", "EAI_NONAME", undefined],
  ["libuv UV_EAI_AGAIN", -3001, undefined, "NameResolutionError", "EAI_AGAIN", undefined],
  // Winsock (not producible on Linux)
  ["Windows WSAECONNABORTED (not producible on Linux)", 10053, undefined, "ConnectionAbortedError", "ECONNABORTED", undefined],
  ["Windows WSAECONNRESET (not producible on Linux)", 10054, undefined, "ConnectionResetError", "ECONNRESET", undefined],
  ["Windows WSAETIMEDOUT (not producible on Linux)", 10060, undefined, "TimeoutError", "ETIMEDOUT", undefined],
  ["Windows WSAECONNREFUSED (not producible on Linux)", 10061, undefined, "ConnectionRefusedError", "ECONNREFUSED", undefined],
  ["Windows WSAEADDRINUSE (not producible on Linux)", 10048, undefined, "AddressInUseError", "EADDRINUSE", undefined],
  ["Windows WSAEADDRNOTAVAIL (not producible on Linux)", 10049, undefined, "AddressNotAvailableError", "EADDRNOTAVAIL", undefined],
  ["Windows WSAEHOSTUNREACH (not producible on Linux)", 10065, undefined, "HostUnreachableError", "EHOSTUNREACH", undefined],
  ["Windows WSAENETUNREACH (not producible on Linux)", 10051, undefined, "NetworkUnreachableError", "ENETUNREACH", undefined],
  ["Windows WSAENETDOWN (not producible on Linux)", 10050, undefined, "NetworkDownError", "ENETDOWN", undefined],
  ["Windows WSAEWOULDBLOCK (not producible on Linux)", 10035, undefined, "BlockingIOError", "EAGAIN", undefined],
  ["Windows WSAEINPROGRESS (not producible on Linux)", 10036, undefined, "BlockingIOError", "EINPROGRESS", undefined],
  ["Windows WSAEACCES (not producible on Linux)", 10013, undefined, "PermissionError", "EACCES", undefined],
  ["Windows WSAEINTR (not producible on Linux)", 10004, undefined, "InterruptedError", "EINTR", undefined],
  // With platform "win32", errno is the Winsock code, as CPython on Windows gives OSError.errno.
  ["Windows WSAECONNREFUSED (not producible on Linux)", 10061, { platform: "win32" }, "ConnectionRefusedError", "ECONNREFUSED", 10061],
  ["Windows WSAECONNRESET (not producible on Linux)", 10054, { platform: "win32" }, "ConnectionResetError", "ECONNRESET", 10054],
  ["Windows WSAHOST_NOT_FOUND (not producible on Linux)", 11001, undefined, "NameResolutionError", "WSAHOST_NOT_FOUND", undefined],
  ["Windows WSATRY_AGAIN (not producible on Linux)", 11002, undefined, "NameResolutionError", "WSATRY_AGAIN", undefined],
];

describe("fromErrno(number): errno, libuv and Winsock numbers", () => {
  for (const [what, n, options, kind, code, errno] of NUMBERS) {
    const call = options ? `fromErrno(${n}, { platform: "${options.platform}" })` : `fromErrno(${n})`;
    it(`table: ${what} ${n}: ${call} gives ${kind} with code ${code}${errno === undefined ? "" : ` and errno ${errno}`}`, () => {
      const error = fromErrno(n, options);
      expectExactly(error, kind);
      expect(error.code).toBe(code);
      if (errno !== undefined) expect(error.errno).toBe(errno);
    });
  }
});

// Winsock names (not producible on Linux): the POSIX name behind them.
const WSA_NAMES: readonly (readonly [string, Kind])[] = [
  ["WSAECONNREFUSED", "ConnectionRefusedError"],
  ["WSAECONNRESET", "ConnectionResetError"],
  ["WSAECONNABORTED", "ConnectionAbortedError"],
  ["WSAETIMEDOUT", "TimeoutError"],
  ["WSAEADDRINUSE", "AddressInUseError"],
  ["WSAEHOSTUNREACH", "HostUnreachableError"],
  ["WSAEWOULDBLOCK", "BlockingIOError"],
  ["WSAHOST_NOT_FOUND", "NameResolutionError"],
];

describe("fromErrno(Winsock name)", () => {
  it.each(WSA_NAMES)('table: fromErrno("%s") (Windows name, not producible on Linux) gives %s', (name, kind) => {
    expectExactly(fromErrno(name), kind);
  });
});

describe("OSError.from: unknown codes and numbers", () => {
  it.each(["EWHATEVER", "ERR_SOMETHING_ELSE", "", "econnrefused"])(
    'fromErrno("%s") (unknown code) gives a plain OSError that keeps the code',
    (code) => {
      const error = fromErrno(code);
      expectExactly(error, "OSError");
      expect(error.code).toBe(code);
    },
  );
  it.each([0, 99999, 12345, -5000, -3012, 1.5, Number.NaN])("fromErrno(%s) (unknown number) gives a plain OSError", (n) => {
    const error = fromErrno(n);
    expectExactly(error, "OSError");
  });
  it("fromErrno(111, { platform: \"win32\" }) (111 is no Winsock code) gives a plain OSError", () => {
    expectExactly(fromErrno(111, { platform: "win32" }), "OSError");
  });
  it('fromErrno("ECONNREFUSED", { message, address, port }) keeps the message and fields', () => {
    const error = fromErrno("ECONNREFUSED", { message: "connect ECONNREFUSED 127.0.0.1:5432", address: "127.0.0.1", port: 5432 });
    expectExactly(error, "ConnectionRefusedError");
    expect(error.message).toBe("connect ECONNREFUSED 127.0.0.1:5432");
    expect(error.address).toBe("127.0.0.1");
    expect(error.port).toBe(5432);
    expect(error.errno).toBe(111);
  });
});

describe("constructors: every class can be built directly", () => {
  it.each(Object.keys(CLASSES) as Kind[])("new %s(message, { cause }) has the right class, name and cause", (kind) => {
    const cause = new Error("native");
    const error = new CLASSES[kind][0]("boom", { cause, code: "X" });
    expectExactly(error, kind);
    expect(error.message).toBe("boom");
    expect(error.cause).toBe(cause);
    expect(error.code).toBe("X");
  });
});
