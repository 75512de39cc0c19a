/**
 * @module
 * The neterr error hierarchy: Python's PEP 3151 tree, plus classes for the network failures that
 * Python leaves as bare `OSError`.
 *
 * ```
 * OSError
 * ├── BlockingIOError            EAGAIN EWOULDBLOCK EALREADY EINPROGRESS
 * ├── ChildProcessError          ECHILD
 * ├── ConnectionError
 * │   ├── BrokenPipeError        EPIPE ESHUTDOWN
 * │   ├── ConnectionAbortedError ECONNABORTED
 * │   ├── ConnectionRefusedError ECONNREFUSED
 * │   ├── ConnectionResetError   ECONNRESET ENETRESET
 * │   ├── HostUnreachableError   EHOSTUNREACH EHOSTDOWN        (neterr)
 * │   ├── NetworkUnreachableError ENETUNREACH ENONET           (neterr)
 * │   └── NetworkDownError       ENETDOWN                      (neterr)
 * ├── FileExistsError            EEXIST
 * ├── FileNotFoundError          ENOENT
 * ├── InterruptedError           EINTR
 * ├── IsADirectoryError          EISDIR
 * ├── NotADirectoryError         ENOTDIR
 * ├── PermissionError            EACCES EPERM
 * ├── ProcessLookupError         ESRCH
 * ├── TimeoutError               ETIMEDOUT
 * ├── AddressInUseError          EADDRINUSE                    (neterr)
 * ├── AddressNotAvailableError   EADDRNOTAVAIL                 (neterr)
 * ├── NotConnectedError          ENOTCONN                      (neterr)
 * └── NameResolutionError        ENOTFOUND EAI_* ESERVFAIL ... (neterr; Python's socket.gaierror)
 * ```
 */

import { type ErrnoRow, type ErrorKind, errnoOf, lookupCode, lookupNumber, type Platform } from "./errno.ts";

/**
 * The brand: every neterr class prototype carries, under this registry symbol, the names of its
 * class and all its ancestors. `Symbol.for` makes it the same key in every copy of
 * `@neterr/core` and every realm, so identity survives two installed versions.
 */
const BRAND: unique symbol = Symbol.for("@neterr/core/kinds") as never;

/** What a neterr error may carry besides its message. Every field is optional. */
export interface OSErrorInit {
  /** The native error, kept as is (the same object). */
  cause?: unknown;
  /** The POSIX name (`"ECONNREFUSED"`), a resolver code (`"ENOTFOUND"`), or the runtime's own code. */
  code?: string | undefined;
  /** The positive errno of the platform the error happened on, as Python gives it. */
  errno?: number | undefined;
  /** The operating system's text for `errno` (`"Connection refused"`). */
  strerror?: string | undefined;
  /** The system call or operation that failed (`"connect"`, `"read"`, `"queryA"`). */
  syscall?: string | undefined;
  /** The remote or local address involved. */
  address?: string | undefined;
  /** The port involved. */
  port?: number | undefined;
  /** The file-system path involved (Unix sockets). */
  path?: string | undefined;
  /** The host name that was being resolved or connected to. */
  hostname?: string | undefined;
  /** The runtime that threw the native error: `"node"`, `"deno"`, `"bun"`, or undefined if unknown. */
  runtime?: string | undefined;
  /** For a failure made of several (a connect to several addresses): each one, mapped. */
  errors?: readonly unknown[] | undefined;
}

/** Options of {@link OSError.from}. */
export interface FromOptions extends OSErrorInit {
  /** The message; defaults to the `strerror` text of the code. */
  message?: string | undefined;
  /** Whose numbers a positive errno is: `"linux"` (default), `"darwin"` or `"win32"`. */
  platform?: Platform | undefined;
}

const kindsOf = (value: unknown): readonly string[] | undefined => {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return undefined;
  try {
    const kinds = (value as { [BRAND]?: unknown })[BRAND];
    return Array.isArray(kinds) ? kinds : undefined;
  } catch {
    return undefined; // a Proxy whose `get` trap throws is not one of ours
  }
};

