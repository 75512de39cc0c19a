/**
 * @module
 * The mapper: turns whatever a runtime threw into a neterr error, driven by tables. Core reads
 * every table itself (POSIX and resolver codes, Node's API and undici, Deno's and Bun's
 * vocabularies, and whatever an {@link AdapterSpec} adds) and derives `errno` and `strerror`
 * from the POSIX code, here and nowhere else. A thrown error goes adapter -> core -> done.
 *
 * Contract of every mapper: it returns, quickly, it never throws, and it never loses its input
 * (the input is returned unchanged, or it is the `cause` of what is returned). The walk of an
 * error graph is bounded as a whole: a chain of at most {@link MAX_DEPTH} `cause`s (or an event's
 * `error`), aggregates nested at most as deep, at most {@link MAX_INNER} inner errors each, at most
 * {@link MAX_NODES} objects visited in all, each shared inner error mapped once, and a joined
 * message of at most {@link MAX_MESSAGE} characters.
 */

import { errnoOf, lookupCode, lookupNumber, type Platform } from "./errno.ts";
import { ancestry, classOf, type ErrorKind, isOSError, kindOf, type OSError } from "./errors.ts";
import { BUN_DIALECT } from "./dialects/bun.ts";
import { DENO_DIALECT } from "./dialects/deno.ts";
import { NODE_DIALECT } from "./dialects/node.ts";
import type { Adapter, AdapterSpec, Context, Dialect, Match, MessagePattern, NativeFields, Row } from "./spec.ts";
import { create } from "./stack.ts";
import { hostFields, isObject, num, read, str } from "./util.ts";

/** How long a `cause` chain is followed, and how deep aggregates nest. */
const MAX_DEPTH = 8;
/** How many inner errors of one AggregateError are read. */
const MAX_INNER = 64;
/** How many objects one walk visits in all (each inner error, each link of a chain). */
const MAX_NODES = 1024;
/** How long a message joined from inner errors may grow. */
const MAX_MESSAGE = 4096;

/** The vocabularies core always carries: every runtime's, so that core alone is never worse. */
const DIALECTS: readonly Dialect[] = [NODE_DIALECT, DENO_DIALECT, BUN_DIALECT];

/** Resolver operations (node:dns and the runtimes that copy it): their errors are name resolution. */
const RESOLVER_SYSCALL = /^(?:query[A-Za-z]*|getaddrinfo|getnameinfo|getHostByAddr|resolve[A-Za-z0-9]*)$/;
/** Rust's `std::io::Error` text (Deno): `Connection refused (os error 111)`. */
const OS_ERROR = /\(os error (-?\d{1,6})\)/;
/** The web platform's URL parser, which every runtime has (core's types name no runtime's globals). */
declare const URL: new (url: string) => { readonly hostname: string; readonly port: string; readonly protocol: string };
/** A message that opens with the POSIX code (Deno: `ESRCH: No such process`). */
const CODE_HEAD = /^(E[A-Z0-9]{1,15}): /;
/** A URL where a socket path would be: Bun's fetch puts the URL it fetched in `path`. */
const URL_SCHEME = /^(?:https?|wss?):\/\//;

/** The tables of one adapter, merged once: the spec's own rows first, then core's dialects. */
interface Tables {
  readonly runtime: string | undefined;
  readonly platform: Platform;
  readonly codes: ReadonlyMap<string, Row>;
  readonly names: ReadonlyMap<string, Row>;
  readonly first: Patterns;
  readonly messages: Patterns;
  readonly match: AdapterSpec["match"];
}

function tablesOf(spec: AdapterSpec): Tables {
  const all: readonly Dialect[] = [spec, ...DIALECTS];
  const merge = (slot: "codes" | "names"): Map<string, Row> => {
    const map = new Map<string, Row>();
    for (const d of all) for (const [k, v] of Object.entries(d[slot] ?? {})) if (!map.has(k)) map.set(k, v);
    return map;
  };
  const patterns = all.flatMap((d) => d.messages ?? []);
  return {
    runtime: spec.runtime,
    platform: spec.platform ?? "linux",
    codes: merge("codes"),
    names: merge("names"),
    first: patternsOf(patterns.filter((p) => p.first === true)),
    messages: patternsOf(patterns),
    match: spec.match,
  };
}

