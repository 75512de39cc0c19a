/**
 * @module
 * The mapper: turns whatever a runtime threw into a neterr error, driven by tables. Core's own
 * tables know POSIX codes, resolver codes, `AggregateError`s and the web platform's
 * `DOMException` `TimeoutError`; an adapter adds what only its runtime knows through an
 * {@link AdapterSpec}.
 *
 * Contract of every mapper: it returns, it never throws, and it never loses its input (the
 * input is returned unchanged, or it is the `cause` of what is returned).
 */

import { type ErrorKind, errnoOf, lookupCode, lookupNumber, type Platform, RESOLVER_CODES } from "./errno.ts";
import { ancestry, classOf, isOSError, kindOf, type OSError, type OSErrorInit } from "./errors.ts";

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
 * A match found by an adapter's hook: the class, and fields to use instead of the native ones. A
 * location field (`syscall`, `address`, `port`, `path`, `hostname`) that the match names, even as
 * `undefined`, replaces the native one.
 */
export interface Match extends Omit<OSErrorInit, "cause" | "runtime" | "errors"> {
  readonly kind: ErrorKind;
}

/** One entry of a message-pattern table: used only where the runtime gives no code or class. */
export interface MessagePattern {
  /** Anchored, linear-time (no nested quantifiers) regular expression, tested on `message`. */
  readonly pattern: RegExp;
  /** Only errors with this `name` (e.g. `"TypeError"`); any name if omitted. */
  readonly name?: string;
  readonly kind: ErrorKind;
  readonly code?: string;
  /** Why this pattern exists: which runtime, which version, which operation. */
  readonly why: string;
}

/** What an adapter tells core about its runtime. Everything is optional. */
export interface AdapterSpec {
  /** Written to every error's `runtime` field. */
  readonly runtime?: string;
  /** Whose errno numbers the runtime reports (`process.platform` / `Deno.build.os`). */
  readonly platform?: Platform;
  /** The runtime's own codes (`UND_ERR_SOCKET`, `ConnectionRefused`) -> class. Checked before POSIX codes. */
  readonly codes?: Readonly<Record<string, ErrorKind>>;
  /** The runtime's own error class names (`ConnectionRefused` for `Deno.errors.ConnectionRefused`) -> class. */
  readonly names?: Readonly<Record<string, ErrorKind>>;
  /** Message patterns, for errors that carry no code or class name. */
  readonly messages?: readonly MessagePattern[];
  /** A last hook for shapes no table can say; return undefined to let core go on. */
  readonly match?: (error: object, fields: NativeFields) => Match | undefined;
}

/**
 * What the caller knows about the failed operation and the native error may not say (Deno's
 * errors carry no address, port or syscall): used only where the native error gives nothing.
 */
export type Context = Pick<OSErrorInit, "syscall" | "address" | "port" | "path" | "hostname">;

/** A mapper bound to one {@link AdapterSpec}: what `@neterr/node`, `@neterr/deno` and `@neterr/bun` export. */
export interface Adapter {
  readonly runtime: string | undefined;
  /** The mapped neterr error; the same object if given one; otherwise the input unchanged. Never throws. */
  normalize(error: unknown, context?: Context): unknown;
  /** The mapped neterr error, or undefined if `error` is not a network or OS failure. Never throws. */
  toOSError(error: unknown, context?: Context): OSError | undefined;
}

/** How deep a `cause` chain is followed, and how many inner errors of an AggregateError are read. */
const MAX_DEPTH = 8;
const MAX_INNER = 64;
/** Resolver operations (node:dns and the runtimes that copy it): their errors are name resolution. */
const RESOLVER_SYSCALL = /^(?:query[A-Za-z]*|getaddrinfo|getnameinfo|getHostByAddr|resolve[A-Za-z0-9]*)$/;

