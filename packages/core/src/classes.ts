/**
 * @module
 * Every class by its kind, for code that builds errors by name: the mapper, and
 * {@link fromErrno}, Python's `OSError(errno, ...)`. Apart from errors.ts so that importing one
 * class does not bring them all.
 */

import { errnoOf, type ErrnoRow, lookupCode, lookupNumber, type Platform, STRERROR } from "./errno.ts";
import {
  AddressInUseError,
  AddressNotAvailableError,
  BlockingIOError,
  BrokenPipeError,
  ChildProcessError,
  ConnectionAbortedError,
  ConnectionError,
  ConnectionRefusedError,
  ConnectionResetError,
  type ErrorKind,
  FileExistsError,
  FileNotFoundError,
  HostUnreachableError,
  InterruptedError,
  IsADirectoryError,
  NameResolutionError,
  NetworkDownError,
  NetworkUnreachableError,
  NotADirectoryError,
  NotConnectedError,
  OSError,
  type OSErrorInit,
  PermissionError,
  ProcessLookupError,
  TimeoutError,
} from "./errors.ts";

/** Every class, under its `kind`: a list, not a record, so that a bundle says each name once. */
const CLASSES: Readonly<Record<string, typeof OSError>> = Object.fromEntries(
  [
    OSError,
    BlockingIOError,
    ChildProcessError,
    ConnectionError,
    BrokenPipeError,
    ConnectionAbortedError,
    ConnectionRefusedError,
    ConnectionResetError,
    HostUnreachableError,
    NetworkUnreachableError,
    NetworkDownError,
    FileExistsError,
    FileNotFoundError,
    InterruptedError,
    IsADirectoryError,
    NotADirectoryError,
    PermissionError,
    ProcessLookupError,
    TimeoutError,
    AddressInUseError,
    AddressNotAvailableError,
    NotConnectedError,
    NameResolutionError,
  ].map((Class) => [Class.kind, Class]),
);

/** The class for a kind name (`OSError` for anything else). */
export function classOf(kind: ErrorKind): typeof OSError {
  return Object.hasOwn(CLASSES, kind) ? (CLASSES[kind] as typeof OSError) : OSError;
}

/** Options of {@link fromErrno}. */
export interface FromOptions extends OSErrorInit {
  /** The message; defaults to the `strerror` text of the code. */
  message?: string | undefined;
  /** Whose numbers a positive errno is: `"linux"` (default), `"darwin"` or `"win32"`. */
  platform?: Platform | undefined;
}

/**
 * Builds the right class from an error code or number, as Python's `OSError(errno, ...)` does:
 * a POSIX name (`"EPIPE"`), a Winsock name or code (`"WSAECONNRESET"`, `10054`), a resolver code
 * (`"ENOTFOUND"`, `"EAI_AGAIN"`), a Linux errno (`111`; macOS with `platform: "darwin"`), or a
 * libuv number (`-111` on Unix, `-4078` on Windows). `errno` and `strerror` are filled in; an
 * unknown code gives a plain `OSError` that keeps it.
 *
 * @example
 * ```ts
 * import { BrokenPipeError, fromErrno } from "@neterr/core";
 *
 * console.log(fromErrno("ESHUTDOWN") instanceof BrokenPipeError); // true
 * console.log(fromErrno(10054).name, fromErrno(61, { platform: "darwin" }).code);
 * // ConnectionResetError ECONNREFUSED
 * const error = fromErrno("ECONNREFUSED", { address: "127.0.0.1", port: 5432 });
 * console.log(error.message, error.errno, error.port); // Connection refused 111 5432
 * ```
 */
export function fromErrno(id: string | number, options?: FromOptions): OSError {
  const platform = options?.platform ?? "linux";
  const found = typeof id === "number" ? lookupNumber(id, platform) : lookupCode(id);
  const row: ErrnoRow | undefined = found?.row;
  const errno = options?.errno ?? (row ? errnoOf(row, platform) : typeof id === "number" && id > 0 ? id : undefined);
  const strerror = options?.strerror ?? (row && STRERROR[row.code]);
  const code = options?.code ?? found?.code ?? (typeof id === "string" ? id : undefined);
  const Class = classOf(found?.kind ?? "OSError");
  return new Class(options?.message ?? strerror ?? code ?? String(id), { ...options, code, errno, strerror });
}