/** One walk over an error graph: its budget, the objects on the current path, and what is done. */
interface Walk {
  readonly tables: Tables;
  /** Objects on the path being walked (at most {@link MAX_DEPTH} per level): meeting one again is a cycle. */
  readonly path: object[];
  /** Inner errors already mapped (an aggregate may hold the same error 64 times); made on first need. */
  done: Map<object, { readonly mapped: OSError | undefined; readonly level: number }> | undefined;
  budget: number;
}

function fieldsOf(error: object): NativeFields {
  return {
    name: str(read(error, "name")),
    message: str(read(error, "message")),
    code: str(read(error, "code")),
    errno: num(read(error, "errno")),
    syscall: str(read(error, "syscall")),
    address: str(read(error, "address")),
    port: num(read(error, "port")),
    path: str(read(error, "path")),
    hostname: str(read(error, "hostname")),
  };
}

/** What one node of a chain says: a match, "unchanged" (stop: not a network failure), or nothing. */
type Found = { readonly match: Match; readonly fields: NativeFields; readonly errors?: readonly OSError[] } | "unchanged" | undefined;

/**
 * A message table, with one regular expression that any of its patterns would match: most
 * messages match none, and are then tested once instead of once per pattern.
 */
interface Patterns {
  readonly any: RegExp | undefined;
  readonly list: readonly MessagePattern[];
}

