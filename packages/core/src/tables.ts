/**
 * @module
 * An adapter's tables, read once: the spec's own rows first, then the dialects it lists, and the
 * message patterns with one expression that tests most messages once.
 */

import type { Platform } from "./errno.ts";
import type { AdapterSpec, Dialect, Follow, Location, MessagePattern, NativeFields, PlacePattern, Row } from "./spec.ts";

/** A follow as the mapper reads it: a dotted `field` split once, here, not on every node. */
export interface Followed extends Follow {
  readonly path?: readonly string[];
}

/** ES2022's error cause (fetch's TypeError, a client's wrapper): always followed, last. */
const CAUSE: Followed = { field: "cause" };

/** The tables of one adapter, merged once: the spec's own rows first, then its dialects'. */
export interface Tables {
  readonly runtime: string | undefined;
  readonly platform: Platform;
  readonly codes: ReadonlyMap<string, Row>;
  /**
   * Everything a table says of one error class, found with one lookup per node (most nodes, a
   * runtime's `RangeError`, find nothing and pay no more): its `names` row, its own codes, the
   * follows scoped to it, and the message patterns for errors of that `name` (its own and the
   * unnamed ones, in table order).
   */
  readonly classes: Readonly<Record<string, ClassEntry | undefined>>;
  readonly constructors: ReadonlyMap<string, Row>;
  /** The unnamed patterns: what an error whose name no pattern asks for is tested against. */
  readonly first: Patterns;
  readonly messages: Patterns;
  readonly match: AdapterSpec["match"];
  /**
   * Fields followed before a node's own fields are read, and those followed when it says nothing.
   * A class with follows of its own has its lists in `classes`, these included.
   */
  readonly before: readonly Followed[];
  readonly after: readonly Followed[];
  readonly locations: readonly Location[];
  readonly places: readonly PlacePattern[];
}

/** What the tables say of one error class (see {@link Tables.classes}). */
export interface ClassEntry {
  readonly row?: Row;
  readonly codes?: ReadonlyMap<string, Row>;
  readonly before?: readonly Followed[];
  readonly after?: readonly Followed[];
  readonly first?: Patterns;
  readonly messages?: Patterns;
}

export function tablesOf(spec: AdapterSpec): Tables {
  const all: readonly Dialect[] = [spec, ...(spec.dialects ?? [])];
  // A key's first row wins: the spec's own, then each dialect's in order.
  const fill = (map: Map<string, Row>, rows: Readonly<Record<string, Row>> | undefined): void => {
    for (const [k, v] of Object.entries(rows ?? {})) if (!map.has(k)) map.set(k, v);
  };
  const merge = (slot: "codes" | "names" | "constructors"): Map<string, Row> => {
    const map = new Map<string, Row>();
    for (const d of all) fill(map, d[slot]);
    return map;
  };
  const patterns = all.flatMap((d) => d.messages ?? []);
  type Entry = { -readonly [K in keyof ClassEntry]: ClassEntry[K] };
  // A record with no prototype, not a Map: a class no table names (most of them) is a miss that
  // JavaScriptCore answers sooner from a record (Bun 1.1's pass-through of a RangeError, 2-6%).
  const classes: Record<string, Entry> = Object.create(null);
  const entry = (cls: string): Entry => (classes[cls] ??= {});
  for (const [cls, row] of merge("names")) entry(cls).row = row;
  for (const d of all) for (const [cls, codes] of Object.entries(d.classCodes ?? {})) fill((entry(cls).codes ??= new Map()) as Map<string, Row>, codes);
  // The follows scoped to classes go to their classes' entries; the others are tried on every node.
  const before: Followed[] = [];
  const after: Followed[] = [];
  for (const follow of all.flatMap((d) => d.follow ?? [])) {
    const f: Followed = follow.field.includes(".") ? { ...follow, path: follow.field.split(".", 4) } : follow;
    if (f.classes === undefined) (f.before === true ? before : after).push(f);
    else {
      for (const cls of f.classes) {
        const e = entry(cls);
        ((f.before === true ? (e.before ??= []) : (e.after ??= [])) as Followed[]).push(f);
      }
    }
  }
  after.push(CAUSE);
  // A class's own follows join the unscoped ones, in the order they are tried (the unscoped
  // `before`s first, then the class's; the class's `after`s, then the unscoped and `cause`): one
  // list per node, so that a class no table names walks the same short path as before.
  for (const e of Object.values(classes)) {
    if (e.before !== undefined) e.before = [...before, ...e.before];
    if (e.after !== undefined) e.after = [...e.after, ...after];
  }
  // For each `name` some pattern asks for, the patterns an error of that name is tested against
  // (its own and the unnamed ones, in table order), in its class's entry; what is returned is the
  // unnamed ones, what an error of any other name is tested against: a client's texts cost
  // nothing to a runtime's errors.
  const byName = (list: readonly MessagePattern[], key: "first" | "messages"): Patterns => {
    const tested = (name: string | undefined) => patternsOf(list.filter((p) => p.name === undefined || p.name === name));
    for (const name of new Set(list.map((p) => p.name))) if (name !== undefined) entry(name)[key] = tested(name);
    return tested(undefined);
  };
  return {
    runtime: spec.runtime,
    platform: spec.platform ?? "linux",
    codes: merge("codes"),
    classes,
    constructors: merge("constructors"),
    first: byName(patterns.filter((p) => p.first === true), "first"),
    messages: byName(patterns, "messages"),
    match: spec.match,
    before,
    after,
    locations: all.flatMap((d) => d.locations ?? []),
    places: all.flatMap((d) => d.places ?? []),
  };
}

/**
 * A message table, with one regular expression that any of its patterns would match: most
 * messages match none, and are then tested once instead of once per pattern.
 */
export interface Patterns {
  readonly any: RegExp | undefined;
  readonly list: readonly MessagePattern[];
}

/** A source that cannot share one expression: a backreference or a named group would be renumbered or clash. */
const UNSHAREABLE = /\\[1-9]|\\k<|\(\?<[^=!]/;

function patternsOf(list: readonly MessagePattern[]): Patterns {
  // Only flagless patterns without groups that refer to each other can share one expression;
  // otherwise every pattern is tested on its own.
  let any: RegExp | undefined;
  if (list.length > 0 && list.every((p) => p.pattern.flags === "" && !UNSHAREABLE.test(p.pattern.source))) {
    try {
      any = new RegExp(list.map((p) => `(?:${p.pattern.source})`).join("|"));
    } catch {
      // never let a spec's patterns make createAdapter throw
    }
  }
  return { any, list };
}

export const matching = ({ any, list }: Patterns, fields: NativeFields): MessagePattern | undefined => {
  // (An empty list has no `any`, and no pattern to try.)
  if (fields.message === undefined || (any !== undefined && !any.test(fields.message))) return undefined;
  for (const p of list) {
    p.pattern.lastIndex = 0; // a /g or /y pattern keeps state between calls
    if ((p.name === undefined || p.name === fields.name) && p.pattern.test(fields.message)) return p;
  }
  return undefined;
};
