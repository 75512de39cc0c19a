/**
 * @module
 * The mapper: turns whatever a runtime threw into a neterr error, driven by tables. It walks the
 * error graph to the first node a table knows (tables.ts reads every table: POSIX and resolver
 * codes, the dialects an {@link AdapterSpec} lists, and its own rows), then build.ts makes the error, deriving `errno` from the POSIX code
 * there and nowhere else. A thrown error goes adapter -> core -> done.
 *
 * Contract of every mapper: it returns, quickly, it never throws, and it never loses its input
 * (the input is returned unchanged, or it is the `cause` of what is returned). The walk of an
 * error graph is bounded as a whole: a chain of at most {@link MAX_DEPTH} `cause`s (or an event's
 * `error`), aggregates nested at most as deep, at most {@link MAX_INNER} inner errors each, at most
 * {@link MAX_NODES} objects visited in all, each shared inner error mapped once, and a joined
 * message of at most 4,096 characters (build.ts).
 */

import { build, rewrap } from "./build.ts";
import { lookupCode, lookupNumber, type Platform } from "./errno.ts";
import { ancestry, type ErrorKind, isOSError, kindOf, type OSError } from "./errors.ts";
import type { Adapter, AdapterSpec, Context, Follow, Match, MessagePattern, NativeFields, Row } from "./spec.ts";
import { type ClassEntry, type Followed, matching, type Tables, tablesOf } from "./tables.ts";
import { isObject, num, read, str } from "./util.ts";

/** How long a `cause` chain is followed, and how deep aggregates nest. */
const MAX_DEPTH = 8;
/** How many inner errors of one AggregateError are read. */
const MAX_INNER = 64;
/** How many objects one walk visits in all (each inner error, each link of a chain). */
const MAX_NODES = 1024;

/** Resolver operations (node:dns and the runtimes that copy it): their errors are name resolution. */
const RESOLVER_SYSCALL = /^(?:query[A-Za-z]*|getaddrinfo|getnameinfo|getHostByAddr|resolve[A-Za-z0-9]*)$/;
/** Rust's `std::io::Error` text (Deno): `Connection refused (os error 111)`. */
const OS_ERROR = /\(os error (-?\d{1,6})\)/;
/** A message that opens with the POSIX code (Deno: `ESRCH: No such process`). */
const CODE_HEAD = /^(E[A-Z0-9]{1,15}): /;

/** One walk over an error graph: its budget, the objects on the current path, and what is done. */
interface Walk {
  readonly tables: Tables;
  /** Objects on the path being walked (at most {@link MAX_DEPTH} per level): meeting one again is a cycle. */
  readonly path: object[];
  /** Inner errors already mapped (an aggregate may hold the same error 64 times); made on first need. */
  done: Map<object, { readonly mapped: OSError | undefined; readonly level: number }> | undefined;
  budget: number;
}

/** The fields core reads from one node, each read safely (exported for scripts/bench/steps.mjs, not by the package). */
export function fieldsOf(error: object): NativeFields {
  // All read at once, at sites of their own (each field's lookup stays fast where the error's
  // shape repeats); where any read throws (a hostile getter or Proxy), each again on its own.
  try {
    return fieldsFrom(error as Record<string, unknown>);
  } catch {
    const safe: Record<string, unknown> = {};
    for (const key of Object.keys(fieldsFrom(safe))) safe[key] = read(error, key);
    return fieldsFrom(safe);
  }
}

const fieldsFrom = (e: Record<string, unknown>): NativeFields => ({
  name: str(e.name),
  message: str(e.message),
  code: str(e.code),
  errno: num(e.errno),
  syscall: str(e.syscall),
  address: str(e.address),
  port: num(e.port),
  path: str(e.path),
  hostname: str(e.hostname),
});

/** What one node of a chain says: a match, "unchanged" (stop: not a network failure), or nothing. */
type Found = { readonly match: Match; readonly fields: NativeFields; readonly errors?: readonly OSError[] } | "unchanged" | undefined;

