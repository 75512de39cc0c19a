/**
 * @module
 * Deno's dialect: its `Deno.errors` class names, and the texts of fetch and `Deno.resolveDns`,
 * which carry no class or code. (Rust's `(os error N)` in a message is read by core itself.)
 */

import type { Dialect, MessagePattern, PlacePattern, Row } from "../spec.ts";

/**
 * Every `Deno.errors` class that can come from the network or the operating system, and its
 * neterr class. A name that a library might give its own error (`NotFound`, `Busy`...) needs
 * `evidence`: it is trusted only on an error that also carries a POSIX `code` or an
 * `(os error N)`, as Deno's own errors do, so a library's HTTP 404 called `NotFound` stays
 * unchanged. Names only Deno uses are trusted alone.
 */
export const DENO_ERRORS: Readonly<Record<string, Row>> = {
  ConnectionRefused: "ConnectionRefusedError",
  ConnectionReset: "ConnectionResetError",
  ConnectionAborted: "ConnectionAbortedError",
  BrokenPipe: "BrokenPipeError",
  NotConnected: "NotConnectedError",
  AddrInUse: "AddressInUseError",
  AddrNotAvailable: "AddressNotAvailableError",
  // Deno 2 sets no code on some TimedOut errors: the POSIX code is ETIMEDOUT.
  TimedOut: { kind: "TimeoutError", posix: "ETIMEDOUT" },
  NetworkUnreachable: "NetworkUnreachableError",
  // The peer closed before the exchange was complete (a TLS handshake with a plain TCP server
  // that hangs up; Deno 2.0's node:tls lets it through with no code): as "socket hang up" on
  // Node, a ConnectionResetError.
  UnexpectedEof: "ConnectionResetError",
  // A write that wrote nothing: Deno does not say why. The base class, so `catch (OSError)` holds.
  WriteZero: "OSError",
  Interrupted: { kind: "InterruptedError", evidence: true },
  WouldBlock: { kind: "BlockingIOError", evidence: true },
  PermissionDenied: { kind: "PermissionError", evidence: true },
  // Deno's own sandbox said no (`--allow-net` missing): no retry will help, as with EACCES.
  NotCapable: "PermissionError",
  NotFound: { kind: "FileNotFoundError", evidence: true },
  AlreadyExists: { kind: "FileExistsError", evidence: true },
  // A closed or unknown resource id: the POSIX analogue is EBADF, a bug rather than weather.
  BadResource: { kind: "OSError", posix: "EBADF" },
  // Classes Deno keeps generic: the base class, made precise by the errno where there is one.
  Busy: { kind: "OSError", evidence: true },
  NotSupported: { kind: "OSError", evidence: true },
  FilesystemLoop: { kind: "OSError", evidence: true },
  IsADirectory: { kind: "IsADirectoryError", evidence: true },
  NotADirectory: { kind: "NotADirectoryError", evidence: true },
  // Not socket failures: a corrupt TLS record or bad UTF-8 (InvalidData), an HTTP protocol error
  // (but for hyper's "connection error", in DENO_MESSAGES).
  InvalidData: "unchanged",
  Http: "unchanged",
};

/**
 * Message patterns, where Deno gives no class and no code: only text. Deno's fetch wraps its
 * cause's text (`error sending request for url (...): client error (Connect): dns error: ...`),
 * so the first three match a fragment where it stands; each is a literal, so linear-time.
 */
