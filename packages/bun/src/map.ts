/**
 * @module
 * The Bun adapter's tables and mapper: the codes of Bun's `fetch` (named after Zig errors on
 * Bun 1.1, POSIX on later versions), `DNSException`, WebSocket `ErrorEvent`s, and the few texts
 * that carry no code at all.
 */

import {
  type Adapter,
  type AdapterSpec,
  type Context,
  createAdapter,
  type ErrorKind,
  errnoOf,
  lookupCode,
  type Match,
  type MessagePattern,
  type NativeFields,
  NODE_API_CODES,
  type OSError,
  type Platform,
} from "@neterr/core";

/**
 * The codes Bun's `fetch` (and Bun 1.1's `node:http`, which is built on it) rejects with that are
 * not POSIX codes: Bun names them after its Zig errors. Each row gives the neterr class and the
 * POSIX code the same failure carries on later Bun versions (Bun 1.4 says `ECONNREFUSED` where
 * Bun 1.1 said `ConnectionRefused`), or none where Bun does not say which errno it was.
 * Every such error has `errno: 0`; the mapped error's `errno` comes from the POSIX code.
 */
export const BUN_FETCH_CODES: Readonly<Record<string, { readonly kind: ErrorKind; readonly code?: string }>> = {
  ConnectionRefused: { kind: "ConnectionRefusedError", code: "ECONNREFUSED" },
  // The peer closed before the response was complete, by a FIN or by a RST: Bun does not say
  // which (Bun 1.4 calls both ECONNRESET). As Node's "socket hang up", a ConnectionResetError.
  ConnectionClosed: { kind: "ConnectionResetError", code: "ECONNRESET" },
  // Bun could not open the socket (a Unix socket path that does not exist, on Bun 1.1; Bun 1.4
  // says ENOENT there). Bun does not say why: the base class, so `catch (OSError)` holds.
  FailedToOpenSocket: { kind: "OSError" },
  // Not provoked live (a lookup would ask a name server elsewhere; a connect timeout through fetch
  // needs a route that drops packets): named after Bun's fetch errors (FetchTasklet.zig).
  DNSLookupFailed: { kind: "NameResolutionError", code: "ENOTFOUND" },
  Timeout: { kind: "TimeoutError", code: "ETIMEDOUT" },
};

/**
 * Codes Bun's `fetch` rejects with that are not socket failures: returned unchanged (as Node's
 * undici parser and certificate errors are). A malformed response is the server's protocol
 * error, and a certificate that does not verify will not verify on a retry either.
 */
export const BUN_NOT_NETWORK: readonly string[] = [
  "Malformed_HTTP_Response",
  "TooManyRedirects",
  "UnsupportedRedirectProtocol",
  "InvalidURL",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
];

/**
 * Message patterns, for what Bun gives with no code: only text. Every pattern is anchored and
 * made of literals and bounded classes, so each runs in linear time.
 */
export const BUN_MESSAGES: readonly MessagePattern[] = [
  {
    // Bun 1.1's WebSocket: an ErrorEvent with only this text (Bun 1.4 adds `error`, with a code).
    pattern: /^WebSocket connection to '[^']{0,4096}' failed: Failed to connect$/,
    kind: "ConnectionError",
    why: "WebSocket on Bun 1.1: the connection could not be made, and Bun does not say why (refused, reset, unreachable)",
  },
  {
    pattern: /^This socket has been ended by the other party$/,
    kind: "BrokenPipeError",
    code: "EPIPE",
    why: "node:net write after the peer's FIN, where the error has lost its EPIPE code",
  },
];

const PLATFORMS: Readonly<Record<string, Platform>> = { linux: "linux", darwin: "darwin", win32: "win32" };
const platform: Platform = PLATFORMS[typeof process !== "undefined" ? process.platform : "linux"] ?? "linux";

const URL_SCHEME = /^(?:https?|wss?):\/\//;

