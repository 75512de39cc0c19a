/**
 * @module
 * `isTransient`: may the same operation succeed if it is tried again (on a new connection)? And,
 * with `{ idempotent: false }`, may this request be sent again without doing it twice? One table,
 * by class, with the reason for each answer, and one rule for requests that are not idempotent.
 */

import { type ErrorKind, kindOf, type OSError } from "./errors.ts";
import { toOSError } from "./registry.ts";

type Rule = boolean | ((error: OSError) => boolean);

const OUTBOUND: ReadonlySet<string> = /* @__PURE__ */ new Set(/* @__PURE__ */ "connect write read send sendto sendmsg recv recvmsg".split(" "));
// getaddrinfo's EAI_AGAIN ("temporary failure in name resolution"); ESERVFAIL (the server failed;
// RFC 1035 calls SERVFAIL a server problem, not an answer); ETIMEOUT (no server answered in time);
// EBADRESP (a mangled answer, often truncated in transit); WSATRY_AGAIN (Winsock's EAI_AGAIN). And
// a DNS server that could not be reached or did not answer is weather, not an answer (Bun's
// DNSException carries the socket's code): ECONNREFUSED, ECONNRESET, ETIMEDOUT, ENETUNREACH,
// EHOSTUNREACH. (One string split: a bundle pays more for a list of string literals.)
const RESOLVER_WEATHER: ReadonlySet<string> = /* @__PURE__ */ new Set(
  /* @__PURE__ */ "EAI_AGAIN ESERVFAIL ETIMEOUT EBADRESP WSATRY_AGAIN ECONNREFUSED ECONNRESET ETIMEDOUT ENETUNREACH EHOSTUNREACH".split(" "),
);

/**
 * The table. `true`: a retry may succeed; `false`: it will fail the same way until something
 * else changes (configuration, code, permissions). Classes not listed are not transient.
 */
export const TRANSIENT: Readonly<Partial<Record<ErrorKind, Rule>>> = {
  // The server may be restarting, or its accept queue was full for a moment.
  ConnectionRefusedError: true,
  // The peer or a middlebox dropped the connection; a new connection is a new chance.
  ConnectionResetError: true,
  // This host aborted the connection (timeout during the handshake, socket killed by an admin).
  ConnectionAbortedError: true,
  // The connection closed under our write; the request may not have arrived: retry on a new one
  // only if the operation is idempotent (neterr cannot know that).
  BrokenPipeError: true,
  // Nothing answered in time; the next try may be luckier.
  TimeoutError: true,
  // Routing and links come back: Wi-Fi roaming, VPN reconnecting, a route flapping.
  HostUnreachableError: true,
  NetworkUnreachableError: true,
  NetworkDownError: true,
  // EAGAIN / EINTR literally mean "try again".
  BlockingIOError: true,
  InterruptedError: true,
  // On connect, no free local port (ephemeral ports exhausted) clears as TIME_WAIT ends; on
  // bind/listen the address belongs to someone else or is not on this host: not transient.
  AddressInUseError: (e) => e.syscall !== undefined && OUTBOUND.has(e.syscall),
  AddressNotAvailableError: (e) => e.syscall !== undefined && OUTBOUND.has(e.syscall),
  // NXDOMAIN is an answer; SERVFAIL, a timeout or EAI_AGAIN are not.
  NameResolutionError: (e) => e.code !== undefined && RESOLVER_WEATHER.has(e.code),
  // Not transient: PermissionError, FileNotFoundError (a missing Unix socket path), NotConnectedError
  // (a bug: using a socket before it connected or after it closed), and plain OSError.
};

/** Options of {@link isTransient}. */
export interface TransientOptions {
  /**
   * Is the request idempotent (doing it twice is the same as doing it once: GET, PUT, DELETE...;
   * see {@link isIdempotent})? With `false`, a failure is retried only if nothing of the request
   * reached the peer (`requestSent === false`): a POST that met a refused connection may be sent
   * again, one whose connection was reset while waiting for the response may not (it may have
   * been processed). Python's urllib3 does the same (its `read` retries are off for
   * non-idempotent methods; `connect` errors always retry), and gRPC retries transparently only
   * what never left the client. Without the option, the request's fate is not asked.
   */
  readonly idempotent?: boolean;
}

/**
 * May the failed operation succeed if retried? Accepts a neterr error or anything a runtime
 * threw (it is mapped with the installed adapter first); false for anything that is not a
 * network or OS failure. With `{ idempotent: false }`, also false unless the evidence shows that
 * nothing of the request was sent. Never throws.
 *
 * A timeout of the caller's own deadline (`AbortSignal.timeout()` on the whole call,
 * `timeout: "deadline"`) is transient like any other timeout: whether time is left for another
 * try is the caller's budget, which neterr cannot see.
 *
 * @example
 * ```ts
 * import { fromErrno, isTransient } from "@neterr/core";
 *
 * console.log(isTransient(fromErrno("ECONNRESET")), isTransient(fromErrno("ENOTFOUND"))); // true false
 * const refused = fromErrno("ECONNREFUSED", { requestSent: false });
 * const reset = fromErrno("ECONNRESET", { syscall: "read", requestSent: true });
 * console.log(isTransient(refused, { idempotent: false }), isTransient(reset, { idempotent: false })); // true false
 * ```
 */
export function isTransient(error: unknown, options?: TransientOptions): boolean {
  const mapped = toOSError(error);
  if (mapped === undefined) return false;
  try {
    const kind = kindOf(mapped) ?? "OSError";
    const rule = Object.hasOwn(TRANSIENT, kind) ? TRANSIENT[kind] : undefined;
    const transient = typeof rule === "function" ? rule(mapped) === true : rule === true;
    return transient && (options?.idempotent !== false || mapped.requestSent === false);
  } catch {
    return false;
  }
}

/** RFC 9110's idempotent methods (section 9.2.2). */
const IDEMPOTENT: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]);

/**
 * Is an HTTP method idempotent (RFC 9110, 9.2.2: GET, HEAD, OPTIONS, TRACE, PUT, DELETE)? For
 * `isTransient(error, { idempotent: isIdempotent(method) })`. Case-insensitive; false for
 * anything else (POST, PATCH, CONNECT, a method it does not know).
 *
 * @example
 * ```ts
 * import { isIdempotent } from "@neterr/core";
 *
 * console.log(isIdempotent("get"), isIdempotent("POST")); // true false
 * ```
 */
export function isIdempotent(method: unknown): boolean {
  return typeof method === "string" && IDEMPOTENT.has(method.toUpperCase());
}