/** A row of the class-name or code table, read against the error's own evidence. */
function byRow(row: Row, fields: NativeFields, platform: Platform, ownCode: boolean): Match | "unchanged" | undefined {
  // A class that is no network failure (Deno's InvalidData), unless it carries a POSIX code.
  if (row === "unchanged") return !ownCode && fields.code !== undefined && lookupCode(fields.code) ? undefined : "unchanged";
  const { kind, posix, evidence, prefix, phase, timeout, requestSent } = typeof row === "string" ? { kind: row } as Exclude<Row, string> : row;
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
  return { kind: seen && (evidence || kind === "OSError") ? seen.kind : kind, code: fromText?.code ?? native ?? posix, phase, timeout, requestSent };
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
function classify(walk: Walk, node: object, fields: NativeFields, level: number, cls: string | undefined, entry: ClassEntry | undefined, named: ClassEntry | undefined): Found {
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

  // A class known by its constructor where its name says just "Error" (node-redis's): `cls`,
  // whose `entry` holds what the tables say of it; `named`, what they say of its `name`.
  if (fields.code !== undefined && entry?.codes !== undefined) {
    const own = entry.codes.get(fields.code);
    if (own !== undefined) {
      const m = byRow(own, fields, tables.platform, true);
      if (m === "unchanged") return m;
      if (m) return { match: m, fields };
    }
  }
  if (fields.name === "Error" && cls !== "Error" && tables.constructors.has(cls!)) {
    const m = byRow(tables.constructors.get(cls!)!, fields, tables.platform, false);
    if (m === "unchanged") return m;
    if (m) return { match: m, fields };
  }
  const row = entry?.row;
  if (row !== undefined || (fields.code === undefined && (fields.name === "Error" || fields.name === "TypeError"))) {
    // A resolver's text says more than a runtime's class (Deno's NotFound for NXDOMAIN) or an
    // errno beside it.
    const first = matching(named?.first ?? tables.first, fields);
    if (first) return { match: matchOf(first), fields };
  }
  if (row !== undefined) {
    const m = byRow(row, fields, tables.platform, false);
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

  // The web platform's timeout (AbortSignal.timeout()): a DOMException named TimeoutError, the
  // caller's own deadline on the whole call.
  if (fields.name === "TimeoutError") return { match: { kind: "TimeoutError", timeout: "deadline" }, fields };
  // An abort is the user's own decision, not a network failure, unless it was a timeout.
  if (fields.name === "AbortError") {
    return str(read(read(node, "cause"), "name")) === "TimeoutError" ? undefined : "unchanged";
  }

  const pattern = matching(named?.messages ?? tables.messages, fields);
  if (pattern) return { match: matchOf(pattern), fields };
  return undefined;
}

/** What a message pattern says. */
const matchOf = (p: MessagePattern): Match => ({ kind: p.kind, code: p.code, phase: p.phase, timeout: p.timeout, requestSent: p.requestSent });

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
  const match: { -readonly [K in keyof Match]: Match[K] } = {
    kind: common[0] ?? "OSError",
    code: same("code"),
    errno: same("errno"),
    strerror: same("strerror"),
    // Where every attempt failed alike (each connect refused: nothing was sent).
    phase: same("phase"),
    requestSent: same("requestSent"),
    timeout: same("timeout" as keyof OSError) as Match["timeout"],
  };
  // Where the inner errors disagree (or say nothing), the AggregateError's own fields and the
  // caller's context still count: only fields they share are named.
  for (const key of ["syscall", "address", "port", "path", "hostname"] as const) {
    const value = same(key);
    if (value !== undefined) (match as Record<string, unknown>)[key] = value;
  }
  return match;
}

/**
 * The constructor's name of an error named just "Error" (node-redis's classes, axios's wrapper of
 * a socket error), or its name. A runtime's system error (one that names its `syscall`: Node's
 * refused connect) is read by its name alone: no client class keyed by constructor has one, and a
 * runtime's own failure pays nothing for the clients' tables.
 */
function classOfNode(node: object, fields: NativeFields): string | undefined {
  if (fields.name !== "Error" || fields.syscall !== undefined) return fields.name;
  // One guarded block for both reads (a hostile getter or Proxy reads as no class).
  try {
    const name = (node as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === "string" ? name : "Error";
  } catch {
    return "Error";
  }
}

/** The object `follow.field` (a dotted path: `config.signal.reason`) holds on `node`, if the rule applies there. */
function followed(follow: Followed, node: object, fields: NativeFields): object | undefined {
  if (follow.when !== undefined && (fields.name !== undefined || read(node, follow.when.field) !== follow.when.equals)) return undefined;
  let next: unknown = node;
  if (follow.path === undefined) next = read(node, follow.field);
  else for (let i = 0; i < follow.path.length; i++) next = read(next, follow.path[i]!);
  return isObject(next) ? next : undefined;
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
  const { tables } = walk;
  const fields = fieldsOf(node);
  const cls = classOfNode(node, fields);
  // One lookup for what the tables say of its class (most nodes: nothing), one more where the
  // class is a constructor's and the name just "Error".
  const entry = cls === undefined ? undefined : tables.classes[cls];
  const named = fields.name === cls ? entry : fields.name === undefined ? undefined : tables.classes[fields.name];
  // What the node reports (an ErrorEvent's error, a client's wrapped socket error) says more than
  // the node's own text. (A class's own list holds the unscoped follows too: see tables.ts.)
  const before = entry?.before ?? named?.before ?? tables.before;
  for (let i = 0; i < before.length; i++) {
    const next = followed(before[i]!, node, fields);
    const hit = next && walkFrom(walk, next, level, depth + 1);
    if (hit) return hit;
  }
  const found = classify(walk, node, fields, level, cls, entry, named);
  if (found === "unchanged") return found;
  if (found) return { node, match: found.match, fields: found.fields, errors: found.errors };
  // The node says nothing: the first field that holds an object (its cause) goes on.
  const after = entry?.after ?? named?.after ?? tables.after;
  for (let i = 0; i < after.length; i++) {
    const next = followed(after[i]!, node, fields);
    if (next) return walkFrom(walk, next, level, depth + 1);
  }
  return undefined;
}

function mapWith(walk: Walk, error: object, context: Context | undefined, level: number): OSError | undefined {
  const hit = walkFrom(walk, error, level, 0);
  if (hit === undefined || hit === "unchanged") return undefined;
  if ("mapped" in hit) return hit.mapped === error ? hit.mapped : rewrap(hit.mapped, error);
  return build(walk.tables, error, hit.node, hit.match, hit.fields, hit.errors, context);
}

/**
 * Makes a mapper from an adapter's spec: a runtime name, a platform, the dialects its runtime
 * speaks (see {@link AdapterSpec}), and any rows of its own (which win). POSIX, Winsock and
 * resolver codes, errno numbers and `cause` chains are always read. Adapters call this once;
 * users rarely need it.
 *
 * @example
 * ```ts
 * import { ConnectionResetError } from "@neterr/core";
 * import { createAdapter, WEB_DIALECT } from "@neterr/core/adapter";
 *
 * const adapter = createAdapter({ runtime: "mine", codes: { PEER_GONE: "ConnectionResetError" }, dialects: [WEB_DIALECT] });
 * const error = adapter.normalize(Object.assign(new Error("peer gone"), { code: "PEER_GONE" }));
 * console.log(error instanceof ConnectionResetError); // true
 * ```
 */
export function createAdapter(spec: AdapterSpec): Adapter {
  const tables = tablesOf(spec);
  const passes = screenOf(tables);
  const toOSError = (error: unknown, context?: Context): OSError | undefined => {
    if (!isObject(error)) return undefined;
    // Already mapped: itself, before any walk is set up (isOSError never throws).
    if (isOSError(error)) return error;
    try {
      return mapWith({ tables, path: [], done: undefined, budget: MAX_NODES }, error, context, 0);
    } catch {
      return undefined; // never throw: an input we cannot read is an input we do not map
    }
  };
  return {
    runtime: spec.runtime,
    toOSError,
    normalize: (error: unknown, context?: Context): unknown =>
      passes !== undefined && isObject(error) && passes(error) ? error : (toOSError(error, context) ?? error),
  };
}

/**
 * The pass-through's screen: true for an error that no table can map, decided from a few fields
 * before any walk (a `RangeError` from a user's code: most errors a `catch` holds are none of
 * neterr's business, and `normalize` should cost them about what is-network-error's answer does).
 * It answers true only where {@link mapWith} would find nothing, for these reasons, each a step of
 * {@link visit} and {@link classify}: a `name` that is a string no table names and none of the four
 * that classify reads itself (a table's class, or an "Error" whose constructor may be a client's,
 * or "TypeError" with the resolver texts, or the web's TimeoutError and AbortError); no `code`,
 * `errno`, `errors` or any field a walk follows (`cause`); no `(os error N)` text and none of the
 * message patterns for every name (Deno's and Bun's: their one shared expression). It says
 * nothing (undefined) for tables it cannot vouch for: a spec's `match` hook, patterns for every
 * name that share no expression, a `before` follow for every error. A getter that throws sends the error down the full walk.
 * Already mapped errors pass too: the walk would return them unchanged.
 */
function screenOf({ match, messages: { any, list }, before, after, classes }: Tables): ((error: object) => boolean) | undefined {
  if (match || (list.length > 0 && !any) || before.some((f) => !f.when) || after.some((f) => !f.when && f.field !== "cause")) return undefined;
  // The last name found in no table: errors come in runs of one class, and comparing a name with
  // the same string costs less than a lookup in the class record (V8: about 10 ns a call). At
  // first a symbol of its own, which no name is (undefined would let an ErrorEvent's pass).
  let unknown: unknown = Symbol();
  return (error) => {
    try {
      const e = error as Record<string, unknown>;
      const name = e.name;
      if (name !== unknown) {
        if (typeof name !== "string" || classes[name] || SCREENED.includes(name)) return false;
        unknown = name;
      }
      const message = e.message;
      return e.code === undefined && e.errno === undefined && e.cause === undefined && e.errors === undefined &&
        (typeof message !== "string" || (!message.includes("(os error ") && !any?.test(message)));
    } catch {
      return false;
    }
  };
}

/** The names classify reads itself, whatever the tables say. */
const SCREENED = ["Error", "TypeError", "TimeoutError", "AbortError"];
