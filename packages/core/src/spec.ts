/**
 * @module
 * The adapter contract, as types: what a runtime's vocabulary says ({@link Dialect}: tables of
 * codes, class names and message patterns), what an adapter adds ({@link AdapterSpec}), and what
 * core gives back ({@link Adapter}). Core reads every table itself and derives `errno` and
 * `strerror` from the POSIX code: a table row says only what the runtime means.
 */

import type { Platform } from "./errno.ts";
import type { ErrorKind, OSError, OSErrorInit, Phase, TimeoutKind } from "./errors.ts";

/**
 * What one native id (a runtime's own code, or its error class name) means:
 * - a class name: that class (its POSIX code, if the native error carries one, is kept);
 * - `{ kind, posix }`: that class, and the POSIX code the same failure carries elsewhere (Bun 1.1's
 *   `ConnectionRefused` is Bun 1.4's `ECONNREFUSED`): core sets `code`, `errno` and `strerror` from it;
 *   `evidence: true` (class names only): trusted only when the error also carries a POSIX `code`,
 *   an errno in its text (`(os error 2)`), or a message opening with a code (`ESRCH: ...`), so that
 *   a library's own error named like a runtime's (an HTTP 404 called `NotFound`) is left alone;
 *   such an umbrella name then takes the class of its evidence; `prefix`: the runtime prepends this to the code (`DNS_ECONNREFUSED`),
 *   and core strips it;
 * - `"unchanged"`: not a network failure; the input is returned unchanged (a certificate error, a
 *   malformed response).
 */
export type Row =
  | ErrorKind
  | ({
      readonly kind: ErrorKind;
      readonly posix?: string;
      readonly evidence?: true;
      readonly prefix?: string;
    } & Where)
  | "unchanged";

/**
 * Where a row's failure happened, where the native error alone cannot say it (undici's
 * `UND_ERR_HEADERS_TIMEOUT` is the wait for the response head): its phase, which clock ran out,
 * and whether the request was sent. Core derives them otherwise from the syscall and the class.
 */
export interface Where {
  readonly phase?: Phase;
  readonly timeout?: TimeoutKind;
  readonly requestSent?: boolean;
}

/**
 * A text that says where a failure happened, whatever its class (Deno's fetch says
 * `tcp connect error` before the errno it met while connecting). Linear-time, as a
 * {@link MessagePattern}; tested on the mapped error's message where nothing else says the phase.
 */
export interface PlacePattern extends Where {
  readonly pattern: RegExp;
  /** Which runtime or library writes it (documentation only). */
  readonly why?: string;
}

/** One entry of a message-pattern table: used only where the runtime gives no code or class. */
export interface MessagePattern extends Where {
  /**
   * Tested on `message`. Linear-time: literals, bounded classes and bounded repeats, no nested
   * quantifiers. Anchored with `^` where the text is the whole message; a fragment of a longer
   * text (Deno's fetch wraps its cause's text) is matched where it stands.
   */
  readonly pattern: RegExp;
  /** Only errors with this `name` (e.g. `"TypeError"`); any name if omitted. */
  readonly name?: string;
  readonly kind: ErrorKind;
  readonly code?: string;
  /**
   * Also tested before the class-name table, on an error whose class that table names: a
   * resolver's text that comes on a class of the runtime's own (Deno's `NotFound` for NXDOMAIN),
   * where the class alone would say something else. (Every pattern is tested last, in order.)
   */
  readonly first?: true;
  /**
   * Why this pattern exists: which runtime, which version, which operation. Documentation only
   * (core's own tables say it in a comment, so that it costs no bundle a byte).
   */
  readonly why?: string;
}

/**
 * A field that holds the error a wrapper reports: a `cause`, a WebSocket `ErrorEvent`'s `error`,
 * a client's own field. Core follows it to an object, within the walk's budget and depth.
 */
export interface Follow {
  /** The field, or a dotted path of at most four fields (`config.signal.reason`). */
  readonly field: string;
  /** Only on an object with no `name` (an event) whose `field` equals `equals` (`type` is `"error"`). */
  readonly when?: { readonly field: string; readonly equals: string };
  /**
   * Only on errors of these classes (their `name`, or their constructor's name): a client's wrapper whose `cause` is the socket error it replaced (axios's
   * `AxiosError`), read before the wrapper's own code so that the socket's fields are kept.
   */
  readonly classes?: readonly string[];
  /**
   * Followed before the node's own fields are read against the tables: the inner error says more
   * than the wrapper's text (an `ErrorEvent`). Otherwise, followed only when the node says nothing.
   */
  readonly before?: true;
  /** Which runtime or library puts the error there (documentation only). */
  readonly why?: string;
}

/** A field where a runtime hides where the failure happened; read only where the native error's own fields say nothing. */
export interface Location {
  readonly field: string;
  /**
   * `"url"`: a URL (`http:`, `https:`, `ws:`, `wss:`), read as `address` or `hostname` and `port`,
   * and dropped if it is one of neterr's fields (Bun's fetch puts it in `path`); `"peer"`: an
   * object with `remoteAddress` and `remotePort` (undici's `SocketError` keeps its `socket`);
   * `"syscall"`: the name of the system call that failed (node-fetch's `erroredSysCall`).
   */
  readonly as: "url" | "peer" | "syscall";
  /** Only on errors of this `name` (node-fetch's `FetchError`): every other error pays nothing for it. */
  readonly name?: string;
  /** Which runtime or library puts it there (documentation only). */
  readonly why?: string;
}