/**
 * The root of the hierarchy: an operating-system or network failure, as Python's `OSError`.
 *
 * `instanceof` works across copies of `@neterr/core` (two versions in one `node_modules`) and
 * across realms: it checks a `Symbol.for` brand, not the prototype chain.
 *
 * @example
 * ```ts
 * import { ConnectionRefusedError, OSError } from "@neterr/core";
 *
 * const error = OSError.from("ECONNREFUSED", { address: "127.0.0.1", port: 5432 });
 * console.log(error instanceof ConnectionRefusedError, error.errno); // true 111
 * ```
 */
export class OSError extends Error {
  /** The class name that `instanceof` checks for; every subclass has its own. */
  static readonly kind: ErrorKind = "OSError";
  override readonly name: string = "OSError";
  readonly code: string | undefined;
  readonly errno: number | undefined;
  readonly strerror: string | undefined;
  readonly syscall: string | undefined;
  readonly address: string | undefined;
  readonly port: number | undefined;
  readonly path: string | undefined;
  readonly hostname: string | undefined;
  readonly runtime: string | undefined;
  readonly errors: readonly unknown[] | undefined;
  declare readonly cause: unknown;

  /**
   * @param message the message; neterr's mappers keep the native message text here.
   * @param init the fields; `cause` is kept as the same object.
   */
  constructor(message?: string, init?: OSErrorInit) {
    super(message, init && "cause" in init ? { cause: init.cause } : undefined);
    this.code = init?.code;
    this.errno = init?.errno;
    this.strerror = init?.strerror;
    this.syscall = init?.syscall;
    this.address = init?.address;
    this.port = init?.port;
    this.path = init?.path;
    this.hostname = init?.hostname;
    this.runtime = init?.runtime;
    this.errors = init?.errors;
  }

  /** `instanceof` by brand, so it holds across copies of core and across realms. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // A user's own subclass of a neterr class has no own `kind`: ordinary instanceof for it.
    if (!Object.hasOwn(this, "kind")) return Function.prototype[Symbol.hasInstance].call(this, value);
    const kinds = kindsOf(value);
    return kinds !== undefined && kinds.includes((this as unknown as typeof OSError).kind);
  }

  /**
   * Builds the right subclass from an error code or number, as Python's `OSError(errno, ...)`
   * does: a POSIX name (`"EPIPE"`), a Winsock name or code (`"WSAECONNRESET"`, `10054`), a
   * resolver code (`"ENOTFOUND"`, `"EAI_AGAIN"`), a Linux errno (`111`; macOS with
   * `platform: "darwin"`), or a libuv number (`-111` on Unix, `-4078` on Windows).
   * An unknown code gives a plain `OSError` that keeps it.
   *
   * @example
   * ```ts
   * import { BrokenPipeError, OSError } from "@neterr/core";
   *
   * console.log(OSError.from("ESHUTDOWN") instanceof BrokenPipeError); // true
   * console.log(OSError.from(10054).name, OSError.from(61, { platform: "darwin" }).code);
   * // ConnectionResetError ECONNREFUSED
   * ```
   */
  static from(this: void, id: string | number, options?: FromOptions): OSError {
    const platform = options?.platform ?? "linux";
    const found = typeof id === "number" ? lookupNumber(id, platform) : lookupCode(id);
    const row: ErrnoRow | undefined = found?.row;
    const errno = options?.errno ?? (row ? errnoOf(row, platform) : typeof id === "number" && id > 0 ? id : undefined);
    const strerror = options?.strerror ?? row?.strerror;
    const code = options?.code ?? found?.code ?? (typeof id === "string" ? id : undefined);
    const Class = classOf(found?.kind ?? "OSError");
    return new Class(options?.message ?? strerror ?? code ?? String(id), { ...options, code, errno, strerror });
  }
}

/** Is `value` a neterr error (from any copy of `@neterr/core`)? */
export function isOSError(value: unknown): value is OSError {
  return kindsOf(value) !== undefined;
}

