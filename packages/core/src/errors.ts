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
 * Where an operation failed: resolving the name, connecting, the TLS handshake, sending the
 * request, receiving the response (or any read), or listening (bind, listen, accept).
 */
export type Phase = "resolve" | "connect" | "tls" | "send" | "receive" | "listen";

/**
 * Which clock ran out: the name lookup's, the connect's, the TLS handshake's, the wait for the
 * response head (`"response"`), the wait between reads of a body or stream (`"idle"`), the
 * kernel's keep-alive or retransmission probes (`"keepalive"`), or the caller's own deadline on
 * the whole call (`"deadline"`: `AbortSignal.timeout()`).
 */
export type TimeoutKind = "resolve" | "connect" | "tls" | "response" | "idle" | "keepalive" | "deadline";

/**
 * The tree, as data: each class's parent (`OSError` has none). `instanceof` and the brand check
 * read it, so that no class needs the others: importing one class costs one class.
 */
const PARENT = { OSError: "" } as Record<ErrorKind, ErrorKind | "">;
// OSError's children, then ConnectionError's: lists of names, as a record of 23 keys and their
// parents would cost every bundle more bytes.
for (const kind of "ConnectionError BlockingIOError ChildProcessError FileExistsError FileNotFoundError InterruptedError IsADirectoryError NotADirectoryError PermissionError ProcessLookupError TimeoutError AddressInUseError AddressNotAvailableError NotConnectedError NameResolutionError".split(" ")) PARENT[kind as ErrorKind] = "OSError";
for (const kind of "BrokenPipeError ConnectionAbortedError ConnectionRefusedError ConnectionResetError HostUnreachableError NetworkUnreachableError NetworkDownError".split(" ")) PARENT[kind as ErrorKind] = "ConnectionError";

/** The chain of kinds from `kind` up to `OSError`, most specific first (`["BrokenPipeError", "ConnectionError", "OSError"]`). */
export function ancestry(kind: ErrorKind): readonly ErrorKind[] {
  const chain: ErrorKind[] = [];
  for (let k: ErrorKind | "" = Object.hasOwn(PARENT, kind) ? kind : "OSError"; k !== ""; k = PARENT[k]) chain.push(k);
  return chain;
}

/**
 * The brand: `OSError.prototype` answers, under this registry symbol, the kind of the instance's
 * class (its own `kind`, or the nearest neterr ancestor's for a user's subclass). `Symbol.for`
 * makes it the same key in every copy of `@neterr/core` and every realm, so identity survives two
 * installed versions.
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
  /** Where the operation failed; undefined when the evidence cannot say. */
  phase?: Phase | undefined;
  /**
   * Did any of the request reach the peer? `false` only when the evidence shows that nothing
   * did (refused, name resolution, a connect timeout); `true` when it was sent and may have been
   * processed; undefined when it cannot be told (treat it as sent).
   */
  requestSent?: boolean | undefined;
  /** For a `TimeoutError`: which clock ran out; undefined when the evidence cannot say. */
  timeout?: TimeoutKind | undefined;
}


/**
 * The root of the hierarchy: an operating-system or network failure, as Python's `OSError`.
 *
 * `instanceof` works across copies of `@neterr/core` (two versions in one `node_modules`) and
 * across realms: it checks a `Symbol.for` brand, not the prototype chain.
 *
 * @example
 * ```ts
 * import { ConnectionError, ConnectionRefusedError, OSError } from "@neterr/core";
 *
 * const error = new ConnectionRefusedError("connect ECONNREFUSED 127.0.0.1:5432", { code: "ECONNREFUSED", port: 5432 });
 * console.log(error instanceof ConnectionError, error instanceof OSError, error.port); // true true 5432
 * ```
 */
export class OSError extends Error {
  /** The class name that `instanceof` checks for; every subclass has its own. */
  static readonly kind: ErrorKind = "OSError";
  /** The class name, a literal type on every class: `switch (error.name)` narrows. */
  declare readonly name: ErrorKind;
  declare readonly code: string | undefined;
  declare readonly errno: number | undefined;
  declare readonly strerror: string | undefined;
  declare readonly syscall: string | undefined;
  declare readonly address: string | undefined;
  declare readonly port: number | undefined;
  declare readonly path: string | undefined;
  declare readonly hostname: string | undefined;
  declare readonly runtime: string | undefined;
  declare readonly errors: readonly unknown[] | undefined;
  /** Where the operation failed (see {@link Phase}); undefined when the evidence cannot say. */
  declare readonly phase: Phase | undefined;
  /**
   * `false` only when the evidence shows that nothing of the request reached the peer (safe to
   * send again, whatever the method); `true` when it was sent and may have been processed;
   * undefined when it cannot be told: treat it as sent.
   */
  declare readonly requestSent: boolean | undefined;
  declare readonly cause: unknown;