const read = (error: object, key: string): unknown => {
  try {
    return (error as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
};
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const isObject = (v: unknown): v is object => v !== null && (typeof v === "object" || typeof v === "function");

function fieldsOf(error: object): NativeFields {
  return {
    name: str(read(error, "name")),
    message: str(read(error, "message")),
    code: str(read(error, "code")),
    errno: int(read(error, "errno")),
    syscall: str(read(error, "syscall")),
    address: str(read(error, "address")),
    port: int(read(error, "port")),
    path: str(read(error, "path")),
    hostname: str(read(error, "hostname")),
  };
}

/** What one node of a cause chain says. */
type Found =
  | { readonly match: Match; readonly fields: NativeFields; readonly errors?: readonly OSError[] }
  | "stop"
  | undefined;

function classify(spec: AdapterSpec, node: object, seen: Set<object>): Found {
  const fields = fieldsOf(node);
  const platform = spec.platform ?? "linux";

  let hook: Match | undefined;
  try {
    hook = spec.match?.(node, fields);
  } catch {
    hook = undefined; // a broken hook must not switch off core's own tables
  }
  if (hook) return { match: hook, fields };

  if (fields.name !== undefined && spec.names && Object.hasOwn(spec.names, fields.name)) {
    return { match: { kind: spec.names[fields.name] as ErrorKind }, fields };
  }

  // An AggregateError (a connect to several addresses): map every inner error. Before the code,
  // because Node also copies the first inner error's code onto the AggregateError.
  const inner = read(node, "errors");
  if (Array.isArray(inner) && inner.length > 0) {
    const mapped: OSError[] = [];
    for (const e of inner.slice(0, MAX_INNER)) {
      const m = isObject(e) && !seen.has(e) ? mapWith(spec, e, new Set(seen)) : undefined;
      if (m) mapped.push(m);
    }
    if (mapped.length > 0 && mapped.length === Math.min(inner.length, MAX_INNER)) {
      return { match: aggregate(mapped), fields, errors: mapped };
    }
  }

  if (fields.code !== undefined) {
    if (spec.codes && Object.hasOwn(spec.codes, fields.code)) {
      return { match: { kind: spec.codes[fields.code] as ErrorKind }, fields };
    }
    const found = lookupCode(fields.code);
    if (found) {
      const resolver = fields.syscall !== undefined && RESOLVER_SYSCALL.test(fields.syscall);
      const kind = resolver ? "NameResolutionError" : found.kind;
      const errno = found.row && !resolver ? errnoOf(found.row, platform) : undefined;
      return { match: { kind, code: found.code, errno, strerror: found.row?.strerror }, fields };
    }
  }

  if (fields.code === undefined && fields.errno !== undefined) {
    const found = lookupNumber(fields.errno, platform);
    if (found) {
      const errno = found.row ? errnoOf(found.row, platform) : undefined;
      return { match: { kind: found.kind, code: found.code, errno, strerror: found.row?.strerror }, fields };
    }
  }

  // The web platform's timeout (AbortSignal.timeout()): a DOMException named TimeoutError.
  if (fields.name === "TimeoutError" && !isOSError(node)) return { match: { kind: "TimeoutError" }, fields };
  // An abort is the user's own decision, not a network failure, unless it was a timeout.
  if (fields.name === "AbortError") {
    const cause = read(node, "cause");
    return isObject(cause) && str(read(cause, "name")) === "TimeoutError" ? undefined : "stop";
  }

  if (fields.message !== undefined && spec.messages) {
    for (const p of spec.messages) {
      p.pattern.lastIndex = 0; // a /g or /y pattern keeps state between calls
      if ((p.name === undefined || p.name === fields.name) && p.pattern.test(fields.message)) {
        return { match: { kind: p.kind, code: p.code }, fields };
      }
    }
  }
  return undefined;
}

/** The one class that covers every inner error: their common ancestor. */
function aggregate(errors: readonly OSError[]): Match {
  let common: readonly ErrorKind[] = ancestry(kindOf(errors[0]) ?? "OSError");
  for (const e of errors.slice(1)) {
    const chain = ancestry(kindOf(e) ?? "OSError");
    common = common.filter((k) => chain.includes(k));
  }
  const same = <K extends keyof OSError>(key: K): OSError[K] | undefined =>
    errors.every((e) => e[key] === errors[0]?.[key]) ? errors[0]?.[key] : undefined;
  const match: { -readonly [K in keyof Match]: Match[K] } = { kind: common[0] ?? "OSError", code: same("code"), errno: same("errno"), strerror: same("strerror") };
  // Where the inner errors disagree (or say nothing), the AggregateError's own fields and the
  // caller's context still count: only fields they share are named.
  for (const key of ["syscall", "address", "port", "path", "hostname"] as const) {
    const value = same(key);
    if (value !== undefined) (match as Record<string, unknown>)[key] = value;
  }
  return match;
}

function mapWith(spec: AdapterSpec, error: object, seen: Set<object>, context?: Context): OSError | undefined {
  let node: object = error;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (seen.has(node)) return undefined;
    seen.add(node);
    if (isOSError(node)) return node === error ? node : rewrap(node, error);
    const found = classify(spec, node, seen);
    if (found === "stop") return undefined;
    if (found) return build(spec, error, node, found.match, found.fields, found.errors, context);
    const cause = read(node, "cause");
    if (!isObject(cause)) return undefined;
    node = cause;
  }
  return undefined;
}

/** A field of the caller's context, read safely and only if it has the right type. */
function given<K extends keyof Context>(context: Context | undefined, key: K): Context[K] {
  if (context === undefined || context === null || typeof context !== "object") return undefined;
  const value = read(context, key);
  if (key === "port") return int(value) as Context[K];
  return str(value) as Context[K];
}

/**
 * Where the failure happened: the match's field if the match names it (even as undefined: an
 * adapter may say that a native field means something else, as Bun's fetch puts the URL in
 * `path`), else the native field, else the caller's context.
 */
function where<K extends keyof Context>(match: Match, fields: NativeFields, context: Context | undefined, key: K): Context[K] {
  if (Object.hasOwn(match, key)) return match[key] as Context[K];
  return (fields[key] as Context[K]) ?? given(context, key);
}

/** A neterr error found inside a wrapper: same class and fields, with the wrapper as cause. */
function rewrap(inner: OSError, outer: object): OSError {
  const Class = classOf(kindOf(inner) ?? "OSError");
  return create(Class, joinMessages(str(read(outer, "message")), inner.message), { ...inner, cause: outer });
}

function joinMessages(outer: string | undefined, inner: string | undefined): string {
  if (outer === undefined || outer === "") return inner ?? "";
  if (inner === undefined || inner === "" || inner === outer) return outer;
  return `${outer}: ${inner}`;
}

function build(
  spec: AdapterSpec,
  top: object,
  source: object,
  match: Match,
  fields: NativeFields,
  errors: readonly OSError[] | undefined,
  context: Context | undefined,
): OSError {
  const topMessage = source === top ? fields.message : str(read(top, "message"));
  let message = source === top ? fields.message : joinMessages(topMessage, fields.message);
  if (errors && (message === undefined || message === "")) {
    message = errors.map((e) => e.message).join("; "); // AggregateError from happy eyeballs has ""
  }
  let errno = match.errno;
  if (errno === undefined && match.code === undefined && fields.errno !== undefined && fields.errno > 0) {
    errno = fields.errno;
  }
  return create(classOf(match.kind), message ?? "", {
    cause: top,
    code: match.code ?? fields.code,
    errno,
    strerror: match.strerror,
    syscall: where(match, fields, context, "syscall"),
    address: where(match, fields, context, "address"),
    port: where(match, fields, context, "port"),
    path: where(match, fields, context, "path"),
    hostname: where(match, fields, context, "hostname"),
    runtime: spec.runtime,
    errors,
  });
}

/**
 * Builds the error without capturing a stack: the frames that matter are where the native error
 * was made. The instance's own `stack` is removed, so `OSError.prototype`'s lazy `stack` getter
 * derives it from the native error on first read (see errors.ts). A native error with no stack
 * (a plain object) gives a stack of one line: no frame of neterr's own is ever shown.
 */
function create(Class: typeof OSError, message: string, init: OSErrorInit): OSError {
  const Ctor = Error as { stackTraceLimit?: unknown };
  const limit = Ctor.stackTraceLimit;
  const settable = typeof limit === "number";
  if (settable) Ctor.stackTraceLimit = 0;
  let error: OSError;
  try {
    error = new Class(message, init);
  } finally {
    if (settable) Ctor.stackTraceLimit = limit;
  }
  try {
    delete (error as { stack?: string }).stack;
  } catch {
    // an engine whose stack is not configurable keeps its own (empty) stack
  }
  return error;
}

/**
 * Makes a mapper from an adapter's tables. Adapters call this once; users rarely need it.
 *
 * @example
 * ```ts
 * import { ConnectionResetError, createAdapter } from "@neterr/core";
 *
 * const adapter = createAdapter({ runtime: "mine", codes: { PEER_GONE: "ConnectionResetError" } });
 * const error = adapter.normalize(Object.assign(new Error("peer gone"), { code: "PEER_GONE" }));
 * console.log(error instanceof ConnectionResetError); // true
 * ```
 */
export function createAdapter(spec: AdapterSpec): Adapter {
  const toOSError = (error: unknown, context?: Context): OSError | undefined => {
    if (!isObject(error)) return undefined;
    try {
      return mapWith(spec, error, new Set(), context);
    } catch {
      return undefined; // never throw: an input we cannot read is an input we do not map
    }
  };
  return {
    runtime: spec.runtime,
    toOSError,
    normalize: (error: unknown, context?: Context): unknown => toOSError(error, context) ?? error,
  };
}

/** Is this resolver code one that a retry may fix? (Used by `isTransient`.) */
export function resolverCodeIsTransient(code: string | undefined): boolean {
  return code !== undefined && RESOLVER_CODES[code] === true;
}
