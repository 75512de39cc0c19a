/**
 * @module
 * The errno table: one row per POSIX error name, with its number on Linux and macOS, libuv's
 * number on Windows, the Winsock code, the neterr class it maps to, and Linux's `strerror` text.
 *
 * This is the single source of truth for "which class is this errno?". The class column follows
 * CPython's `Objects/exceptions.c` (PEP 3151) for the names Python maps, and neterr's own network
 * classes for the names Python leaves as bare `OSError`.
 */

import type { ErrorKind } from "./errors.ts";

/** The operating systems whose numbers neterr knows. */
export type Platform = "linux" | "darwin" | "win32";

/** One row of the errno table. */
export interface ErrnoRow {
  readonly code: string;
  readonly linux: number;
  readonly darwin: number | undefined;
  /** libuv's own negative number on Windows (`UV__E*`); on Unix libuv uses `-errno`. */
  readonly uvWin: number | undefined;
  /** The Winsock code (`WSAE*`), where the failure has one: 10000 plus the BSD (macOS) number. */
  readonly wsa: number | undefined;
  readonly kind: ErrorKind;
}

// code | Linux | macOS | libuv on Windows | Winsock (w: it has one, 10000 + the macOS number) | class
// "-" means "no such number on that platform". The operating system's texts are in STRERROR.
const TABLE = `
EPERM           1   1   -4048 - PermissionError
ENOENT          2   2   -4058 - FileNotFoundError
ESRCH           3   3   -4040 - ProcessLookupError
EINTR           4   4   -4072 w InterruptedError
EIO             5   5   -4070 - OSError
ENXIO           6   6   -4033 - OSError
EBADF           9   9   -4083 w OSError
ECHILD          10  10  -     - ChildProcessError
EAGAIN          11  35  -4088 w BlockingIOError
ENOMEM          12  12  -4057 - OSError
EACCES          13  13  -4092 w PermissionError
EFAULT          14  14  -4074 w OSError
EBUSY           16  16  -4082 - OSError
EEXIST          17  17  -4075 - FileExistsError
ENOTDIR         20  20  -4052 - NotADirectoryError
EISDIR          21  21  -4068 - IsADirectoryError
EINVAL          22  22  -4071 w OSError
ENFILE          23  23  -4061 - OSError
EMFILE          24  24  -4066 w OSError
ENOSPC          28  28  -4055 - OSError
EPIPE           32  32  -4047 - BrokenPipeError
ENAMETOOLONG    36  63  -4064 w OSError
ENOSYS          38  78  -4054 - OSError
ENOTEMPTY       39  66  -4051 - OSError
ELOOP           40  62  -4067 w OSError
ENONET          64  -   -4056 - NetworkUnreachableError
EPROTO          71  100 -4046 - OSError
ENOTSOCK        88  38  -4050 w OSError
EDESTADDRREQ    89  39  -4076 w OSError
EMSGSIZE        90  40  -4065 w OSError
EPROTOTYPE      91  41  -4044 w OSError
ENOPROTOOPT     92  42  -4035 w OSError
EPROTONOSUPPORT 93  43  -4045 w OSError
ESOCKTNOSUPPORT 94  44  -4025 w OSError
ENOTSUP         95  45  -4049 w OSError
EAFNOSUPPORT    97  47  -4089 w OSError
EADDRINUSE      98  48  -4091 w AddressInUseError
EADDRNOTAVAIL   99  49  -4090 w AddressNotAvailableError
ENETDOWN        100 50  -4063 w NetworkDownError
ENETUNREACH     101 51  -4062 w NetworkUnreachableError
ENETRESET       102 52  -     w ConnectionResetError
ECONNABORTED    103 53  -4079 w ConnectionAbortedError
ECONNRESET      104 54  -4077 w ConnectionResetError
ENOBUFS         105 55  -4060 w OSError
EISCONN         106 56  -4069 w OSError
ENOTCONN        107 57  -4053 w NotConnectedError
ESHUTDOWN       108 58  -4042 w BrokenPipeError
ETIMEDOUT       110 60  -4039 w TimeoutError
ECONNREFUSED    111 61  -4078 w ConnectionRefusedError
EHOSTDOWN       112 64  -4031 w HostUnreachableError
EHOSTUNREACH    113 65  -4073 w HostUnreachableError
EALREADY        114 37  -4084 w BlockingIOError
EINPROGRESS     115 36  -     w BlockingIOError
ECANCELED       125 89  -4081 - OSError
`;

