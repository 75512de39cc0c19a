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

// code | Linux | macOS | libuv on Windows, as -4000 minus this (48 is -4048) | Winsock (w: it has one,
// 10000 + the macOS number) | class. "-" means "no such number on that platform". One space
// between cells: padding would be bytes in every bundle. The operating system's texts are in STRERROR.
const TABLE = `EPERM 1 1 48 - PermissionError
ENOENT 2 2 58 - FileNotFoundError
ESRCH 3 3 40 - ProcessLookupError
EINTR 4 4 72 w InterruptedError
EIO 5 5 70 - OSError
ENXIO 6 6 33 - OSError
EBADF 9 9 83 w OSError
ECHILD 10 10 - - ChildProcessError
EAGAIN 11 35 88 w BlockingIOError
ENOMEM 12 12 57 - OSError
EACCES 13 13 92 w PermissionError
EFAULT 14 14 74 w OSError
EBUSY 16 16 82 - OSError
EEXIST 17 17 75 - FileExistsError
ENOTDIR 20 20 52 - NotADirectoryError
EISDIR 21 21 68 - IsADirectoryError
EINVAL 22 22 71 w OSError
ENFILE 23 23 61 - OSError
EMFILE 24 24 66 w OSError
ENOSPC 28 28 55 - OSError
EPIPE 32 32 47 - BrokenPipeError
ENAMETOOLONG 36 63 64 w OSError
ENOSYS 38 78 54 - OSError
ENOTEMPTY 39 66 51 - OSError
ELOOP 40 62 67 w OSError
ENONET 64 - 56 - NetworkUnreachableError
EPROTO 71 100 46 - OSError
ENOTSOCK 88 38 50 w OSError
EDESTADDRREQ 89 39 76 w OSError
EMSGSIZE 90 40 65 w OSError
EPROTOTYPE 91 41 44 w OSError
ENOPROTOOPT 92 42 35 w OSError
EPROTONOSUPPORT 93 43 45 w OSError
ESOCKTNOSUPPORT 94 44 25 w OSError
ENOTSUP 95 45 49 w OSError
EAFNOSUPPORT 97 47 89 w OSError
EADDRINUSE 98 48 91 w AddressInUseError
EADDRNOTAVAIL 99 49 90 w AddressNotAvailableError
ENETDOWN 100 50 63 w NetworkDownError
ENETUNREACH 101 51 62 w NetworkUnreachableError
ENETRESET 102 52 - w ConnectionResetError
ECONNABORTED 103 53 79 w ConnectionAbortedError
ECONNRESET 104 54 77 w ConnectionResetError
ENOBUFS 105 55 60 w OSError
EISCONN 106 56 69 w OSError
ENOTCONN 107 57 53 w NotConnectedError
ESHUTDOWN 108 58 42 w BrokenPipeError
ETIMEDOUT 110 60 39 w TimeoutError
ECONNREFUSED 111 61 78 w ConnectionRefusedError
EHOSTDOWN 112 64 31 w HostUnreachableError
EHOSTUNREACH 113 65 73 w HostUnreachableError
EALREADY 114 37 84 w BlockingIOError
EINPROGRESS 115 36 - w BlockingIOError
ECANCELED 125 89 81 - OSError`;

/**
 * Name-resolution codes: getaddrinfo's `EAI_*` (and libuv's numbers for them), the resolver codes
 * of c-ares as Node exposes them, and Winsock's `WSAHOST_NOT_FOUND` family. Each maps to
 * `NameResolutionError`. Which of them a retry may fix is said in transient.ts.
 */
// getaddrinfo(3)'s first (EAI_AGAIN is "temporary failure in name resolution"); then c-ares's, as
// node:dns names them (ENOTFOUND: NXDOMAIN, or getaddrinfo's EAI_NONAME; ESERVFAIL: the server
// failed, RFC 1035 calls SERVFAIL a server problem, not an answer; EREFUSED: the server refused
// this query, policy, not weather; EBADRESP: a mangled answer, often truncated in transit); then
// Winsock's. One string split: a bundle pays for a list of string literals with more bytes.
export const RESOLVER_CODES: readonly string[] =
  "EAI_AGAIN EAI_FAIL EAI_NONAME EAI_NODATA EAI_ADDRFAMILY EAI_FAMILY EAI_SERVICE EAI_SOCKTYPE EAI_BADFLAGS EAI_BADHINTS EAI_PROTOCOL EAI_OVERFLOW EAI_MEMORY EAI_SYSTEM EAI_CANCELED ENOTFOUND ESERVFAIL ETIMEOUT EREFUSED EFORMERR ENOTIMP EBADQUERY EBADNAME EBADFAMILY EBADRESP EBADSTR EBADFLAGS ENONAME EBADHINTS ENOTINITIALIZED EDESTRUCTION ECANCELLED EFILE ELOADIPHLPAPI EADDRGETNETWORKPARAMS WSAHOST_NOT_FOUND WSATRY_AGAIN WSANO_RECOVERY WSANO_DATA".split(" ");
