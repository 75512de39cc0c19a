/**
 * @module
 * The Deno adapter's tables and mapper: `Deno.errors` classes, Rust's `(os error N)` texts,
 * and the message patterns of fetch and `Deno.resolveDns`.
 */

import {
  type Adapter,
  type AdapterSpec,
  type Context,
  createAdapter,
  type ErrorKind,
  errnoOf,
  lookupCode,
  lookupNumber,
  type Match,
  type MessagePattern,
  type NativeFields,
  NODE_API_CODES,
  type OSError,
  type Platform,
} from "@neterr/core";

/**
 * Every `Deno.errors` class that can come from the network or the operating system, and its
 * neterr class. `undefined`: Deno's class says it is not a socket or OS failure (the input is
 * returned unchanged). A class is trusted only on a real `Deno.errors` instance, or on an error
 * that also carries an `(os error N)` or a POSIX `code`: a library's own `NotFound` error (an
 * HTTP 404, say) must not become a `FileNotFoundError`.
 */
export const DENO_ERRORS: Readonly<Record<string, ErrorKind | undefined>> = {
  ConnectionRefused: "ConnectionRefusedError",
  ConnectionReset: "ConnectionResetError",
  ConnectionAborted: "ConnectionAbortedError",
  BrokenPipe: "BrokenPipeError",
  NotConnected: "NotConnectedError",
  AddrInUse: "AddressInUseError",
  AddrNotAvailable: "AddressNotAvailableError",
  TimedOut: "TimeoutError",
  NetworkUnreachable: "NetworkUnreachableError",
  // The peer closed before the exchange was complete (a TLS handshake with a plain TCP server
  // that hangs up): as "socket hang up" on Node, a ConnectionResetError.
  UnexpectedEof: "ConnectionResetError",
  // A write that wrote nothing: Deno does not say why. The base class, so `catch (OSError)` holds.
  WriteZero: "OSError",
  Interrupted: "InterruptedError",
  WouldBlock: "BlockingIOError",
  PermissionDenied: "PermissionError",
  // Deno's own sandbox said no (`--allow-net` missing): no retry will help, as with EACCES.
  NotCapable: "PermissionError",
  NotFound: "FileNotFoundError",
  AlreadyExists: "FileExistsError",
  // A closed or unknown resource id: the POSIX analogue is EBADF, a bug rather than weather.
  BadResource: "OSError",
  Busy: "OSError",
  NotSupported: "OSError",
  FilesystemLoop: "OSError",
  IsADirectory: "IsADirectoryError",
  NotADirectory: "NotADirectoryError",
  // Not socket failures: a corrupt TLS record or bad UTF-8 (InvalidData), an HTTP protocol error.
  InvalidData: undefined,
  Http: undefined,
};

/**
 * Deno's `Deno.errors` classes' POSIX codes, for errors that carry neither a `code` nor an
 * `(os error N)` (Deno 2 sets `code` on most, never on `UnexpectedEof` or `BadResource`).
 */
const DENO_ERROR_CODES: Readonly<Record<string, string>> = {
  BadResource: "EBADF",
  TimedOut: "ETIMEDOUT",
};

/**
 * Message patterns, where Deno gives no class and no code: only text. Every pattern is a
 * literal or a literal followed by a bounded class, so each runs in linear time.
 */
export const DENO_MESSAGES: readonly MessagePattern[] = [
  {
    pattern: /failed to lookup address information: Temporary failure in name resolution/,
    kind: "NameResolutionError",
    code: "EAI_AGAIN",
    why: "Deno.connect and fetch (`dns error: ...`): getaddrinfo's EAI_AGAIN, as a plain Error's text",
  },
  {
    pattern: /failed to lookup address information: /,
    kind: "NameResolutionError",
    code: "ENOTFOUND",
    why: "Deno.connect and fetch (`dns error: ...`): getaddrinfo's other failures (EAI_NONAME, EAI_NODATA); Node calls them ENOTFOUND",
  },
  {
    pattern: /connection closed before message completed/,
    kind: "ConnectionResetError",
    code: "ECONNRESET",
    why: "fetch (hyper): the server closed the connection before the response head, as Node's 'socket hang up'",
  },
  {
    pattern: /^error reading a body from connection/,
    name: "TypeError",
    kind: "ConnectionResetError",
    code: "ECONNRESET",
    why: "fetch body (Response.text() and friends): cut short by a FIN or a RST; Deno does not say which",
  },
  {
    pattern: /^(?:proto error: )?no records? found for Query/,
    kind: "NameResolutionError",
    code: "ENOTFOUND",
    why: "Deno.resolveDns (hickory): NXDOMAIN, and on Deno 2.x also SERVFAIL (Deno gives both the same text)",
  },
  {
    pattern: /^(?:proto error: )?request timed out/,
    kind: "NameResolutionError",
    code: "ETIMEOUT",
    why: "Deno.resolveDns (hickory): no name server answered; node:dns calls this ETIMEOUT",
  },
];