const num = (cell: string | undefined): number | undefined =>
  cell === undefined || cell === "-" ? undefined : Number(cell);

/** Every row of the errno table, in errno order. */
export const ERRNO_TABLE: readonly ErrnoRow[] = TABLE.trim()
  .split("\n")
  .map((line) => {
    const [code, linux, darwin, uvWin, wsa, kind] = line.split(/ +/);
    const bsd = num(darwin);
    return {
      code: code as string,
      linux: num(linux) as number,
      darwin: bsd,
      uvWin: num(uvWin),
      wsa: wsa === "w" && bsd !== undefined ? 10000 + bsd : undefined,
      kind: kind as ErrorKind,
    };
  });

/**
 * Linux's `strerror` text (glibc) of each code in the errno table. Only `fromErrno` and the
 * adapter kit read it: a mapped error keeps the native message, and carries `strerror` only
 * where the native error gave one.
 */
export const STRERROR: Readonly<Record<string, string>> = {
  EPERM: "Operation not permitted",
  ENOENT: "No such file or directory",
  ESRCH: "No such process",
  EINTR: "Interrupted system call",
  EIO: "Input/output error",
  ENXIO: "No such device or address",
  EBADF: "Bad file descriptor",
  ECHILD: "No child processes",
  EAGAIN: "Resource temporarily unavailable",
  ENOMEM: "Cannot allocate memory",
  EACCES: "Permission denied",
  EFAULT: "Bad address",
  EBUSY: "Device or resource busy",
  EEXIST: "File exists",
  ENOTDIR: "Not a directory",
  EISDIR: "Is a directory",
  EINVAL: "Invalid argument",
  ENFILE: "Too many open files in system",
  EMFILE: "Too many open files",
  ENOSPC: "No space left on device",
  EPIPE: "Broken pipe",
  ENAMETOOLONG: "File name too long",
  ENOSYS: "Function not implemented",
  ENOTEMPTY: "Directory not empty",
  ELOOP: "Too many levels of symbolic links",
  ENONET: "Machine is not on the network",
  EPROTO: "Protocol error",
  ENOTSOCK: "Socket operation on non-socket",
  EDESTADDRREQ: "Destination address required",
  EMSGSIZE: "Message too long",
  EPROTOTYPE: "Protocol wrong type for socket",
  ENOPROTOOPT: "Protocol not available",
  EPROTONOSUPPORT: "Protocol not supported",
  ESOCKTNOSUPPORT: "Socket type not supported",
  ENOTSUP: "Operation not supported",
  EAFNOSUPPORT: "Address family not supported by protocol",
  EADDRINUSE: "Address already in use",
  EADDRNOTAVAIL: "Cannot assign requested address",
  ENETDOWN: "Network is down",
  ENETUNREACH: "Network is unreachable",
  ENETRESET: "Network dropped connection on reset",
  ECONNABORTED: "Software caused connection abort",
  ECONNRESET: "Connection reset by peer",
  ENOBUFS: "No buffer space available",
  EISCONN: "Transport endpoint is already connected",
  ENOTCONN: "Transport endpoint is not connected",
  ESHUTDOWN: "Cannot send after transport endpoint shutdown",
  ETIMEDOUT: "Connection timed out",
  ECONNREFUSED: "Connection refused",
  EHOSTDOWN: "Host is down",
  EHOSTUNREACH: "No route to host",
  EALREADY: "Operation already in progress",
  EINPROGRESS: "Operation now in progress",
  ECANCELED: "Operation canceled",
};

