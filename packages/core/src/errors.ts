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

import { type ErrnoRow, errnoOf, lookupCode, lookupNumber, type Platform } from "./errno.ts";
import { jsonOf, type OSErrorJSON } from "./json.ts";

/** The name of a connection failure's class: `ConnectionError` and its seven subclasses. */
export type ConnectionKind =
  | "ConnectionError"
  | "BrokenPipeError"
  | "ConnectionAbortedError"
  | "ConnectionRefusedError"
  | "ConnectionResetError"
  | "HostUnreachableError"
  | "NetworkUnreachableError"
  | "NetworkDownError";

/** The name of a neterr error class, as found in `error.name`. */
export type ErrorKind =
  | "OSError"
  | ConnectionKind
  | "BlockingIOError"
  | "ChildProcessError"
  | "FileExistsError"
  | "FileNotFoundError"
  | "InterruptedError"
  | "IsADirectoryError"
  | "NotADirectoryError"
  | "PermissionError"
  | "ProcessLookupError"
  | "TimeoutError"
  | "AddressInUseError"
  | "AddressNotAvailableError"
  | "NotConnectedError"
  | "NameResolutionError";

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

/**
 * The brand's chain of kinds, or undefined. A forged brand (an own property, not an array, longer
 * than the tree is deep, or naming anything but neterr classes) is no brand: it must not make
 * anything look like one of ours.
 */