const PLATFORMS: Readonly<Record<string, Platform>> = { linux: "linux", darwin: "darwin", windows: "win32" };

/** Rust's `std::io::Error` text: `Connection refused (os error 111)`. */
const OS_ERROR = /\(os error (-?\d{1,6})\)/;

const platform: Platform = (typeof Deno !== "undefined" && PLATFORMS[Deno.build?.os ?? ""]) || "linux";

const isDenoErrorClass = (error: object, name: string): boolean => {
  try {
    const Class = typeof Deno !== "undefined" ? (Deno.errors as Record<string, unknown> | undefined)?.[name] : undefined;
    return typeof Class === "function" && error instanceof (Class as new () => unknown);
  } catch {
    return false;
  }
};

/** Resolver failures (messages of `Deno.resolveDns`) come as NotFound/TimedOut: read the text first. */
const resolverPattern = (fields: NativeFields): MessagePattern | undefined =>
  fields.message === undefined ? undefined : DENO_MESSAGES.find((p) => p.kind === "NameResolutionError" && p.pattern.test(fields.message!));

function denoMatch(error: object, fields: NativeFields): Match | undefined {
  const { name, message, code } = fields;
  const known = name !== undefined && Object.hasOwn(DENO_ERRORS, name);
  const resolver = resolverPattern(fields);
  if (resolver && (known || name === "Error" || name === "TypeError")) return { kind: resolver.kind, code: resolver.code };
  const os = message === undefined ? undefined : OS_ERROR.exec(message);
  const found = os ? lookupNumber(Number(os[1]), platform) : undefined;
  const byCode = code === undefined ? undefined : lookupCode(code);
  const row = found?.row ?? byCode?.row;
  const fromTables = { errno: row && errnoOf(row, platform), strerror: row?.strerror };
  if (known && (found || byCode || isDenoErrorClass(error, name))) {
    const kind = DENO_ERRORS[name];
    if (kind === undefined) return undefined;
    // A class Deno keeps generic (Busy, WriteZero...) is made precise by its errno where there is one.
    return { ...fromTables, kind: found && kind === "OSError" ? found.kind : kind, code: found?.code ?? code ?? DENO_ERROR_CODES[name] };
  }
  // A plain Error (fetch's cause, Deno < 2.9.2's fetch TypeError) that kept only the OS's text.
  if (found && code === undefined) return { ...fromTables, kind: found.kind, code: found.code };
  return undefined;
}

/** The adapter's tables, for those who compose their own (`createAdapter({ ...DENO_SPEC, ... })`). */
export const DENO_SPEC: AdapterSpec = {
  runtime: "deno",
  platform,
  // Deno's node:net and node:stream throw Node's codes (ERR_STREAM_DESTROYED, UNKNOWN, ...).
  codes: NODE_API_CODES,
  messages: DENO_MESSAGES,
  match: denoMatch,
};

/** The Deno adapter: `normalize` and `toOSError` bound to {@link DENO_SPEC}. */
export const adapter: Adapter = createAdapter(DENO_SPEC);

/**
 * Maps what Deno threw: a neterr error if it is a network or OS failure (the native error is its
 * `cause`, its `code`, `errno`, `syscall`, `address` and `port` are kept where Deno gave them);
 * the same object if it already is one; the input unchanged otherwise (a user's own
 * `AbortError` included). Never throws.
 *
 * @example
 * ```ts
 * import { normalize } from "@neterr/deno";
 *
 * const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
 * const { port } = listener.addr as Deno.NetAddr;
 * listener.close(); // nothing listens there now
 * try {
 *   await fetch(`http://127.0.0.1:${port}/`);
 * } catch (thrown) {
 *   const error = normalize(thrown) as Error;
 *   console.log(error.name, error.cause === thrown); // ConnectionRefusedError true
 * }
 * ```
 */
export const normalize: (error: unknown, context?: Context) => unknown = adapter.normalize;

/**
 * Like {@link normalize}, but `undefined` when `error` is not a network or OS failure.
 *
 * @example
 * ```ts
 * import { toOSError } from "@neterr/deno";
 *
 * console.log(toOSError(new Deno.errors.InvalidData("corrupt TLS record"))); // undefined
 * ```
 */
export const toOSError: (error: unknown, context?: Context) => OSError | undefined = adapter.toOSError;