export const DENO_MESSAGES: readonly MessagePattern[] = [
  // Deno.connect and fetch (`dns error: ...`): getaddrinfo's EAI_AGAIN, as a plain Error's text
  {
    pattern: /failed to lookup address information: Temporary failure in name resolution/,
    kind: "NameResolutionError",
    code: "EAI_AGAIN",
    first: true,
  },
  // Deno.connect and fetch (`dns error: ...`): getaddrinfo's other failures (EAI_NONAME, EAI_NODATA); Node calls them ENOTFOUND
  {
    pattern: /failed to lookup address information: /,
    kind: "NameResolutionError",
    code: "ENOTFOUND",
    first: true,
  },
  // fetch (hyper): the server closed the connection before the response head, as Node's 'socket hang up'
  {
    pattern: /connection closed before message completed/,
    kind: "ConnectionResetError",
    code: "ECONNRESET",
    phase: "receive",
  },
  // fetch body (Response.text() and friends): cut short by a FIN or a RST; Deno does not say which
  {
    pattern: /^error reading a body from connection/,
    name: "TypeError",
    kind: "ConnectionResetError",
    code: "ECONNRESET",
    phase: "receive",
  },
  // fetch https:// (hyper-util's connector, rustls): the peer closed during the TLS handshake (a
  // plain server that hangs up; live on Deno 2.0.6 and 2.9.6, on the TypeError or on its cause).
  // No byte of the request was sent; as Node's "Client network socket disconnected before secure
  // TLS connection was established", a ConnectionResetError.
  {
    pattern: /client error \(Connect\): tls handshake eof/,
    kind: "ConnectionResetError",
    code: "ECONNRESET",
    phase: "tls",
    requestSent: false,
  },
  // Deno.resolveDns (hickory), as a NotFound: NXDOMAIN, and on Deno 2.x also SERVFAIL (Deno gives both the same text)
  {
    pattern: /^(?:proto error: )?no records? found for Query/,
    kind: "NameResolutionError",
    code: "ENOTFOUND",
    first: true,
  },
  // Deno.resolveDns (hickory), as a TimedOut: no name server answered; node:dns calls this ETIMEOUT
  {
    pattern: /^(?:proto error: )?request timed out/,
    kind: "NameResolutionError",
    code: "ETIMEOUT",
    first: true,
  },
  // WebSocket (Deno 2.9.6; Deno 2.0.6 still said `Connection refused (os error 111)` here): the
  // ErrorEvent's `error`, a DOMException NetworkError, for the opening handshake's TCP connect
  // (a closed port, live). hyper-util's text drops the errno: a refusal, a timeout and an
  // unreachable host say it alike, so only the base class holds for all.
  {
    pattern: /^failed to connect to WebSocket: tcp connect error$/,
    name: "NetworkError",
    kind: "OSError",
    phase: "connect",
    requestSent: false,
  },
  // WebSocket (Deno 2.9.6): the same NetworkError for a RST once the TCP connection was up, in the
  // opening handshake (live: the peer resets after reading the request). hyper says "connection
  // error" of any I/O error on the connection, reading or writing: a connection failure, not which
  // one, nor whether the request had been written. (Deno 2.0.6 gives a TypeError of its own there.)
  {
    pattern: /^failed to connect to WebSocket: connection error$/,
    name: "NetworkError",
    kind: "ConnectionError",
  },
  // WebSocket (fastwebsockets; Deno 2.0.6 and 2.9.6): an open connection whose peer closed (FIN)
  // with no close frame, met while reading a frame (live). On 2.9 the text is on the ErrorEvent's
  // `error` (a plain Error), on 2.0 on the ErrorEvent alone (no `name` to filter on). As Deno's
  // `UnexpectedEof` class and Node's "socket hang up", a ConnectionResetError.
  {
    pattern: /^Unexpected EOF$/,
    kind: "ConnectionResetError",
    code: "ECONNRESET",
    phase: "receive",
  },
  // node:http on Deno 2.1 to 2.6: hyper's own error, class `Http` (whose other texts stay
  // unchanged, above), no code and no cause, for an I/O error on a connection once it was up
  // (live: a server that reads the request and resets, RST, before answering; axios keeps it as
  // cause, ws hands it on). A connection failure, not which one, nor whether the request had been
  // written: the generic class, as the WebSocket's "connection error" above. Before the class row.
  { pattern: /^connection error$/, name: "Http", kind: "ConnectionError", first: true },
];

/** Deno's classes and texts, as one dialect. */
/**
 * Where Deno's fetch failed, from its text (hyper's and Deno's wording, the same from 2.0 to 2.9),
 * whatever the class: the errno it met comes after the step it was in.
 *
 * @example
 * ```ts
 * import { normalize, type OSError } from "@neterr/core";
 *
 * const native = new TypeError("error sending request for url (http://127.0.0.1:1/): client error (Connect): tcp connect error: Connection reset by peer (os error 104)");
 * const error = normalize(native) as OSError;
 * console.log(error.name, error.phase, error.requestSent); // ConnectionResetError connect false
 * ```
 */
export const DENO_PLACES: readonly PlacePattern[] = [
  // hyper-util's connector: "client error (Connect): tcp connect error: ..." (Deno 2.x fetch)
  { pattern: /client error \(Connect\)|tcp connect error/, phase: "connect" },
  // Deno's fetch body: "error reading a body from connection: ..."
  { pattern: /error reading a body from connection/, phase: "receive" },
];

export const DENO_DIALECT: Dialect = { names: DENO_ERRORS, messages: DENO_MESSAGES, places: DENO_PLACES };