/** A runtime's or a library's vocabulary: what its errors say, as tables. */
export interface Dialect {
  /** Fields that hold the error a wrapper reports (core always follows `cause`, last). */
  readonly follow?: readonly Follow[];
  /** Fields where the failure's location hides. */
  readonly locations?: readonly Location[];
  /** Own codes (`UND_ERR_SOCKET`, `ConnectionRefused`) -> meaning. Checked before POSIX codes. */
  readonly codes?: Readonly<Record<string, Row>>;
  /**
   * Own error class names (`ConnectionRefused` for `Deno.errors.ConnectionRefused`) -> meaning.
   * Where an error's `name` is just `"Error"`, its constructor's name is looked up here too
   * (node-redis's `SocketClosedUnexpectedlyError`); a bundler that renames classes hides it.
   */
  readonly names?: Readonly<Record<string, Row>>;
  /**
   * Error classes known by their constructor's name alone, on errors whose `name` is just
   * `"Error"`: never matched by a `name` (node-redis's `TimeoutError`, whose class name the web's
   * `TimeoutError` DOMException and got's errors carry as their `name`).
   */
  readonly constructors?: Readonly<Record<string, Row>>;
  /**
   * Codes a library gives its own meaning, by its error class (`name`, or constructor name as
   * above): `{ AxiosError: { ECONNABORTED: ... } }`. Read before every other code table, so that
   * a client's own code wins over the POSIX name it reuses (axios's request timeout says
   * `ECONNABORTED`; it is a timeout, not an aborted connection).
   */
  readonly classCodes?: Readonly<Record<string, Readonly<Record<string, Row>>>>;
  /** Message patterns, for errors that carry no code or class name. */
  readonly messages?: readonly MessagePattern[];
  /** Texts that say where the failure happened (the phase), whatever the class. */
  readonly places?: readonly PlacePattern[];
}

/** The fields neterr reads from a native error, read safely (a throwing getter reads as undefined). */
export interface NativeFields {
  readonly name: string | undefined;
  readonly message: string | undefined;
  readonly code: string | undefined;
  readonly errno: number | undefined;
  readonly syscall: string | undefined;
  readonly address: string | undefined;
  readonly port: number | undefined;
  readonly path: string | undefined;
  readonly hostname: string | undefined;
}

/**
 * A match found by a hook: the class, and fields to use instead of the native ones. A location
 * field (`syscall`, `address`, `port`, `path`, `hostname`) that the match names, even as
 * `undefined`, replaces the native one.
 */
export interface Match extends Omit<OSErrorInit, "cause" | "runtime" | "errors"> {
  readonly kind: ErrorKind;
}

/**
 * What an adapter tells core about its runtime: its name and platform, the vocabularies its
 * runtime speaks (core's dialects: `WEB_DIALECT`, `NODE_DIALECT`, `DENO_DIALECT`,
 * `BUN_DIALECT`, or all of them, `CORE_DIALECTS`), and any rows of its own, which win.
 * POSIX, Winsock and resolver codes, errno numbers, `cause` chains, aggregates and the web
 * platform's `TimeoutError` and `AbortError` are always read.
 */
export interface AdapterSpec extends Dialect {
  /** Written to every error's `runtime` field. */
  readonly runtime?: string;
  /** Whose errno numbers the runtime reports (`process.platform` / `Deno.build.os`). */
  readonly platform?: Platform;
  /**
   * The vocabularies read after the spec's own rows, in order. Only those listed are bundled:
   * `@neterr/node` lists the web's and Node's, so it carries no Deno or Bun table.
   */
  readonly dialects?: readonly Dialect[];
  /** A hook for shapes no table can say, asked before the tables; return undefined to let core go on. */
  readonly match?: (error: object, fields: NativeFields) => Match | undefined;
}

/**
 * What the caller knows about the failed operation and the native error may not say (Deno's
 * errors carry no address, port or syscall): used only where the native error gives nothing.
 * `requestSent` is the exception: a wrapper that counted the bytes it wrote knows better than any
 * native error, and its answer wins. `phase` is used only where nothing else says where it failed
 * (a WebSocket that had opened: its failure was on the open connection).
 */
export type Context = Pick<OSErrorInit, "syscall" | "address" | "port" | "path" | "hostname" | "requestSent" | "phase">;

/** A mapper bound to one {@link AdapterSpec}: what `@neterr/node`, `@neterr/deno` and `@neterr/bun` use. */
export interface Adapter {
  readonly runtime: string | undefined;
  /** The mapped neterr error; the same object if given one; otherwise the input unchanged. Never throws. */
  normalize(error: unknown, context?: Context): unknown;
  /** The mapped neterr error, or undefined if `error` is not a network or OS failure. Never throws. */
  toOSError(error: unknown, context?: Context): OSError | undefined;
}
