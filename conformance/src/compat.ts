/**
 * @module
 * The compatibility matrix as a picture (docs/compat.svg): one row per runtime scenario, one
 * column per runtime version, each cell the class neterr gives there, colored by what that
 * runtime version kept. The demo draws it from a live run (`cellOfReport`); the suite's
 * compat test reads it back (`cellsOf`) and checks every cell against the pins (`cellOfPin`),
 * which the live suite asserts in the same test command: the two agree cell by cell.
 */

import type { ErrorKind } from "@neterr/core";
import { ancestry } from "@neterr/core/adapter";
import { expectationOf } from "./pins.ts";
import { parseRuntime, type RuntimeVersion } from "./runtime.ts";
import type { Expectation, Report, Scenario } from "./types.ts";

/** What a runtime version kept, as the picture colors it. */
export type Category = "kept" | "lost" | "generic" | "none" | "na";

/** The legend, in the order it is drawn: each category's color and what it means. */
export const CATEGORIES: readonly { readonly id: Category; readonly color: string; readonly text: string }[] = [
  { id: "kept", color: "#2e7d32", text: "the class, where it failed and whether it was sent, as Node does" },
  { id: "lost", color: "#9ccc65", text: "the right class; where it failed or whether it was sent is lost" },
  { id: "generic", color: "#ffb74d", text: "only a generic (or another) class, or no class at all" },
  { id: "none", color: "#e53935", text: "no error at all: the runtime reports nothing" },
  { id: "na", color: "#e0e0e0", text: "not applicable: not this runtime's API, or not testable here" },
];

/** One cell: the outcome (a class name, "unchanged", "no error" or "n/a") and whether detail was lost. */
export interface Outcome {
  readonly kind: ErrorKind | "unchanged" | "no error" | "n/a";
  /**
   * The mapped error does not say where it failed, whether it was sent, or (a timeout) which clock.
   * A failed send that says "maybe sent" (`requestSent` unknown at `phase: "send"`) lost nothing:
   * whether the bytes of a failed write reached the peer is unknowable, on every runtime.
   */
  readonly lost: boolean;
}

/** A cell as drawn: its outcome and its category in the row. */
export interface Cell extends Outcome {
  readonly scenario: string;
  readonly runtime: string;
  readonly category: Category;
}

/** What the live run gave in one runtime version (`report` undefined: the scenario is not that runtime's). */
export function cellOfReport(report: Report | undefined): Outcome {
  if (report === undefined || report.skipped !== undefined || report.failed !== undefined) return { kind: "n/a", lost: false };
  if (report.silent !== undefined) return { kind: "no error", lost: false };
  const m = report.mapped;
  if (m === undefined) return { kind: "unchanged", lost: false };
  const lost = m.phase === undefined || (m.requestSent === undefined && m.phase !== "send") || (m.kind === "TimeoutError" && m.timeout === undefined);
  return { kind: (m.kind ?? "OSError") as ErrorKind, lost };
}

/** What the pins say the same cell must be. */
export function cellOfPin(scenario: Scenario, runtime: RuntimeVersion): Outcome {
  if (scenario.only !== undefined && scenario.only !== runtime.name) return { kind: "n/a", lost: false };
  const pin: Expectation = expectationOf(scenario, runtime);
  if (pin.kind === "not testable") return { kind: "n/a", lost: false };
  if (pin.kind === "no error" || pin.kind === "unchanged") return { kind: pin.kind, lost: false };
  return { kind: pin.kind, lost: pin.phase === null || (pin.requestSent === null && pin.phase !== "send") || (pin.kind === "TimeoutError" && pin.timeout === null) };
}

const isClass = (kind: Outcome["kind"]): kind is ErrorKind => kind !== "unchanged" && kind !== "no error" && kind !== "n/a";

/**
 * The row's reference: what the failure is, as the scenario's default pin says it (what Node
 * gives, as Linux says it): its class, or "unchanged" where it is no network failure.
 */
export function referenceOf(scenario: Pick<Scenario, "expect">): Outcome["kind"] | undefined {
  const kind = scenario.expect.default.kind;
  return kind === "not testable" || kind === "no error" ? undefined : kind;
}

/** A cell's category, against the row's reference. */
export function categoryOf(cell: Outcome, reference: Outcome["kind"] | undefined): Category {
  if (cell.kind === "n/a") return "na";
  if (cell.kind === "no error") return "none";
  if (cell.kind === "unchanged") return reference === undefined || reference === "unchanged" ? "kept" : "generic";
  const detail = cell.lost ? "lost" : "kept";
  if (reference === undefined || !isClass(reference)) return detail;
  // The reference's class, or a more specific one: right; an ancestor or another class: generic.
  return ancestry(cell.kind).includes(reference) ? detail : "generic";
}