/** The class name of a neterr error, or undefined for anything else. */
export function kindOf(value: unknown): ErrorKind | undefined {
  return kindsOf(value)?.[0] as ErrorKind | undefined;
}

/**
 * A connection could not be made or was lost. Python's four subclasses, plus neterr's three
 * routing failures (host unreachable, network unreachable, network down): one `catch` for
 * "the connection failed".
 */
export class ConnectionError extends OSError {
  static override readonly kind: ErrorKind = "ConnectionError";
  override readonly name: string = "ConnectionError";
}

/** EAGAIN, EWOULDBLOCK, EALREADY, EINPROGRESS: the operation would block. */
export class BlockingIOError extends OSError {
  static override readonly kind: ErrorKind = "BlockingIOError";
  override readonly name: string = "BlockingIOError";
}
/** ECHILD: no such child process. */
export class ChildProcessError extends OSError {
  static override readonly kind: ErrorKind = "ChildProcessError";
  override readonly name: string = "ChildProcessError";
}
/** EPIPE, ESHUTDOWN: writing to a connection whose other end (or our own write side) is closed. */
export class BrokenPipeError extends ConnectionError {
  static override readonly kind: ErrorKind = "BrokenPipeError";
  override readonly name: string = "BrokenPipeError";
}
/** ECONNABORTED: the connection was aborted on this host. */
export class ConnectionAbortedError extends ConnectionError {
  static override readonly kind: ErrorKind = "ConnectionAbortedError";
  override readonly name: string = "ConnectionAbortedError";
}
/** ECONNREFUSED: nothing listens there (or a Unix socket file whose server died). */
export class ConnectionRefusedError extends ConnectionError {
  static override readonly kind: ErrorKind = "ConnectionRefusedError";
  override readonly name: string = "ConnectionRefusedError";
}
/** ECONNRESET, ENETRESET: the peer reset the connection, or closed it before answering. */
export class ConnectionResetError extends ConnectionError {
  static override readonly kind: ErrorKind = "ConnectionResetError";
  override readonly name: string = "ConnectionResetError";
}
/** EHOSTUNREACH, EHOSTDOWN: no route to the host. (Python: bare OSError.) */
export class HostUnreachableError extends ConnectionError {
  static override readonly kind: ErrorKind = "HostUnreachableError";
  override readonly name: string = "HostUnreachableError";
}
/** ENETUNREACH, ENONET: no route to the network. (Python: bare OSError.) */
export class NetworkUnreachableError extends ConnectionError {
  static override readonly kind: ErrorKind = "NetworkUnreachableError";
  override readonly name: string = "NetworkUnreachableError";
}
/** ENETDOWN: the local network interface is down. (Python: bare OSError.) */
export class NetworkDownError extends ConnectionError {
  static override readonly kind: ErrorKind = "NetworkDownError";
  override readonly name: string = "NetworkDownError";
}
/** EEXIST. */
export class FileExistsError extends OSError {
  static override readonly kind: ErrorKind = "FileExistsError";
  override readonly name: string = "FileExistsError";
}
/** ENOENT; for sockets: a Unix socket path that does not exist. */
export class FileNotFoundError extends OSError {
  static override readonly kind: ErrorKind = "FileNotFoundError";
  override readonly name: string = "FileNotFoundError";
}
/** EINTR: a system call interrupted by a signal. */
export class InterruptedError extends OSError {
  static override readonly kind: ErrorKind = "InterruptedError";
  override readonly name: string = "InterruptedError";
}
/** EISDIR. */
export class IsADirectoryError extends OSError {
  static override readonly kind: ErrorKind = "IsADirectoryError";
  override readonly name: string = "IsADirectoryError";
}
/** ENOTDIR. */
export class NotADirectoryError extends OSError {
  static override readonly kind: ErrorKind = "NotADirectoryError";
  override readonly name: string = "NotADirectoryError";
}
/** EACCES, EPERM; also a runtime's permission sandbox (Deno's `NotCapable`). */
export class PermissionError extends OSError {
  static override readonly kind: ErrorKind = "PermissionError";
  override readonly name: string = "PermissionError";
}
/** ESRCH. */
export class ProcessLookupError extends OSError {
  static override readonly kind: ErrorKind = "ProcessLookupError";
  override readonly name: string = "ProcessLookupError";
}
/** ETIMEDOUT, and the runtimes' own timeouts (`AbortSignal.timeout()`, HTTP client timeouts). */
export class TimeoutError extends OSError {
  static override readonly kind: ErrorKind = "TimeoutError";
  override readonly name: string = "TimeoutError";
}
/** EADDRINUSE: the address (or Unix socket path) is taken. (Python: bare OSError.) */
export class AddressInUseError extends OSError {
  static override readonly kind: ErrorKind = "AddressInUseError";
  override readonly name: string = "AddressInUseError";
}
/** EADDRNOTAVAIL: the address is not on this host, or no local port is free. (Python: bare OSError.) */
export class AddressNotAvailableError extends OSError {
  static override readonly kind: ErrorKind = "AddressNotAvailableError";
  override readonly name: string = "AddressNotAvailableError";
}
/** ENOTCONN: the socket is not connected. (Python: bare OSError.) */
export class NotConnectedError extends OSError {
  static override readonly kind: ErrorKind = "NotConnectedError";
  override readonly name: string = "NotConnectedError";
}
/** A DNS or getaddrinfo failure: ENOTFOUND, EAI_*, ESERVFAIL, ETIMEOUT... (Python: socket.gaierror.) */
export class NameResolutionError extends OSError {
  static override readonly kind: ErrorKind = "NameResolutionError";
  override readonly name: string = "NameResolutionError";
}