const kindsOf = (value: unknown): readonly ErrorKind[] | undefined => {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return undefined;
  try {
    const kinds = (value as { [BRAND]?: unknown })[BRAND];
    if (!Array.isArray(kinds) || kinds.length === 0 || kinds.length > deepest) return undefined;
    // Every copy of core puts the brand on its classes' prototypes, never on an instance. (Asked
    // only of a value that has a brand: on a native Error, hasOwn costs more than the rest.)
    if (Object.hasOwn(value, BRAND)) return undefined;
    for (const kind of kinds) if (typeof kind !== "string" || !Object.hasOwn(CLASSES, kind)) return undefined;
    return kinds as ErrorKind[];
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
  /** The class name, a literal type on every class: `switch (error.name)` narrows. */
  override readonly name: ErrorKind = "OSError";
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

  /**
   * What `JSON.stringify` writes: the name, the message and every field that is set, and the
   * native cause in short (its name, message and code). `Error`'s own fields are not enumerable,
   * so without this a log line would lose them. Safe on cyclic and huge cause graphs.
   *
   * @example
   * ```ts
   * import { OSError } from "@neterr/core";
   *
   * const native = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
   * console.log(JSON.stringify(OSError.from("ECONNREFUSED", { port: 5432, cause: native })));
   * // {"name":"ConnectionRefusedError","message":"Connection refused","code":"ECONNREFUSED","errno":111,"strerror":"Connection refused","port":5432,"cause":{"name":"Error","message":"connect ECONNREFUSED 127.0.0.1:5432","code":"ECONNREFUSED"}}
   * ```
   */
  toJSON(): OSErrorJSON {
    return jsonOf(this);
  }

  /** `instanceof` by brand, so it holds across copies of core and across realms. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // A user's own subclass of a neterr class has no own `kind`: ordinary instanceof for it.
    if (!Object.hasOwn(this, "kind")) return Function.prototype[Symbol.hasInstance].call(this, value);
    const kinds = kindsOf(value);
    try {
      return kinds !== undefined && kinds.includes((this as unknown as typeof OSError).kind);
    } catch {
      return false; // a forged chain whose elements throw
    }
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
  override readonly name: ConnectionKind = "ConnectionError";
}

/** EAGAIN, EWOULDBLOCK, EALREADY, EINPROGRESS: the operation would block. */
export class BlockingIOError extends OSError {
  static override readonly kind: ErrorKind = "BlockingIOError";
  override readonly name: "BlockingIOError" = "BlockingIOError";
}
/** ECHILD: no such child process. */
export class ChildProcessError extends OSError {
  static override readonly kind: ErrorKind = "ChildProcessError";
  override readonly name: "ChildProcessError" = "ChildProcessError";
}
/** EPIPE, ESHUTDOWN: writing to a connection whose other end (or our own write side) is closed. */
export class BrokenPipeError extends ConnectionError {
  static override readonly kind: ErrorKind = "BrokenPipeError";
  override readonly name: "BrokenPipeError" = "BrokenPipeError";
}
/** ECONNABORTED: the connection was aborted on this host. */
export class ConnectionAbortedError extends ConnectionError {
  static override readonly kind: ErrorKind = "ConnectionAbortedError";
  override readonly name: "ConnectionAbortedError" = "ConnectionAbortedError";
}
/** ECONNREFUSED: nothing listens there (or a Unix socket file whose server died). */
export class ConnectionRefusedError extends ConnectionError {
  static override readonly kind: ErrorKind = "ConnectionRefusedError";
  override readonly name: "ConnectionRefusedError" = "ConnectionRefusedError";
}
/** ECONNRESET, ENETRESET: the peer reset the connection, or closed it before answering. */
export class ConnectionResetError extends ConnectionError {
  static override readonly kind: ErrorKind = "ConnectionResetError";
  override readonly name: "ConnectionResetError" = "ConnectionResetError";
}
/** EHOSTUNREACH, EHOSTDOWN: no route to the host. (Python: bare OSError.) */
export class HostUnreachableError extends ConnectionError {
  static override readonly kind: ErrorKind = "HostUnreachableError";
  override readonly name: "HostUnreachableError" = "HostUnreachableError";
}
/** ENETUNREACH, ENONET: no route to the network. (Python: bare OSError.) */
export class NetworkUnreachableError extends ConnectionError {
  static override readonly kind: ErrorKind = "NetworkUnreachableError";
  override readonly name: "NetworkUnreachableError" = "NetworkUnreachableError";
}
/** ENETDOWN: the local network interface is down. (Python: bare OSError.) */
export class NetworkDownError extends ConnectionError {
  static override readonly kind: ErrorKind = "NetworkDownError";
  override readonly name: "NetworkDownError" = "NetworkDownError";
}
/** EEXIST. */
export class FileExistsError extends OSError {
  static override readonly kind: ErrorKind = "FileExistsError";
  override readonly name: "FileExistsError" = "FileExistsError";
}
/** ENOENT; for sockets: a Unix socket path that does not exist. */
export class FileNotFoundError extends OSError {
  static override readonly kind: ErrorKind = "FileNotFoundError";
  override readonly name: "FileNotFoundError" = "FileNotFoundError";
}
/** EINTR: a system call interrupted by a signal. */
export class InterruptedError extends OSError {
  static override readonly kind: ErrorKind = "InterruptedError";
  override readonly name: "InterruptedError" = "InterruptedError";
}
/** EISDIR. */
export class IsADirectoryError extends OSError {
  static override readonly kind: ErrorKind = "IsADirectoryError";
  override readonly name: "IsADirectoryError" = "IsADirectoryError";
}
/** ENOTDIR. */
export class NotADirectoryError extends OSError {
  static override readonly kind: ErrorKind = "NotADirectoryError";
  override readonly name: "NotADirectoryError" = "NotADirectoryError";
}
/** EACCES, EPERM; also a runtime's permission sandbox (Deno's `NotCapable`). */
export class PermissionError extends OSError {
  static override readonly kind: ErrorKind = "PermissionError";
  override readonly name: "PermissionError" = "PermissionError";
}
/** ESRCH. */
export class ProcessLookupError extends OSError {
  static override readonly kind: ErrorKind = "ProcessLookupError";
  override readonly name: "ProcessLookupError" = "ProcessLookupError";
}
/** ETIMEDOUT, and the runtimes' own timeouts (`AbortSignal.timeout()`, HTTP client timeouts). */
export class TimeoutError extends OSError {
  static override readonly kind: ErrorKind = "TimeoutError";
  override readonly name: "TimeoutError" = "TimeoutError";
}
/** EADDRINUSE: the address (or Unix socket path) is taken. (Python: bare OSError.) */
export class AddressInUseError extends OSError {
  static override readonly kind: ErrorKind = "AddressInUseError";
  override readonly name: "AddressInUseError" = "AddressInUseError";
}
/** EADDRNOTAVAIL: the address is not on this host, or no local port is free. (Python: bare OSError.) */
export class AddressNotAvailableError extends OSError {
  static override readonly kind: ErrorKind = "AddressNotAvailableError";
  override readonly name: "AddressNotAvailableError" = "AddressNotAvailableError";
}
/** ENOTCONN: the socket is not connected. (Python: bare OSError.) */
export class NotConnectedError extends OSError {
  static override readonly kind: ErrorKind = "NotConnectedError";
  override readonly name: "NotConnectedError" = "NotConnectedError";
}
/** A DNS or getaddrinfo failure: ENOTFOUND, EAI_*, ESERVFAIL, ETIMEOUT... (Python: socket.gaierror.) */
export class NameResolutionError extends OSError {
  static override readonly kind: ErrorKind = "NameResolutionError";
  override readonly name: "NameResolutionError" = "NameResolutionError";
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

/** The longest chain of kinds (the tree's depth): a longer brand is forged. */
let deepest = 0;
// Brand every prototype with its chain of kinds, most specific first.
for (const Class of Object.values(CLASSES)) {
  const kinds: string[] = [];
  for (let c: unknown = Class; typeof c === "function" && Object.hasOwn(c, "kind"); c = Object.getPrototypeOf(c)) {
    kinds.push((c as typeof OSError).kind);
  }
  Object.defineProperty(Class.prototype, BRAND, { value: Object.freeze(kinds) });
  deepest = Math.max(deepest, kinds.length);
}

/** The class for a kind name. */
export function classOf(kind: ErrorKind): typeof OSError {
  return Object.hasOwn(CLASSES, kind) ? CLASSES[kind] : OSError;
}

/** The chain of kinds of a class, most specific first (`["BrokenPipeError", "ConnectionError", "OSError"]`). */
export function ancestry(kind: ErrorKind): readonly ErrorKind[] {
  return (classOf(kind).prototype as unknown as { [BRAND]: readonly ErrorKind[] })[BRAND];
}