  /**
   * @param message the message; neterr's mappers keep the native message text here.
   * @param init the fields; `cause` is kept as the same object.
   */
  constructor(message?: string, init?: OSErrorInit) {
    super(message, init && "cause" in init ? { cause: init.cause } : undefined);
    // The class's own kind (a user's subclass inherits its nearest neterr ancestor's), as an own
    // field like Error's other fields: each class says its name once, in `static kind`. The
    // fields are declared, not initialized: each is defined once, here (a class field would be
    // defined as undefined first, and on Bun that costs more than the Error itself).
    (this as { name: string }).name = new.target.kind;
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
    this.phase = init?.phase;
    this.requestSent = init?.requestSent;
  }

  /**
   * What `JSON.stringify` writes: the name, the message and every field that is set, and the
   * native cause in short (its name, message and code). `Error`'s own fields are not enumerable,
   * so without this a log line would lose them. Safe on cyclic and huge cause graphs.
   *
   * @example
   * ```ts
   * import { normalize } from "@neterr/core";
   *
   * const native = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", syscall: "connect", port: 5432 });
   * console.log(JSON.stringify(normalize(native)));
   * // {"name":"ConnectionRefusedError","message":"connect ECONNREFUSED 127.0.0.1:5432","code":"ECONNREFUSED","errno":111,"syscall":"connect","port":5432,"phase":"connect","requestSent":false,"cause":{"name":"Error","message":"connect ECONNREFUSED 127.0.0.1:5432","code":"ECONNREFUSED"}}
   * ```
   */
  toJSON(): OSErrorJSON {
    return jsonOf(this);
  }

