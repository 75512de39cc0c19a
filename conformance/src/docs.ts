/**
 * @module
 * The per-version tables of the READMEs, rendered from the pins (the `expect` tables of the
 * scenario rows), never typed by hand. A README holds each between `<!-- generated:NAME -->`
 * and `<!-- /generated:NAME -->`; `scripts/docs.mjs` rewrites them, and
 * `conformance/test/docs.test.ts` fails when a README and the pins disagree.
 */

import { readFileSync } from "node:fs";
import { CLIENTS, clientVersion } from "./clients.ts";
import { expectationOf } from "./pins.ts";
import type { RuntimeName, RuntimeVersion } from "./runtime.ts";
import { rows as allRows } from "./scenarios/index.ts";
import type { Expectation, Scenario } from "./types.ts";

/**
 * The runtime versions the live suite runs in, as the docs name them: conformance/versions.json,
 * the one table that scripts/runtimes.mjs runs them from (adding a version is an entry there).
 */
export const TESTED_VERSIONS: Readonly<Record<RuntimeName, readonly string[]>> = (() => {
  const table = JSON.parse(readFileSync(new URL("../versions.json", import.meta.url), "utf8")) as { versions: { runtime: RuntimeName; version: string }[] };
  const by: Record<RuntimeName, string[]> = { node: [], deno: [], bun: [] };
  for (const v of table.versions) by[v.runtime].push(v.version);
  return by;
})();

/** The runtimes' scenarios (the client scenarios have docs/clients.md). */
const rows = allRows.filter((s) => s.client === undefined);

const TITLE: Record<RuntimeName, string> = { node: "Node", deno: "Deno", bun: "Bun" };
export const versionsOf = (name: RuntimeName): RuntimeVersion[] => TESTED_VERSIONS[name].map((version) => ({ name, version }));
const label = (r: RuntimeVersion): string => `${TITLE[r.name]} ${r.version}`;

/** A pinned native shape, readable: the pattern without its anchors and escapes. */
function shape(pattern: RegExp): string {
  const text = pattern.source
    .replace(/^\^/, "")
    .replace(/\$$/, "")
    .replaceAll("\\[", "[")
    .replaceAll("\\]", "]")
    .replaceAll("\\w+", "…")
    .replaceAll('[^"]*', "…")
    .replaceAll("|", "\\|");
  return `\`${text}\``;
}

/** One pin in a few words: the class, code and syscall, and the native shape where pinned. */
export function pinText(pin: Expectation): string {
  if (pin.kind === "not testable") return "not testable";
  if (pin.kind === "no error") return pin.leaks ? `no error; an unhandled rejection leaks (${shape(pin.leaks)})` : "no error";
  const parts = [pin.kind === "unchanged" ? "unchanged" : pin.kind];
  if (pin.code) parts.push(`\`${pin.code}\``);
  if (pin.syscall) parts.push(`\`${pin.syscall}\``);
  let text = parts.join(" ");
  if (pin.errors !== undefined) text += `, ${pin.errors} inner errors`;
  if (pin.knownFields && pin.knownFields.length > 0) text += `, with ${pin.knownFields.join(", ")}`;
  const where = whereText(pin);
  if (where) text += `; ${where}`;
  if (pin.native) text += ` (from ${shape(pin.native)})`;
  return text;
}

/** Where it failed, whether the request was sent, which clock ran out: "at receive, sent", "where: lost". */
function whereText(pin: Expectation): string {
  const sent = pin.requestSent === true ? "sent" : pin.requestSent === false ? "nothing sent" : "maybe sent";
  const at = pin.phase === undefined ? "" : pin.phase === null ? (pin.requestSent === null ? "where: lost" : `where: lost, ${sent}`) : `at ${pin.phase}, ${sent}`;
  const clock = pin.kind !== "TimeoutError" || pin.timeout === undefined ? "" : pin.timeout === null ? "clock: lost" : `clock: ${pin.timeout}`;
  return [at, clock].filter(Boolean).join(", ");
}

