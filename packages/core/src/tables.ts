/**
 * @module
 * An adapter's tables, read once: the spec's own rows first, then the dialects it lists, and the
 * message patterns with one expression that tests most messages once.
 */

import type { Platform } from "./errno.ts";
import type { AdapterSpec, Dialect, Follow, Location, MessagePattern, NativeFields, PlacePattern, Row } from "./spec.ts";

/** ES2022's error cause (fetch's TypeError, a client's wrapper): always followed, last. */
const CAUSE: Follow = { field: "cause" };

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
  readonly classes: ReadonlyMap<string, ClassEntry>;
  readonly constructors: ReadonlyMap<string, Row>;
  /** The unnamed patterns: what an error whose name no pattern asks for is tested against. */
  readonly first: Patterns;
  readonly messages: Patterns;
  readonly match: AdapterSpec["match"];
  /** Fields followed before a node's own fields are read, and those followed when it says nothing (those scoped to classes are in `classes`). */
  readonly before: readonly Follow[];
  readonly after: readonly Follow[];
  readonly locations: readonly Location[];
  readonly places: readonly PlacePattern[];
}

/** What the tables say of one error class (see {@link Tables.classes}). */
export interface ClassEntry {
  readonly row?: Row;
  readonly codes?: ReadonlyMap<string, Row>;
  readonly before?: readonly Follow[];
  readonly after?: readonly Follow[];
  readonly first?: Patterns;
  readonly messages?: Patterns;
}

export function tablesOf(spec: AdapterSpec): Tables {
  const all: readonly Dialect[] = [spec, ...(spec.dialects ?? [])];
  const merge = (slot: "codes" | "names" | "constructors"): Map<string, Row> => {
    const map = new Map<string, Row>();
    for (const d of all) for (const [k, v] of Object.entries(d[slot] ?? {})) if (!map.has(k)) map.set(k, v);
    return map;
  };
  const patterns = all.flatMap((d) => d.messages ?? []);
  const follows = all.flatMap((d) => d.follow ?? []);
  type Entry = { -readonly [K in keyof ClassEntry]: ClassEntry[K] };
  const classes = new Map<string, Entry>();
  const entry = (cls: string): Entry => {
    let e = classes.get(cls);
    if (e === undefined) classes.set(cls, (e = {}));
    return e;
  };
  for (const [cls, row] of merge("names")) entry(cls).row = row;
  for (const d of all) {
    for (const [cls, codes] of Object.entries(d.classCodes ?? {})) {
      const map = new Map(entry(cls).codes ?? []);
      for (const [code, row] of Object.entries(codes)) if (!map.has(code)) map.set(code, row);
      entry(cls).codes = map;
    }
  }
  for (const f of follows) {
    for (const cls of f.classes ?? []) {
      const e = entry(cls);
      if (f.before === true) e.before = [...(e.before ?? []), f];
      else e.after = [...(e.after ?? []), f];
    }
  }
  const firstPatterns = patterns.filter((p) => p.first === true);
  for (const [name, list] of byName(patterns)) entry(name).messages = list;
  for (const [name, list] of byName(firstPatterns)) entry(name).first = list;
  return {
    runtime: spec.runtime,
    platform: spec.platform ?? "linux",
    codes: merge("codes"),
    classes,
    constructors: merge("constructors"),
    first: patternsOf(firstPatterns.filter((p) => p.name === undefined)),
    messages: patternsOf(patterns.filter((p) => p.name === undefined)),
    match: spec.match,
    before: follows.filter((f) => f.before === true && f.classes === undefined),
    after: [...follows.filter((f) => f.before !== true && f.classes === undefined), CAUSE],
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

/**
 * For each `name` some pattern asks for: the patterns an error of that name is tested against
 * (its own and the unnamed ones, in table order). An error of any other name is tested against
 * the unnamed ones only: a client's texts cost nothing to a runtime's errors.
 */
function byName(list: readonly MessagePattern[]): Map<string, Patterns> {
  const map = new Map<string, Patterns>();
  for (const name of new Set(list.flatMap((p) => (p.name === undefined ? [] : [p.name])))) {
    map.set(name, patternsOf(list.filter((p) => p.name === undefined || p.name === name)));
  }
  return map;
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

export const matching = ({ any, list }: Patterns, fields: NativeFields): MessagePattern | undefined => {
  if (fields.message === undefined || list.length === 0) return undefined;
  if (any !== undefined && !any.test(fields.message)) return undefined;
  for (const p of list) {
    p.pattern.lastIndex = 0; // a /g or /y pattern keeps state between calls
    if ((p.name === undefined || p.name === fields.name) && p.pattern.test(fields.message)) return p;
  }
  return undefined;
};