/**
 * Aliases: names that are another name on Linux (EWOULDBLOCK is EAGAIN, EOPNOTSUPP is ENOTSUP)
 * and Winsock's spelling of POSIX names.
 */
const ALIASES: Readonly<Record<string, string>> = {
  EWOULDBLOCK: "EAGAIN",
  EOPNOTSUPP: "ENOTSUP",
  EDEADLOCK: "EDEADLK",
  WSAEWOULDBLOCK: "EAGAIN",
  WSAEOPNOTSUPP: "ENOTSUP",
  WSAEPFNOSUPPORT: "EAFNOSUPPORT",
};

const BY_CODE = new Map<string, ErrnoRow>();
const BY_NUMBER: Record<Platform, Map<number, ErrnoRow>> = {
  linux: new Map(),
  darwin: new Map(),
  win32: new Map(),
};
const BY_UV_WIN = new Map<number, ErrnoRow>();
for (const row of ERRNO_TABLE) {
  BY_CODE.set(row.code, row);
  BY_CODE.set(`WSA${row.code}`, row);
  if (!BY_NUMBER.linux.has(row.linux)) BY_NUMBER.linux.set(row.linux, row);
  if (row.darwin !== undefined) BY_NUMBER.darwin.set(row.darwin, row);
  if (row.wsa !== undefined) BY_NUMBER.win32.set(row.wsa, row);
  if (row.uvWin !== undefined) BY_UV_WIN.set(row.uvWin, row);
}
for (const [alias, code] of Object.entries(ALIASES)) {
  const row = BY_CODE.get(code);
  if (row) BY_CODE.set(alias, row);
}
// macOS has EWOULDBLOCK == EAGAIN (35) and a separate EOPNOTSUPP (102).
{
  const notsup = BY_CODE.get("ENOTSUP");
  if (notsup) BY_NUMBER.darwin.set(102, notsup);
}

/**
 * Name-resolution codes: getaddrinfo's `EAI_*` (and libuv's numbers for them), the resolver codes
 * of c-ares as Node exposes them, and Winsock's `WSAHOST_NOT_FOUND` family. Each maps to
 * `NameResolutionError`. Which of them a retry may fix is said in transient.ts.
 */
export const RESOLVER_CODES: readonly string[] = [
  // getaddrinfo(3)
  "EAI_AGAIN", // "temporary failure in name resolution"
  "EAI_FAIL",
  "EAI_NONAME",
  "EAI_NODATA",
  "EAI_ADDRFAMILY",
  "EAI_FAMILY",
  "EAI_SERVICE",
  "EAI_SOCKTYPE",
  "EAI_BADFLAGS",
  "EAI_BADHINTS",
  "EAI_PROTOCOL",
  "EAI_OVERFLOW",
  "EAI_MEMORY",
  "EAI_SYSTEM",
  "EAI_CANCELED",
  // c-ares, as node:dns names them
  "ENOTFOUND", // NXDOMAIN, or getaddrinfo's EAI_NONAME
  "ESERVFAIL", // the server failed; RFC 1035 calls SERVFAIL a server problem, not an answer
  "ETIMEOUT",
  "EREFUSED", // the server refused this query: policy, not weather
  "EFORMERR",
  "ENOTIMP",
  "EBADQUERY",
  "EBADNAME",
  "EBADFAMILY",
  "EBADRESP", // a mangled answer, often truncated in transit
  "EBADSTR",
  "EBADFLAGS",
  "ENONAME",
  "EBADHINTS",
  "ENOTINITIALIZED",
  "EDESTRUCTION",
  "ECANCELLED",
  "EFILE",
  "ELOADIPHLPAPI",
  "EADDRGETNETWORKPARAMS",
  // Winsock
  "WSAHOST_NOT_FOUND",
  "WSATRY_AGAIN",
  "WSANO_RECOVERY",
  "WSANO_DATA",
];
const RESOLVER_SET: ReadonlySet<string> = new Set(RESOLVER_CODES);