const escape = (text: string): string => text.replaceAll("\n", " ");
const table = (head: readonly string[], body: readonly (readonly string[])[]): string[] => [
  `| ${head.join(" | ")} |`,
  `| ${head.map(() => "---").join(" | ")} |`,
  ...body.map((row) => `| ${row.map(escape).join(" | ")} |`),
];

/** The notes (`why`) of the pins in a row, by version: "Deno 2.0.6: why". */
export function notes(pins: readonly { who: RuntimeVersion; pin: Expectation }[]): string {
  const seen = new Map<string, string[]>();
  for (const { who, pin } of pins) {
    if (!pin.why) continue;
    seen.set(pin.why, [...(seen.get(pin.why) ?? []), who.version]);
  }
  return [...seen].map(([why, versions]) => `${versions.join(", ")}: ${why}`).join("; ") || "";
}

/** Cells for `versions` of one scenario: "as Node" where a version gives the default, "same" where it gives what the version before it does. */
function cells(scenario: Scenario, versions: readonly RuntimeVersion[]): string[] {
  const base = scenario.expect.default;
  let previous: Expectation | undefined;
  return versions.map((who) => {
    const pin = expectationOf(scenario, who);
    const text = pin === base && scenario.only === undefined ? "as Node" : pin === previous ? "same" : pinText(pin);
    previous = pin;
    return text;
  });
}

/**
 * The scenarios where `name` differs from the default pin (what Node gives), and its own:
 * what each tested version gives.
 */
function versionTable(name: RuntimeName): string[] {
  const versions = versionsOf(name);
  const body: string[][] = [];
  for (const scenario of rows) {
    if (scenario.only !== undefined && scenario.only !== name) continue;
    const pins = versions.map((who) => ({ who, pin: expectationOf(scenario, who) }));
    if (scenario.only === undefined && pins.every(({ pin }) => pin === scenario.expect.default)) continue;
    const linux = scenario.only === undefined ? pinText(scenario.expect.default) : "-";
    body.push([`${scenario.title} (\`${scenario.id}\`)`, linux, ...cells(scenario, versions), notes(pins)]);
  }
  return table(["what happened", "Node (the default)", ...versions.map(label), "why"], body);
}

/** Every shared scenario: what each Node version gives. */
function nodeTable(): string[] {
  const versions = versionsOf("node");
  const body = rows
    .filter((s) => s.only === undefined || s.only === "node")
    .map((scenario) => {
      const pins = versions.map((who) => ({ who, pin: expectationOf(scenario, who) }));
      let previous: Expectation | undefined;
      const row = pins.map(({ pin }) => {
        const text = pin === previous ? "same" : pinText(pin);
        previous = pin;
        return text;
      });
      return [`${scenario.title} (\`${scenario.id}\`)`, ...row, notes(pins)];
    });
  return table(["what happened", ...versions.map(label), "why"], body);
}

const count = (name: RuntimeName): { shared: number; own: number } => ({
  shared: rows.filter((s) => s.only === undefined).length,
  own: rows.filter((s) => s.only === name).length,
});

const versionList = (name: RuntimeName): string => {
  const list = versionsOf(name).map((r) => r.version);
  return `${TITLE[name]} ${list.slice(0, -1).join(", ")}${list.length > 1 ? " and " : ""}${list.at(-1)}`;
};

function tested(name: RuntimeName): string[] {
  const { shared, own } = count(name);
  const scenarios = own > 0 ? `${shared} shared scenarios and ${own} of ${TITLE[name]}'s own` : `${shared} scenarios`;
  return [`- Tested on ${versionList(name)} (Linux x64), live on loopback: ${scenarios}.`];
}

/** The pins' notes of one scenario, by runtime version ("2.0.6: why; ..."). */
export function notesOf(scenario: Scenario): string {
  const all = (Object.keys(TESTED_VERSIONS) as RuntimeName[]).flatMap((name) => versionsOf(name).map((who) => ({ who, pin: expectationOf(scenario, who) })));
  return notes(all);
}

