/**
 * @module
 * `isNetworkError`: is this a network failure at all? One boolean, for code that only needs to
 * know that (as is-network-error answers it), on every runtime and every shape neterr maps.
 */

import type { ErrorKind, OSError } from "./errors.ts";
import { kindOf } from "./errors.ts";
import { toOSError } from "./registry.ts";
import { read, str } from "./util.ts";

/** Classes that are network failures whatever the operation. */
const NETWORK: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  "ConnectionError",
  "BrokenPipeError",
  "ConnectionAbortedError",
  "ConnectionRefusedError",
  "ConnectionResetError",
  "HostUnreachableError",
  "NetworkUnreachableError",
  "NetworkDownError",
  "TimeoutError",
  "NameResolutionError",
  "AddressInUseError",
  "AddressNotAvailableError",
  "NotConnectedError",
]);

/**
 * Socket operations: a failure of any other class is a network failure only on one of these (a
 * missing Unix socket path on `connect` is one; the same ENOENT on `open` is a file error).
 */
const SOCKET_SYSCALLS = /^(?:connect|accept|bind|listen|send(?:to|msg)?|recv(?:from|msg)?|getaddrinfo|getnameinfo|getHostByAddr|query[A-Za-z]*|shutdown|handshake)$/;

/**
 * Runtime codes of a socket failure whose cause the runtime did not say (the class is plain OSError).
 */
const SOCKET_CODES: ReadonlySet<string> = new Set([
  "FailedToOpenSocket", // Bun 1.1's fetch: it could not open the socket (a missing Unix socket path)
]);

/**
 * What fetch implementations reject with, as text on a `TypeError` with no cause that neterr can
 * read: a superset of is-network-error's list for the runtimes neterr supports (and the browsers'
 * texts it also lists, so shared code answers the same).
 */
const FETCH_TEXTS: ReadonlySet<string> = new Set([
  "fetch failed", // undici (Node's fetch)
  "terminated", // undici: the body was cut
  " A network error occurred.", // Bun (WebKit)
  "Failed to fetch", // Chrome
  "network error", // Chrome
  "NetworkError when attempting to fetch resource.", // Firefox
  "The Internet connection appears to be offline.", // Safari 16
  "Network request failed", // cross-fetch
  "Network connection lost", // Cloudflare Workers
]);

function fetchText(error: unknown): boolean {
  if (str(read(error, "name")) !== "TypeError") return false;
  const message = str(read(error, "message"));
  if (message === undefined) return false;
  if (FETCH_TEXTS.has(message)) return true;
  // Deno: "error sending request for url (...)"; Chrome: "Failed to fetch (host)".
  if (message.startsWith("error sending request for url") || (message.startsWith("Failed to fetch (") && message.endsWith(")"))) return true;
  // Safari 17+: a text so generic that only the missing stack tells a network failure.
  return (message === "Load failed" || (message.startsWith("Load failed (") && message.endsWith(")"))) && read(error, "stack") === undefined;
}

/** Is this neterr error a network failure (not a file or process error)? */
function network(error: OSError): boolean {
  const kind = kindOf(error);
  if (kind !== undefined && NETWORK.has(kind)) return true;
  const syscall = str(read(error, "syscall"));
  if (syscall !== undefined && SOCKET_SYSCALLS.test(syscall)) return true;
  const code = str(read(error, "code"));
  if (code !== undefined && SOCKET_CODES.has(code)) return true;
  // A WebSocket's error event (not an Error: no name) that neterr mapped: whatever it lost, a
  // socket failed (Bun 1.1's "Failed to connect", an OSError: refused, timed out or not resolved).
  const cause = read(error, "cause");
  return str(read(cause, "type")) === "error" && read(cause, "name") === undefined;
}

/**
 * Is it a network failure? True for what a socket, a connection, a name lookup or a fetch failed
 * with, on any runtime: every network class neterr maps to (refused, reset, timed out, name not
 * resolved...), any class where the failed operation was a socket's (`connect` to a missing Unix
 * socket path), and a fetch `TypeError` whose cause is gone (`fetch failed`, Bun's and Deno's
 * texts). False for a file or process error (`ENOENT` on `open`), for a user's own abort, and for
 * anything else. Accepts what a runtime threw or a neterr error. Never throws.
 *
 * @example
 * ```ts
 * import { fromErrno, isNetworkError } from "@neterr/core";
 *
 * const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED", syscall: "connect" });
 * const missingFile = Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT", syscall: "open" });
 * console.log(isNetworkError(refused), isNetworkError(missingFile), isNetworkError(new TypeError("fetch failed"))); // true false true
 * console.log(isNetworkError(fromErrno("ENOENT", { syscall: "connect", path: "/tmp/gone.sock" }))); // true
 * ```
 */
export function isNetworkError(error: unknown): boolean {
  try {
    const mapped = toOSError(error);
    return mapped !== undefined ? network(mapped) : fetchText(error);
  } catch {
    return false; // never throw
  }
}
