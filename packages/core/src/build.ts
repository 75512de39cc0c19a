/**
 * @module
 * Building the neterr error once the walk found what a node says: its message (the wrapper's,
 * then the inner one's, each said once), its fields (the native ones, where the runtime hid them,
 * or the caller's context), and `errno`, derived from the POSIX code here and nowhere else.
 */

import { classOf } from "./classes.ts";
import { errnoOf, lookupCode } from "./errno.ts";
import { kindOf, type OSError } from "./errors.ts";
import { placeOf } from "./phase.ts";
import type { Context, Match, NativeFields } from "./spec.ts";
import { create } from "./stack.ts";
import type { Tables } from "./tables.ts";
import { num, read, str, urlPeer } from "./util.ts";

/** How long a message joined from inner errors may grow. */
const MAX_MESSAGE = 4096;
/** The web platform's URL parser, which every runtime has (core's types name no runtime's globals). */
/** A URL, where a runtime put one in a field of its own (Bun's fetch, in `path`). */
const URL_SCHEME = /^(?:https?|wss?):\/\//;

/** The location fields, which a match, the native error or the caller's context may give. */
/** A system call's name, as runtimes report it (`connect`, `getaddrinfo`, `read`). */
const SYSCALL_NAME = /^[a-z][A-Za-z0-9_]{0,31}$/;

type LocationKey = Exclude<keyof Context, "requestSent" | "phase">;

/** A field of the caller's context, read safely and only if it has the right type. */
function fromContext<K extends LocationKey>(context: Context | undefined, key: K): Context[K] {
  const value = read(context, key);
  return (key === "port" ? num(value) : str(value)) as Context[K];
}

/**
 * Where the native error says the failure happened, including where its runtime hides it (the
 * tables' `locations`: Bun's fetch URL in `path`, undici's `socket`), read only where the native
 * error's own fields say nothing.
 */
function locate(tables: Tables, node: object, fields: NativeFields): NativeFields {
  let located = fields;
  for (const { field, as, name } of tables.locations) {
    // Read only where the native error's own fields leave the answer open (most name their peer and syscall).
    if (name !== undefined && fields.name !== name) continue;
    if (as === "syscall" ? located.syscall !== undefined : as === "peer" && located.address !== undefined) continue;
    const value = field in located ? located[field as keyof NativeFields] : read(node, field);
    if (as === "url") {
      if (typeof value !== "string" || !URL_SCHEME.test(value)) continue;
      const dropped = field in located ? { [field]: undefined } : {};
      const peer = urlPeer(value);
      located = peer === undefined ? { ...located, ...dropped } : { ...located, ...dropped, port: located.port ?? peer.port, ...(located.address ?? located.hostname ? {} : peer.host) };
    } else if (as === "syscall") {
      if (typeof value === "string" && SYSCALL_NAME.test(value)) located = { ...located, syscall: value };
    } else {
      const address = str(read(value, "remoteAddress"));
      if (address !== undefined) located = { ...located, address, port: located.port ?? num(read(value, "remotePort")) };
    }
  }
  return located;
}

/**
 * Where the failure happened: the match's field if the match names it (even as undefined), else
 * the native field, else the caller's context.
 */
function where<K extends LocationKey>(match: Match, fields: NativeFields, context: Context | undefined, key: K): Context[K] {
  if (Object.hasOwn(match, key)) return match[key] as Context[K];
  return (fields[key] as Context[K]) ?? fromContext(context, key);
}

/** A neterr error found inside a wrapper: same class and fields, with the wrapper as cause. */
export function rewrap(inner: OSError, outer: object): OSError {
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

export function build(
  tables: Tables,
  top: object,
  source: object,
  match: Match,
  native: NativeFields,
  errors: readonly OSError[] | undefined,
  context: Context | undefined,
): OSError {
  const fields = locate(tables, source, native);
  let message = source === top ? fields.message : joinMessages(str(read(top, "message")), fields.message);
  if (errors && (message === undefined || message === "")) message = joinInner(errors); // happy eyeballs: ""
  const code = match.code ?? fields.code;
  // errno comes from the POSIX code, on this platform: here, and nowhere else (strerror only from
  // the native error or a match: a mapped error keeps the native text in its message). A
  // resolver's code is no errno (ECONNREFUSED from a DNS server is c-ares' number, not 111), and
  // an aggregate's own code (Node copies the first inner error's) speaks for its errors only
  // where they agree (the match's code).
  const posix = errors ? match.code : code;
  let { errno } = match;
  if (errno === undefined && posix !== undefined && match.kind !== "NameResolutionError") {
    const row = lookupCode(posix)?.row;
    if (row) errno = errnoOf(row, tables.platform);
  }
  if (errno === undefined && match.code === undefined && fields.errno !== undefined && fields.errno > 0 && match.kind !== "NameResolutionError") {
    errno = fields.errno;
  }
  const syscall = where(match, fields, context, "syscall");
  const place = placeOf(match, syscall, message ?? "", tables.places, context);
  return create(classOf(match.kind), message ?? "", {
    cause: top,
    code,
    errno,
    strerror: match.strerror,
    syscall,
    address: where(match, fields, context, "address"),
    port: where(match, fields, context, "port"),
    path: where(match, fields, context, "path"),
    hostname: where(match, fields, context, "hostname"),
    runtime: tables.runtime,
    errors,
    phase: place.phase,
    requestSent: place.requestSent,
    timeout: place.timeout,
  });
}