/** The README's summary of the clients: each one's version, scenarios, and where it does not run. */
function clientsTable(): string[] {
  const versions = (Object.keys(TESTED_VERSIONS) as RuntimeName[]).flatMap(versionsOf);
  const body = CLIENTS.map((client) => {
    const own = allRows.filter((s) => s.client === client.name);
    const classes = new Set(own.flatMap((s) => versions.map((who) => expectationOf(s, who).kind)).filter((k) => !["not testable", "no error", "unchanged"].includes(k)));
    const absent = versions.filter((who) => own.length > 0 && own.every((s) => expectationOf(s, who).kind === "not testable")).map(label);
    return [`[${client.name}](docs/clients.md#${client.name.replace(/[^a-z0-9-]/g, "")}-${clientVersion(client.name).replaceAll(".", "")})`, clientVersion(client.name), String(own.length), [...classes].sort().join(", ") || "-", absent.join(", ") || "-"];
  });
  return table(["client", "version", "live scenarios", "classes it gives", "does not run on"], body);
}

const SOURCE = "<!-- rendered from the pins in conformance/src/scenarios/ by scripts/docs.mjs: do not edit by hand -->";

/** Every generated block, by name: its lines (without the markers). */
export function renderBlocks(): ReadonlyMap<string, string> {
  const blocks = new Map<string, string[]>();
  for (const name of ["node", "deno", "bun"] as const) {
    const { shared, own } = count(name);
    const intro =
      name === "node"
        ? `What the live suite pins for ${versionList("node")} (${shared} scenarios; the native shapes of every run are in [docs/shapes.md](docs/shapes.md)):`
        : `Where ${versionList(name)} differ from the default (what Node gives, as Linux says it), and ${TITLE[name]}'s own ${own} scenarios, as the live suite pins them:`;
    blocks.set(`pins-${name}`, [SOURCE, "", intro, "", ...(name === "node" ? nodeTable() : versionTable(name)), ""]);
    blocks.set(`tested-${name}`, tested(name));
  }
  blocks.set("clients", [SOURCE, "", ...clientsTable(), ""]);
  blocks.set("versions", [`${(["node", "deno", "bun"] as const).map(versionList).join("; ")} (conformance/versions.json)`]);
  return new Map([...blocks].map(([name, lines]) => [name, lines.join("\n")]));
}

/** The generated blocks of a Markdown text: name -> content between its markers. */
export function blocksIn(markdown: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of markdown.matchAll(/<!-- generated:([\w-]+) -->\n([\s\S]*?)\n?<!-- \/generated:\1 -->/g)) found.set(match[1]!, match[2]!);
  return found;
}

/** `markdown` with every generated block it holds rewritten from the pins (unknown names are left as they are). */
export function rewriteBlocks(markdown: string, blocks: ReadonlyMap<string, string> = renderBlocks()): string {
  return markdown.replace(/(<!-- generated:([\w-]+) -->\n)[\s\S]*?\n?(<!-- \/generated:\2 -->)/g, (whole, open: string, name: string, close: string) => {
    const content = blocks.get(name);
    return content === undefined ? whole : `${open}${content}\n${close}`;
  });
}

/** The files that hold generated blocks (relative to the repository root), and the blocks each must hold. */
export const READMES: readonly string[] = ["README.md", "packages/node/README.md", "packages/deno/README.md", "packages/bun/README.md"];
export const BLOCKS_OF: Readonly<Record<string, readonly string[]>> = {
  "README.md": ["versions", "pins-node", "pins-deno", "pins-bun", "clients"],
  "packages/node/README.md": ["tested-node"],
  "packages/deno/README.md": ["pins-deno", "tested-deno"],
  "packages/bun/README.md": ["pins-bun", "tested-bun"],
};
