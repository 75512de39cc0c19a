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
  readonly names: ReadonlyMap<string, Row>;
  readonly constructors: ReadonlyMap<string, Row>;
  /** `class\0code` -> meaning (a library's own codes, by its error class). */
  readonly classCodes: ReadonlyMap<string, Row>;
  readonly first: Patterns;
  readonly messages: Patterns;
  readonly match: AdapterSpec["match"];
  /** Fields followed before a node's own fields are read, and those followed when it says nothing. */
  readonly before: readonly Follow[];
  readonly after: readonly Follow[];
  readonly locations: readonly Location[];
  readonly places: readonly PlacePattern[];
}

export function tablesOf(spec: AdapterSpec): Tables {
  const all: readonly Dialect[] = [spec, ...(spec.dialects ?? [])];
  const merge = (slot: "codes" | "names" | "constructors"): Map<string, Row> => {
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
    constructors: merge("constructors"),
    classCodes: new Map(all.flatMap((d) => Object.entries(d.classCodes ?? {}).flatMap(([cls, codes]) => Object.entries(codes).map(([code, row]): [string, Row] => [`${cls}\0${code}`, row])))),
    first: patternsOf(patterns.filter((p) => p.first === true)),
    messages: patternsOf(patterns),
    match: spec.match,
    before: all.flatMap((d) => d.follow ?? []).filter((f) => f.before === true),
    after: [...all.flatMap((d) => d.follow ?? []).filter((f) => f.before !== true), CAUSE],
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