const read = (target: object, key: string): unknown => {
  try {
    return (target as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
};

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** A host as neterr's fields: `address` for an IP (v4, or v6 with or without brackets), `hostname` for a name. */
export function hostFields(host: string): { address: string } | { hostname: string } {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  return IPV4.test(bare) || bare.includes(":") ? { address: bare } : { hostname: bare };
}

/** Bun's fetch puts the URL in `path`: its host and port are where the failure happened. */
function urlFields(path: string | undefined): Pick<Match, "address" | "hostname" | "port" | "path"> | undefined {
  if (path === undefined || !URL_SCHEME.test(path)) return undefined;
  try {
    const url = new URL(path);
    const port = url.port !== "" ? Number(url.port) : url.protocol === "https:" || url.protocol === "wss:" ? 443 : 80;
    return { path: undefined, port, ...hostFields(url.hostname) };
  } catch {
    return { path: undefined };
  }
}

function bunMatch(error: object, fields: NativeFields): Match | undefined {
  const { code, name } = fields;
  // A WebSocket 'error' event: Bun 1.4 gives the Error as `event.error`; map that (Bun 1.1 gives
  // only the text, which BUN_MESSAGES reads).
  if (name === undefined && read(error, "type") === "error") {
    const cause = read(error, "error");
    // `adapter` is defined below; the hook only runs once the module is loaded.
    const mapped = cause !== null && typeof cause === "object" ? adapter.toOSError(cause) : undefined;
    if (mapped) {
      const kind = mapped.name as ErrorKind;
      return { kind, code: mapped.code, errno: mapped.errno, strerror: mapped.strerror, syscall: mapped.syscall, address: mapped.address, port: mapped.port };
    }
    return undefined;
  }
  // Bun.dns: a DNSException, `code: "DNS_ECONNREFUSED"` and `errno: 11` (Bun 1.3.3, as reported in
  // oven-sh/bun#24970): c-ares' own number, not an errno, and Bun's `DNS_` prefix.
  if (name === "DNSException" && code !== undefined) {
    const bare = code.startsWith("DNS_") ? code.slice(4) : code;
    return { kind: "NameResolutionError", code: bare, errno: undefined };
  }
  const where = urlFields(fields.path);
  if (code !== undefined && Object.hasOwn(BUN_FETCH_CODES, code)) {
    const row = BUN_FETCH_CODES[code]!;
    const posix = row.code === undefined ? undefined : lookupCode(row.code)?.row;
    return { ...where, kind: row.kind, code: row.code ?? code, errno: posix && errnoOf(posix, platform), strerror: posix?.strerror };
  }
  // A POSIX code from fetch (Bun 1.4: `ECONNREFUSED`, errno 0): core's tables, with the URL read
  // as host and port. (Codes of BUN_NOT_NETWORK are not POSIX codes: core leaves them alone.)
  if (where && code !== undefined) {
    const found = lookupCode(code);
    if (found) return { ...where, kind: found.kind, code: found.code, errno: found.row && errnoOf(found.row, platform), strerror: found.row?.strerror };
  }
  return undefined;
}

/** The adapter's tables, for those who compose their own (`createAdapter({ ...BUN_SPEC, ... })`). */
export const BUN_SPEC: AdapterSpec = {
  runtime: "bun",
  platform,
  // Bun's node:net and node:stream throw Node's codes (ERR_STREAM_DESTROYED, ...).
  codes: NODE_API_CODES,
  messages: BUN_MESSAGES,
  match: bunMatch,
};

/** The Bun adapter: `normalize` and `toOSError` bound to {@link BUN_SPEC}. */
export const adapter: Adapter = createAdapter(BUN_SPEC);

/**
 * Maps what Bun threw: a neterr error if it is a network or OS failure (the native error is its
 * `cause`; its `code`, `errno`, `syscall`, `address` and `port` are kept, made right where Bun
 * got them wrong); the same object if it already is one; the input unchanged otherwise (a user's
 * own `AbortError`, a malformed HTTP response, a certificate error). Never throws.
 *
 * @example
 * ```ts
 * import { normalize } from "@neterr/bun";
 *
 * const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
 * const port = listener.port;
 * listener.stop(true); // nothing listens there now
 * try {
 *   await fetch(`http://127.0.0.1:${port}/`);
 * } catch (thrown) {
 *   const error = normalize(thrown) as Error & { code?: string };
 *   console.log(error.name, error.code, error.cause === thrown); // ConnectionRefusedError ECONNREFUSED true
 * }
 * ```
 */
export const normalize: (error: unknown, context?: Context) => unknown = adapter.normalize;

/**
 * Like {@link normalize}, but `undefined` when `error` is not a network or OS failure.
 *
 * @example
 * ```ts
 * import { toOSError } from "@neterr/bun";
 *
 * const malformed = Object.assign(new Error("Malformed_HTTP_Response fetching ..."), { code: "Malformed_HTTP_Response", errno: 0 });
 * console.log(toOSError(malformed)); // undefined
 * ```
 */
export const toOSError: (error: unknown, context?: Context) => OSError | undefined = adapter.toOSError;
