/**
 * @module
 * Bun's dialect: the codes of its `fetch` (named after Zig errors on Bun 1.1, POSIX on later
 * versions, with the URL in `path`), `DNSException`, and the few texts that carry no code at all.
 * A WebSocket `ErrorEvent`'s `error` is followed as on every runtime (dialects/web.ts).
 */

import type { Dialect, MessagePattern, PlacePattern, Row } from "../spec.ts";

/**
 * The codes Bun's `fetch` (and Bun 1.1's `node:http`, which is built on it) rejects with that are
 * not POSIX codes: Bun names them after its Zig errors. Each row gives the neterr class and the
 * POSIX code the same failure carries on later Bun versions (Bun 1.4 says `ECONNREFUSED` where
 * Bun 1.1 said `ConnectionRefused`), or none where Bun does not say which errno it was. Every
 * such error has `errno: 0`; the mapped `errno` comes from the POSIX code. Codes that are not
 * socket failures are returned unchanged (as Node's undici parser and certificate errors are): a
 * malformed response is the server's protocol error, and a certificate that does not verify will
 * not verify on a retry either.
 */
export const BUN_FETCH_CODES: Readonly<Record<string, Row>> = {
  ConnectionRefused: { kind: "ConnectionRefusedError", posix: "ECONNREFUSED" },
  // The peer closed before the response was complete, by a FIN or by a RST: Bun does not say
  // which (Bun 1.4 calls both ECONNRESET). As Node's "socket hang up", a ConnectionResetError.
  // Bun says it of a TLS handshake cut short too: it tells no phase.
  ConnectionClosed: { kind: "ConnectionResetError", posix: "ECONNRESET" },
  // Bun could not open the socket (a Unix socket path that does not exist, on Bun 1.1; Bun 1.4
  // says ENOENT there). Bun does not say why: the base class, so `catch (OSError)` holds.
  FailedToOpenSocket: "OSError",
  // Not provoked live (a lookup would ask a name server elsewhere; a connect timeout through fetch
  // needs a route that drops packets): named after Bun's fetch errors (FetchTasklet.zig).
  DNSLookupFailed: { kind: "NameResolutionError", posix: "ENOTFOUND" },
  Timeout: { kind: "TimeoutError", posix: "ETIMEDOUT" },
  Malformed_HTTP_Response: "unchanged",
  TooManyRedirects: "unchanged",
  UnsupportedRedirectProtocol: "unchanged",
  InvalidURL: "unchanged",
  UNABLE_TO_GET_ISSUER_CERT: "unchanged",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "unchanged",
  DEPTH_ZERO_SELF_SIGNED_CERT: "unchanged",
  SELF_SIGNED_CERT_IN_CHAIN: "unchanged",
  CERT_HAS_EXPIRED: "unchanged",
  ERR_TLS_CERT_ALTNAME_INVALID: "unchanged",
};

/** Bun's error class names. */
export const BUN_NAMES: Readonly<Record<string, Row>> = {
  // Bun.dns: a DNSException, `code: "DNS_ECONNREFUSED"` and `errno: 11` (Bun 1.3.3, as reported in
  // oven-sh/bun#24970): c-ares' own number, not an errno, and Bun's `DNS_` prefix on the code.
  DNSException: { kind: "NameResolutionError", prefix: "DNS_" },
};

/**
 * Message patterns, for what Bun gives with no code: only text. Every pattern is anchored and
 * made of literals and bounded classes, so each runs in linear time.
 */
export const BUN_MESSAGES: readonly MessagePattern[] = [
  // WebSocket on Bun 1.1: the connection could not be made, and Bun does not say why: the same
  // text for a refused connect and a timed-out one (scenarios bun-websocket-refused,
  // websocket-connect-timeout). A timeout is no ConnectionError: only OSError holds for both.
  {
    // Bun 1.1's WebSocket: an ErrorEvent with only this text (Bun 1.4 adds `error`, with a code).
    pattern: /^WebSocket connection to '[^']{0,4096}' failed: Failed to connect$/,
    kind: "OSError",
    // ... and for a name that did not resolve (ws-dns-nxdomain): where it failed is lost; that
    // nothing was sent is not.
    requestSent: false,
  },
  // node:net write after the peer's FIN, where the error has lost its EPIPE code
  {
    pattern: /^This socket has been ended by the other party$/,
    kind: "BrokenPipeError",
    phase: "send",
    code: "EPIPE",
  },
];

/**
 * Where Bun's WebSocket failed, from its text. Bun 1.4.5 (its ErrorEvent's `error` has code
 * ECONNRESET): the opening handshake's connection ended once it was up, by a FIN ("Connection
 * ended") or a RST ("Connection ended: read ECONNRESET"), while it waited for the 101: the upgrade
 * request had been written. (Bun 1.2 and 1.3 give no code there: unchanged, so no place is read.)
 * Its "Failed to connect" is left alone: Bun 1.1 to 1.3 say it of a name that did not resolve too.
 */
export const BUN_PLACES: readonly PlacePattern[] = [
  { pattern: /^WebSocket connection to '[^']{0,4096}' failed: Connection ended(?:: read E[A-Z]{2,20})?$/, phase: "receive", requestSent: true },
];

/** Bun's codes, names and texts, as one dialect; its fetch puts the URL in `path`. */
export const BUN_DIALECT: Dialect = {
  codes: BUN_FETCH_CODES,
  names: BUN_NAMES,
  messages: BUN_MESSAGES,
  places: BUN_PLACES,
  // Bun's fetch (1.1 and 1.4): the URL it fetched, in path, with errno 0
  locations: [{ field: "path", as: "url" }],
};