const RESOLVER_WSA: Readonly<Record<number, string>> = {
  11001: "WSAHOST_NOT_FOUND",
  11002: "WSATRY_AGAIN",
  11003: "WSANO_RECOVERY",
  11004: "WSANO_DATA",
};

const UV_EAI: readonly string[] = [
  "EAI_ADDRFAMILY", // -3000
  "EAI_AGAIN",
  "EAI_BADFLAGS",
  "EAI_CANCELED",
  "EAI_FAIL",
  "EAI_FAMILY",
  "EAI_MEMORY",
  "EAI_NODATA",
  "EAI_NONAME",
  "EAI_OVERFLOW",
  "EAI_SERVICE",
  "EAI_SOCKTYPE",
  "", // -3012 is unused
  "EAI_BADHINTS",
  "EAI_PROTOCOL", // -3014
];

/** What a code or number was found to mean. */
export interface Lookup {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly row: ErrnoRow | undefined;
}

/**
 * Finds a POSIX, Winsock or resolver name. Returns `undefined` for names neterr does not know.
 * Adapters use it to read a runtime's codes; most users need `fromErrno` instead.
 *
 * @example
 * ```ts
 * import { lookupCode } from "@neterr/core/adapter";
 *
 * const found = lookupCode("WSAECONNRESET");
 * console.log(found?.code, found?.kind, found?.row?.linux); // ECONNRESET ConnectionResetError 104
 * ```
 */
export function lookupCode(code: string): Lookup | undefined {
  const row = BY_CODE.get(code);
  if (row) return { code: row.code, kind: row.kind, row };
  if (RESOLVER_SET.has(code)) return { code, kind: "NameResolutionError", row: undefined };
  return undefined;
}

/**
 * Finds a number: a Winsock code (>= 10000), a libuv number on Windows (-4095..-4000) or for
 * getaddrinfo (-3014..-3000), or a (possibly negated, as libuv does on Unix) errno of `platform`
 * (Rust's `(os error 111)` is one).
 *
 * @example
 * ```ts
 * import { lookupNumber } from "@neterr/core/adapter";
 *
 * console.log(lookupNumber(111)?.code, lookupNumber(61, "darwin")?.code, lookupNumber(-4077)?.code);
 * // ECONNREFUSED ECONNREFUSED ECONNRESET
 * ```
 */
export function lookupNumber(n: number, platform: Platform = "linux"): Lookup | undefined {
  if (!Number.isInteger(n)) return undefined;
  const resolver = RESOLVER_WSA[n];
  if (resolver !== undefined) return { code: resolver, kind: "NameResolutionError", row: undefined };
  if (n >= 10000) {
    const row = BY_NUMBER.win32.get(n);
    return row && { code: row.code, kind: row.kind, row };
  }
  if (n <= -3000 && n >= -3014) {
    const code = UV_EAI[-3000 - n];
    return code ? { code, kind: "NameResolutionError", row: undefined } : undefined;
  }
  if (n <= -4000 && n >= -4095) {
    const row = BY_UV_WIN.get(n);
    return row && { code: row.code, kind: row.kind, row };
  }
  if (platform === "win32") return undefined;
  const row = BY_NUMBER[platform].get(Math.abs(n));
  return row && { code: row.code, kind: row.kind, row };
}

/**
 * The platform whose errno numbers a runtime reports, from its own name for its operating system
 * (`process.platform`, `Deno.build.os`): Linux's numbers where it is none of the three.
 */
export function platformOf(os: unknown): Platform {
  return os === "darwin" ? "darwin" : os === "win32" || os === "windows" ? "win32" : "linux";
}

/** The positive errno of `row` on `platform`, as Python's `OSError.errno` gives it. */
export function errnoOf(row: ErrnoRow, platform: Platform): number | undefined {
  return platform === "win32" ? row.wsa : platform === "darwin" ? row.darwin : row.linux;
}