  /** `instanceof` by brand, so it holds across copies of core and across realms. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // A user's own subclass of a neterr class has no own `kind`: ordinary instanceof for it.
    if (!Object.hasOwn(this, "kind")) return Function.prototype[Symbol.hasInstance].call(this, value);
    const wanted = (this as unknown as typeof OSError).kind;
    for (let k: ErrorKind | "" | undefined = kindOf(value); k; k = PARENT[k]) if (k === wanted) return true;
    return false;
  }

}

// The brand, on the root's prototype only: the kind of the instance's class (a user's subclass
// inherits its nearest neterr ancestor's `kind`).
Object.defineProperty(OSError.prototype, BRAND, {
  get(this: OSError): ErrorKind {
    return (this.constructor as typeof OSError).kind;
  },
});

/** Is `value` a neterr error (from any copy of `@neterr/core`)? */
export function isOSError(value: unknown): value is OSError {
  return kindOf(value) !== undefined;
}

/** The class name of a neterr error, or undefined for anything else. */
export function kindOf(value: unknown): ErrorKind | undefined {
  // The kind its brand names. A forged brand (an own property, or anything but the name of a
  // neterr class) is no brand: it must not make anything look like one of ours.
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return undefined;
  try {
    const kind = (value as { [BRAND]?: unknown })[BRAND];
    if (typeof kind !== "string" || !Object.hasOwn(PARENT, kind)) return undefined;
    // Every copy of core puts the brand on `OSError.prototype`, never on an instance. (Asked
    // only of a value that has a brand: on a native Error, hasOwn costs more than the rest.)
    return Object.hasOwn(value, BRAND) ? undefined : (kind as ErrorKind);
  } catch {
    return undefined; // a Proxy whose `get` trap throws is not one of ours
  }
}

/**
 * A connection could not be made or was lost. Python's four subclasses, plus neterr's three
 * routing failures (host unreachable, network unreachable, network down): one `catch` for
 * "the connection failed".
 */
export class ConnectionError extends OSError {
  static override readonly kind: ErrorKind = "ConnectionError";
  declare readonly name: ConnectionKind;
}

/** EAGAIN, EWOULDBLOCK, EALREADY, EINPROGRESS: the operation would block. */
export class BlockingIOError extends OSError {
  static override readonly kind: ErrorKind = "BlockingIOError";
  declare readonly name: "BlockingIOError";
}
/** ECHILD: no such child process. */
export class ChildProcessError extends OSError {
  static override readonly kind: ErrorKind = "ChildProcessError";
  declare readonly name: "ChildProcessError";
}
/** EPIPE, ESHUTDOWN: writing to a connection whose other end (or our own write side) is closed. */
export class BrokenPipeError extends ConnectionError {
  static override readonly kind: ErrorKind = "BrokenPipeError";
  declare readonly name: "BrokenPipeError";
}
/** ECONNABORTED: the connection was aborted on this host. */
export class ConnectionAbortedError extends ConnectionError {
  static override readonly kind: ErrorKind = "ConnectionAbortedError";
  declare readonly name: "ConnectionAbortedError";
}
/** ECONNREFUSED: nothing listens there (or a Unix socket file whose server died). */
export class ConnectionRefusedError extends ConnectionError {
  static override readonly kind: ErrorKind = "ConnectionRefusedError";
  declare readonly name: "ConnectionRefusedError";
}
/** ECONNRESET, ENETRESET: the peer reset the connection, or closed it before answering. */
export class ConnectionResetError extends ConnectionError {
  static override readonly kind: ErrorKind = "ConnectionResetError";
  declare readonly name: "ConnectionResetError";
}
/** EHOSTUNREACH, EHOSTDOWN: no route to the host. (Python: bare OSError.) */
export class HostUnreachableError extends ConnectionError {
  static override readonly kind: ErrorKind = "HostUnreachableError";
  declare readonly name: "HostUnreachableError";
}
/** ENETUNREACH, ENONET: no route to the network. (Python: bare OSError.) */
export class NetworkUnreachableError extends ConnectionError {
  static override readonly kind: ErrorKind = "NetworkUnreachableError";
  declare readonly name: "NetworkUnreachableError";
}
/** ENETDOWN: the local network interface is down. (Python: bare OSError.) */
export class NetworkDownError extends ConnectionError {
  static override readonly kind: ErrorKind = "NetworkDownError";
  declare readonly name: "NetworkDownError";
}
/** EEXIST. */
export class FileExistsError extends OSError {
  static override readonly kind: ErrorKind = "FileExistsError";
  declare readonly name: "FileExistsError";
}
/** ENOENT; for sockets: a Unix socket path that does not exist. */
export class FileNotFoundError extends OSError {
  static override readonly kind: ErrorKind = "FileNotFoundError";
  declare readonly name: "FileNotFoundError";
}
/** EINTR: a system call interrupted by a signal. */
export class InterruptedError extends OSError {
  static override readonly kind: ErrorKind = "InterruptedError";
  declare readonly name: "InterruptedError";
}
/** EISDIR. */
export class IsADirectoryError extends OSError {
  static override readonly kind: ErrorKind = "IsADirectoryError";
  declare readonly name: "IsADirectoryError";
}
/** ENOTDIR. */
export class NotADirectoryError extends OSError {
  static override readonly kind: ErrorKind = "NotADirectoryError";
  declare readonly name: "NotADirectoryError";
}
/** EACCES, EPERM; also a runtime's permission sandbox (Deno's `NotCapable`). */
export class PermissionError extends OSError {
  static override readonly kind: ErrorKind = "PermissionError";
  declare readonly name: "PermissionError";
}
/** ESRCH. */
export class ProcessLookupError extends OSError {
  static override readonly kind: ErrorKind = "ProcessLookupError";
  declare readonly name: "ProcessLookupError";
}
/** ETIMEDOUT, and the runtimes' own timeouts (`AbortSignal.timeout()`, HTTP client timeouts). */
export class TimeoutError extends OSError {
  static override readonly kind: ErrorKind = "TimeoutError";
  declare readonly name: "TimeoutError";
  /** Which clock ran out (see {@link TimeoutKind}); undefined when the evidence cannot say. */
  declare readonly timeout: TimeoutKind | undefined;

  constructor(message?: string, init?: OSErrorInit) {
    super(message, init);
    this.timeout = init?.timeout;
  }
}
/** EADDRINUSE: the address (or Unix socket path) is taken. (Python: bare OSError.) */
export class AddressInUseError extends OSError {
  static override readonly kind: ErrorKind = "AddressInUseError";
  declare readonly name: "AddressInUseError";
}
/** EADDRNOTAVAIL: the address is not on this host, or no local port is free. (Python: bare OSError.) */
export class AddressNotAvailableError extends OSError {
  static override readonly kind: ErrorKind = "AddressNotAvailableError";
  declare readonly name: "AddressNotAvailableError";
}
/** ENOTCONN: the socket is not connected. (Python: bare OSError.) */
export class NotConnectedError extends OSError {
  static override readonly kind: ErrorKind = "NotConnectedError";
  declare readonly name: "NotConnectedError";
}
/** A DNS or getaddrinfo failure: ENOTFOUND, EAI_*, ESERVFAIL, ETIMEOUT... (Python: socket.gaierror.) */
export class NameResolutionError extends OSError {
  static override readonly kind: ErrorKind = "NameResolutionError";
  declare readonly name: "NameResolutionError";
}