/** libuv's numbers for getaddrinfo's codes, from -3000 (EAI_ADDRFAMILY) down to -3014; -3012 is unused (""). */
const UV_EAI: readonly string[] =
  "EAI_ADDRFAMILY EAI_AGAIN EAI_BADFLAGS EAI_CANCELED EAI_FAIL EAI_FAMILY EAI_MEMORY EAI_NODATA EAI_NONAME EAI_OVERFLOW EAI_SERVICE EAI_SOCKTYPE  EAI_BADHINTS EAI_PROTOCOL".split(" ");

// The lookups' maps: a name or a number to its row of the table, or to the resolver code it is.
// BY_NUMBER.win32 holds every number that means the same on every platform: Winsock's (10000 and
// up), libuv's on Windows (-4000 and down) and libuv's for getaddrinfo (-3000 to -3014); a
// platform's errno (under 3000) is asked of its own map. (A row with no number on a platform files
// itself under `undefined` there: no lookup asks for it, as every lookup asks for an integer.)
const BY_CODE = new Map<string, ErrnoRow | string | undefined>();
const BY_NUMBER: Record<Platform, Map<number | undefined, ErrnoRow | string>> = {
  linux: new Map(),
  darwin: new Map(),
  win32: new Map(),
};
// The resolver codes first: a row of the table, filed after, would win (none has the same name).
for (const code of RESOLVER_CODES) BY_CODE.set(code, code);
UV_EAI.forEach((code, i) => code && BY_NUMBER.win32.set(-3000 - i, code));
// Winsock's, the last four, are 11001 to 11004.
RESOLVER_CODES.slice(-4).forEach((code, i) => BY_NUMBER.win32.set(11001 + i, code));

/** Every row of the errno table, in errno order. */
export const ERRNO_TABLE: readonly ErrnoRow[] = TABLE.split("\n")
  .map((line) => {
    const [code, linux, darwin, uvWin, wsa, kind] = line.split(" ") as [string, string, string, string, string, ErrorKind];
    const bsd = darwin === "-" ? undefined : +darwin;
    const row: ErrnoRow = {
      code,
      linux: +linux,
      darwin: bsd,
      uvWin: uvWin === "-" ? undefined : -4000 - +uvWin,
      wsa: wsa === "w" ? 10000 + (bsd as number) : undefined, // every "w" row has a macOS number
      kind,
    };
    BY_CODE.set(code, row).set(`WSA${code}`, row);
    BY_NUMBER.linux.set(row.linux, row); // no two rows have one Linux number
    BY_NUMBER.darwin.set(bsd, row);
    BY_NUMBER.win32.set(row.wsa, row).set(row.uvWin, row);
    return row;
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

// An alias of a name the table lacks (EDEADLK) files `undefined`: not found, as before.
for (const [alias, code] of Object.entries(ALIASES)) BY_CODE.set(alias, BY_CODE.get(code));
// macOS has EWOULDBLOCK == EAGAIN (35) and a separate EOPNOTSUPP (102).
BY_NUMBER.darwin.set(102, BY_CODE.get("ENOTSUP") as ErrnoRow);

/** What a code or number was found to mean. */
export interface Lookup {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly row: ErrnoRow | undefined;
}

/** What a map holds, as a lookup's answer: a row's, or a resolver code's. */
const answer = (found: ErrnoRow | string | undefined): Lookup | undefined =>
  typeof found === "string" ? { code: found, kind: "NameResolutionError", row: undefined } : found && { code: found.code, kind: found.kind, row: found };

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
  return answer(BY_CODE.get(code));
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
  // (The ranges as they were before the maps were one: a platform no map is named after throws
  // where it threw, TypeError, for the numbers that ask it.)
  return answer(n >= 10000 || (n <= -3000 && n >= -3014) || (n <= -4000 && n >= -4095) ? BY_NUMBER.win32.get(n) : BY_NUMBER[platform].get(Math.abs(n)));
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