/** A source that cannot share one expression: a backreference or a named group would be renumbered or clash. */
const UNSHAREABLE = /\\[1-9]|\\k<|\(\?<[^=!]/;

function patternsOf(list: readonly MessagePattern[]): Patterns {
  // Only flagless patterns without groups that refer to each other can share one expression;
  // otherwise every pattern is tested on its own.
  if (list.length === 0 || !list.every((p) => p.pattern.flags === "" && !UNSHAREABLE.test(p.pattern.source))) return { any: undefined, list };
  try {
    return { any: new RegExp(list.map((p) => `(?:${p.pattern.source})`).join("|")), list };
  } catch {
    return { any: undefined, list }; // never let a spec's patterns make createAdapter throw
  }
}

const matching = ({ any, list }: Patterns, fields: NativeFields): MessagePattern | undefined => {
  if (fields.message === undefined || list.length === 0) return undefined;
  if (any !== undefined && !any.test(fields.message)) return undefined;
  for (const p of list) {
    p.pattern.lastIndex = 0; // a /g or /y pattern keeps state between calls
    if ((p.name === undefined || p.name === fields.name) && p.pattern.test(fields.message)) return p;
  }
  return undefined;
};

/** A row of the class-name or code table, read against the error's own evidence. */
function byRow(row: Row, fields: NativeFields, platform: Platform, ownCode: boolean): Match | "unchanged" | undefined {
  // A class that is no network failure (Deno's InvalidData), unless it carries a POSIX code.
  if (row === "unchanged") return !ownCode && fields.code !== undefined && lookupCode(fields.code) ? undefined : "unchanged";
  const { kind, posix, evidence, prefix } = typeof row === "string" ? { kind: row, posix: undefined, evidence: undefined, prefix: undefined } : row;
  const native = ownCode ? undefined : prefix !== undefined && fields.code?.startsWith(prefix) ? fields.code.slice(prefix.length) : fields.code;
  const os = fields.message?.includes("(os error ") ? OS_ERROR.exec(fields.message) : null;
  const head = native === undefined && fields.message !== undefined ? CODE_HEAD.exec(fields.message) : null;
  const fromText = os ? lookupNumber(Number(os[1]), platform) : head ? lookupCode(head[1]!) : undefined;
  const fromCode = native === undefined ? undefined : lookupCode(native);
  const seen = fromText ?? fromCode;
  if (evidence && seen === undefined) return undefined; // a library's own error named like the runtime's
  // A class that is an umbrella (a generic OSError such as Deno's Busy, or a name that needs
  // evidence: Deno's NotFound covers ENOENT and, from Deno.kill, `ESRCH: No such process`) is
  // made precise by the errno or code it carries. A specific class (ConnectionRefused,
  // DNSException) stays what it says.
  return { kind: seen && (evidence || kind === "OSError") ? seen.kind : kind, code: fromText?.code ?? native ?? posix };
}

/**
 * What one node says, asked in this order (the first answer wins):
 * 1. the spec's `match` hook, if any;
 * 2. the runtime's class name (`names`), read against the error's evidence; a resolver's text on
 *    such a class first;
 * 3. the inner errors of an AggregateError, each mapped (their common class);
 * 4. the runtime's or a library's own code (`codes`), then a POSIX or resolver code;
 * 5. with no code: an errno number, then Rust's `(os error N)` text;
 * 6. the web platform's `TimeoutError`; a user's `AbortError` (unchanged);
 * 7. the message patterns.
 */
function classify(walk: Walk, node: object, fields: NativeFields, level: number): Found {
  const { tables } = walk;

  if (tables.match) {
    let hook: Match | undefined;
    try {
      hook = tables.match(node, fields);
    } catch {
      hook = undefined; // a broken hook must not switch off core's own tables
    }
    if (hook) return { match: hook, fields };
  }

  const named = fields.name !== undefined && tables.names.has(fields.name);
  if (named || (fields.code === undefined && (fields.name === "Error" || fields.name === "TypeError"))) {
    // A resolver's text says more than a runtime's class (Deno's NotFound for NXDOMAIN) or an
    // errno beside it.
    const first = matching(tables.first, fields);
    if (first) return { match: { kind: first.kind, code: first.code }, fields };
  }
  if (named) {
    const m = byRow(tables.names.get(fields.name)!, fields, tables.platform, false);
    if (m === "unchanged") return m;
    if (m) return { match: m, fields };
  }

  // An AggregateError (a connect to several addresses): map every inner error. Before the code,
  // because Node also copies the first inner error's code onto the AggregateError.
  const errors = aggregated(walk, node, level);
  if (errors) return { match: aggregate(errors), fields, errors };

  if (fields.code !== undefined) {
    if (tables.codes.has(fields.code)) {
      const m = byRow(tables.codes.get(fields.code)!, fields, tables.platform, true);
      if (m === "unchanged") return m;
      if (m) return { match: m, fields };
    }
    const found = lookupCode(fields.code);
    if (found) {
      const resolver = fields.syscall !== undefined && RESOLVER_SYSCALL.test(fields.syscall);
      return { match: { kind: resolver ? "NameResolutionError" : found.kind, code: found.code }, fields };
    }
  } else {
    const found =
      fields.errno !== undefined ? lookupNumber(fields.errno, tables.platform) : undefined;
    if (found) return { match: { kind: found.kind, code: found.code }, fields };
    // A plain Error that kept only the operating system's text (Deno's fetch cause).
    const os = fields.message?.includes("(os error ") ? OS_ERROR.exec(fields.message) : null;
    const fromText = os ? lookupNumber(Number(os[1]), tables.platform) : undefined;
    if (fromText) return { match: { kind: fromText.kind, code: fromText.code }, fields };
  }

  // The web platform's timeout (AbortSignal.timeout()): a DOMException named TimeoutError.
  if (fields.name === "TimeoutError") return { match: { kind: "TimeoutError" }, fields };
  // An abort is the user's own decision, not a network failure, unless it was a timeout.
  if (fields.name === "AbortError") {
    return str(read(read(node, "cause"), "name")) === "TimeoutError" ? undefined : "unchanged";
  }

  const pattern = matching(tables.messages, fields);
  if (pattern) return { match: { kind: pattern.kind, code: pattern.code }, fields };
  return undefined;
}

/** The inner errors of an AggregateError, each mapped; undefined unless every one read maps. */
function aggregated(walk: Walk, node: object, level: number): OSError[] | undefined {
  const inner = read(node, "errors");
  let isArray = false;
  try {
    isArray = Array.isArray(inner);
  } catch {
    return undefined; // a revoked Proxy
  }
  if (!isArray || level >= MAX_DEPTH) return undefined;
  // Indexed reads only: `slice` and iteration would call a hostile `constructor[Symbol.species]`.
  const count = Math.min(num(read(inner, "length")) ?? 0, MAX_INNER);
  if (count < 1) return undefined;
  const mapped: OSError[] = [];
  for (let i = 0; i < count; i++) {
    const e = read(inner, i);
    const m = isObject(e) ? mapInner(walk, e, level + 1) : undefined;
    if (m === undefined) return undefined;
    mapped.push(m);
  }
  return mapped;
}

function mapInner(walk: Walk, error: object, level: number): OSError | undefined {
  const done = (walk.done ??= new Map());
  const before = done.get(error);
  // A failure met deeper (with less depth left) may succeed here: only then is it walked again.
  if (before !== undefined && (before.mapped !== undefined || before.level <= level)) return --walk.budget >= 0 ? before.mapped : undefined;
  const mapped = mapWith(walk, error, undefined, level);
  done.set(error, { mapped, level });
  return mapped;
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

/** An error event's `error` (a WebSocket `ErrorEvent`): the error it reports, if it carries one. */
function eventError(node: object): object | undefined {
  if (read(node, "type") !== "error") return undefined;
  const error = read(node, "error");
  return isObject(error) ? error : undefined;
}

/** Where a walk ended: a neterr error met on the way, or a node a table knows and what it says. */
type Hit =
  | { readonly mapped: OSError }
  | { readonly node: object; readonly match: Match; readonly fields: NativeFields; readonly errors: readonly OSError[] | undefined };

/**
 * Walks from `node` (the input itself, or a link of its chain) to the first node a table knows.
 * An error event's `error` is read before the event's own text; then the node itself; then its
 * `cause`. Bounded by depth, by the walk's budget, and by the path (a node met again on it is a
 * cycle). It only finds: the error is built by {@link mapWith}, near the top of the stack, since
 * some engines (Deno's) pay for every frame on the stack when an error is constructed.
 */
function walkFrom(walk: Walk, node: object, level: number, depth: number): Hit | "unchanged" | undefined {
  if (depth >= MAX_DEPTH || --walk.budget < 0 || walk.path.includes(node)) return undefined;
  if (isOSError(node)) return { mapped: node };
  // No try/finally: a throw anywhere ends the whole walk (createAdapter catches it), path and all.
  walk.path.push(node);
  const hit = visit(walk, node, level, depth);
  walk.path.pop();
  return hit;
}

function visit(walk: Walk, node: object, level: number, depth: number): Hit | "unchanged" | undefined {
  const fields = fieldsOf(node);
  // An event (it has no `name`) that reports an error: that error says more than its text.
  const reported = fields.name === undefined ? eventError(node) : undefined;
  if (reported) {
    const hit = walkFrom(walk, reported, level, depth + 1);
    if (hit) return hit;
  }
  const found = classify(walk, node, fields, level);
  if (found === "unchanged") return found;
  if (found) return { node, match: found.match, fields: found.fields, errors: found.errors };
  const cause = read(node, "cause");
  return isObject(cause) ? walkFrom(walk, cause, level, depth + 1) : undefined;
}

function mapWith(walk: Walk, error: object, context: Context | undefined, level: number): OSError | undefined {
  const hit = walkFrom(walk, error, level, 0);
  if (hit === undefined || hit === "unchanged") return undefined;
  if ("mapped" in hit) return hit.mapped === error ? hit.mapped : rewrap(hit.mapped, error);
  return build(walk.tables, error, hit.node, hit.match, hit.fields, hit.errors, context);
}

/** A field of the caller's context, read safely and only if it has the right type. */
function fromContext<K extends keyof Context>(context: Context | undefined, key: K): Context[K] {
  const value = read(context, key);
  return (key === "port" ? num(value) : str(value)) as Context[K];
}

/**
 * Where the native error says the failure happened, including where it hides it: Bun's fetch
 * puts the URL in `path` (its host and port are read, and `path` is dropped); undici's
 * `SocketError` keeps the peer in `socket.remoteAddress` and `socket.remotePort`.
 */
function locate(node: object, fields: NativeFields): NativeFields {
  if (fields.path !== undefined && URL_SCHEME.test(fields.path)) {
    try {
      const url = new URL(fields.path);
      const port = url.port !== "" ? Number(url.port) : url.protocol === "https:" || url.protocol === "wss:" ? 443 : 80;
      return { ...fields, path: undefined, port: fields.port ?? port, ...(fields.address ?? fields.hostname ? {} : hostFields(url.hostname)) };
    } catch {
      return { ...fields, path: undefined };
    }
  }
  if (fields.address === undefined) {
    const socket = read(node, "socket");
    const address = str(read(socket, "remoteAddress"));
    if (address !== undefined) return { ...fields, address, port: fields.port ?? num(read(socket, "remotePort")) };
  }
  return fields;
}

/**
 * Where the failure happened: the match's field if the match names it (even as undefined), else
 * the native field, else the caller's context.
 */
function where<K extends keyof Context>(match: Match, fields: NativeFields, context: Context | undefined, key: K): Context[K] {
  if (Object.hasOwn(match, key)) return match[key] as Context[K];
  return (fields[key] as Context[K]) ?? fromContext(context, key);
}

/** A neterr error found inside a wrapper: same class and fields, with the wrapper as cause. */
function rewrap(inner: OSError, outer: object): OSError {
  const Class = classOf(kindOf(inner) ?? "OSError");
  return create(Class, joinMessages(str(read(outer, "message")), inner.message), { ...inner, cause: outer });
}

/** The wrapper's message, then the inner one's, each said once (Deno 2.0's WebSocket event repeats its error's text). */
function joinMessages(outer: string | undefined, inner: string | undefined): string {
  if (outer === undefined || outer === "") return inner ?? "";
  if (inner === undefined || inner === "" || outer.includes(inner)) return outer;
  if (inner.includes(outer)) return inner;
  return `${outer}: ${inner}`;
}

/** The inner errors' messages, joined, at most {@link MAX_MESSAGE} characters. */
function joinInner(errors: readonly OSError[]): string {
  let message = "";
  for (const e of errors) {
    message = message === "" ? e.message : `${message}; ${e.message}`;
    if (message.length > MAX_MESSAGE) return `${message.slice(0, MAX_MESSAGE)}...`;
  }
  return message;
}

function build(
  tables: Tables,
  top: object,
  source: object,
  match: Match,
  native: NativeFields,
  errors: readonly OSError[] | undefined,
  context: Context | undefined,
): OSError {
  const fields = locate(source, native);
  let message = source === top ? fields.message : joinMessages(str(read(top, "message")), fields.message);
  if (errors && (message === undefined || message === "")) message = joinInner(errors); // happy eyeballs: ""
  const code = match.code ?? fields.code;
  // errno and strerror come from the POSIX code, on this platform: here, and nowhere else. A
  // resolver's code is no errno (ECONNREFUSED from a DNS server is c-ares' number, not 111), and
  // an aggregate's own code (Node copies the first inner error's) speaks for its errors only
  // where they agree (the match's code).
  const posix = errors ? match.code : code;
  let { errno, strerror } = match;
  if (errno === undefined && strerror === undefined && posix !== undefined && match.kind !== "NameResolutionError") {
    const row = lookupCode(posix)?.row;
    if (row) ({ errno, strerror } = { errno: errnoOf(row, tables.platform), strerror: row.strerror });
  }
  if (errno === undefined && match.code === undefined && fields.errno !== undefined && fields.errno > 0 && match.kind !== "NameResolutionError") {
    errno = fields.errno;
  }
  return create(classOf(match.kind), message ?? "", {
    cause: top,
    code,
    errno,
    strerror,
    syscall: where(match, fields, context, "syscall"),
    address: where(match, fields, context, "address"),
    port: where(match, fields, context, "port"),
    path: where(match, fields, context, "path"),
    hostname: where(match, fields, context, "hostname"),
    runtime: tables.runtime,
    errors,
  });
}

/**
 * Makes a mapper from an adapter's spec. Core's own vocabularies (POSIX, resolver, Node's API,
 * undici, Deno, Bun) are always included; the spec adds a runtime name, a platform, and any
 * rows of its own (which win). Adapters call this once; users rarely need it.
 *
 * @example
 * ```ts
 * import { ConnectionResetError } from "@neterr/core";
 * import { createAdapter } from "@neterr/core/adapter";
 *
 * const adapter = createAdapter({ runtime: "mine", codes: { PEER_GONE: "ConnectionResetError" } });
 * const error = adapter.normalize(Object.assign(new Error("peer gone"), { code: "PEER_GONE" }));
 * console.log(error instanceof ConnectionResetError); // true
 * ```
 */
export function createAdapter(spec: AdapterSpec): Adapter {
  const tables = tablesOf(spec);
  const toOSError = (error: unknown, context?: Context): OSError | undefined => {
    if (!isObject(error)) return undefined;
    try {
      return mapWith({ tables, path: [], done: undefined, budget: MAX_NODES }, error, context, 0);
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