const CLASSES: Readonly<Record<ErrorKind, typeof OSError>> = {
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
};

// Brand every prototype with its chain of kinds, most specific first.
for (const Class of Object.values(CLASSES)) {
  const kinds: string[] = [];
  for (let c: unknown = Class; typeof c === "function" && Object.hasOwn(c, "kind"); c = Object.getPrototypeOf(c)) {
    kinds.push((c as typeof OSError).kind);
  }
  Object.defineProperty(Class.prototype, BRAND, { value: Object.freeze(kinds) });
}

/**
 * The lazy `stack` of mapped errors (whose own `stack` the mapper removed): the neterr head line,
 * then the native error's frames, derived on first read and kept. Setting `stack` works as usual.
 */
const DERIVED: unique symbol = Symbol("stack");
Object.defineProperty(OSError.prototype, "stack", {
  configurable: true,
  enumerable: false,
  get(this: OSError & { [DERIVED]?: string }): string {
    return (this[DERIVED] ??= deriveStack(this));
  },
  set(this: OSError, value: unknown): void {
    Object.defineProperty(this, "stack", { value, writable: true, configurable: true, enumerable: false });
  },
});

function deriveStack(error: OSError): string {
  const head = `${error.name}: ${error.message}`;
  try {
    const cause = error.cause as { stack?: unknown; name?: unknown; message?: unknown } | null;
    if (cause === null || typeof cause !== "object" || !Object.prototype.hasOwnProperty.call(cause, "stack")) return head;
    const native = cause.stack;
    if (typeof native !== "string") return head;
    const nativeHead = `${typeof cause.name === "string" ? cause.name : "Error"}: ${typeof cause.message === "string" ? cause.message : ""}`;
    // V8 (Node, Deno) starts the stack with "Name: message"; JavaScriptCore (Bun) gives frames only.
    return head + (native.startsWith(nativeHead) ? native.slice(nativeHead.length) : `\n${native}`);
  } catch {
    return head; // a cause whose getters throw
  }
}

/** The class for a kind name. */
export function classOf(kind: ErrorKind): typeof OSError {
  return CLASSES[kind];
}

/** The chain of kinds of a class, most specific first (`["BrokenPipeError", "ConnectionError", "OSError"]`). */
export function ancestry(kind: ErrorKind): readonly ErrorKind[] {
  return (CLASSES[kind].prototype as unknown as { [BRAND]: readonly ErrorKind[] })[BRAND];
}