/** The matrix: each row's outcomes (one per column), categorized against the row's reference. */
export function matrixOf(
  rows: readonly { readonly id: string; readonly reference: Outcome["kind"] | undefined; readonly cells: readonly Outcome[] }[],
  columns: readonly string[],
): Cell[][] {
  return rows.map(({ id, reference, cells }) => cells.map((cell, i) => ({ ...cell, scenario: id, runtime: columns[i]!, category: categoryOf(cell, reference) })));
}

/** The text of a cell: the class without "Error" (it is in every name), or the outcome. */
export const cellText = (kind: Outcome["kind"]): string => (kind === "n/a" ? "-" : isClass(kind) ? kind.replace(/Error$/, "") || kind : kind);

const xml = (text: string): string => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** Sizes of the drawing, in pixels. */
const ROW = 18;
const FIRST = 250;
const COLUMN = 134;
const HEAD = 56;
const FONT = "font-family=\"DejaVu Sans, Verdana, sans-serif\"";

/**
 * The SVG: a title, the legend, a header of runtime versions, then one row per scenario. Every
 * cell is a `<g>` whose data attributes say its scenario, runtime, class and category (what the
 * test reads back); its `<title>` shows the same on hover.
 */
export function renderSvg(matrix: readonly (readonly Cell[])[], columns: readonly string[], title: string): string {
  const width = FIRST + COLUMN * columns.length + 10;
  const legendTop = 36;
  const legendHeight = 18 * CATEGORIES.length + 8;
  const top = legendTop + legendHeight + HEAD;
  const height = top + ROW * matrix.length + 10;
  const color = new Map(CATEGORIES.map((c) => [c.id, c.color]));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">${xml(title)}</text>`,
  ];
  CATEGORIES.forEach((c, i) => {
    const y = legendTop + 18 * i;
    out.push(`<rect x="10" y="${y}" width="28" height="13" fill="${c.color}" stroke="#9e9e9e" stroke-width="0.5"/>`, `<text x="46" y="${y + 11}">${xml(c.text)}</text>`);
  });
  columns.forEach((column, i) => {
    const x = FIRST + COLUMN * i + COLUMN / 2;
    const { name, version } = parseRuntime(column);
    out.push(`<text x="${x}" y="${top - 26}" text-anchor="middle" font-weight="bold">${xml(name)}</text>`, `<text x="${x}" y="${top - 10}" text-anchor="middle">${xml(version)}</text>`);
  });
  matrix.forEach((row, r) => {
    const y = top + ROW * r;
    const id = row[0]?.scenario ?? "";
    if (r % 2 === 0) out.push(`<rect x="0" y="${y}" width="${width}" height="${ROW}" fill="#f5f5f5"/>`);
    out.push(`<text x="10" y="${y + 13}">${xml(id.length > 40 ? `${id.slice(0, 39)}…` : id)}</text>`);
    row.forEach((cell, c) => {
      const x = FIRST + COLUMN * c;
      const fill = color.get(cell.category)!;
      const ink = cell.category === "kept" || cell.category === "none" ? "#ffffff" : "#212121";
      out.push(
        `<g data-scenario="${xml(cell.scenario)}" data-runtime="${xml(cell.runtime)}" data-kind="${xml(cell.kind)}" data-lost="${cell.lost}" data-category="${cell.category}">` +
          `<title>${xml(`${cell.scenario} on ${cell.runtime}: ${cell.kind}${cell.lost ? " (where it failed is lost)" : ""}`)}</title>` +
          `<rect x="${x + 1}" y="${y + 1}" width="${COLUMN - 2}" height="${ROW - 2}" rx="2" fill="${fill}"/>` +
          `<text x="${x + COLUMN / 2}" y="${y + 13}" text-anchor="middle" fill="${ink}">${xml(cellText(cell.kind))}</text></g>`,
      );
    });
  });
  out.push("</svg>", "");
  return out.join("\n");
}

/** The cells an SVG made by {@link renderSvg} holds, read back from their data attributes. */
export function cellsOf(svg: string): (Cell & { readonly text: string; readonly fill: string })[] {
  const unxml = (text: string): string => text.replaceAll("&quot;", '"').replaceAll("&gt;", ">").replaceAll("&lt;", "<").replaceAll("&amp;", "&");
  const cells: (Cell & { readonly text: string; readonly fill: string })[] = [];
  const re = /<g data-scenario="([^"]*)" data-runtime="([^"]*)" data-kind="([^"]*)" data-lost="(true|false)" data-category="([a-z]+)"><title>[^<]*<\/title><rect [^>]*fill="(#[0-9a-f]{6})"\/><text [^>]*>([^<]*)<\/text><\/g>/g;
  for (let m = re.exec(svg); m !== null; m = re.exec(svg)) {
    cells.push({ scenario: unxml(m[1]!), runtime: unxml(m[2]!), kind: unxml(m[3]!) as Outcome["kind"], lost: m[4] === "true", category: m[5] as Category, fill: m[6]!, text: unxml(m[7]!) });
  }
  return cells;
}
