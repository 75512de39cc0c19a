// `npm run demo`: provokes every scenario live in each runtime and prints one table:
// scenario, runtime, what the runtime threw, the neterr class, and whether it agrees with the
// scenario's pin (the same `verdict` the live test asserts). `--markdown FILE` also writes the
// table as Markdown (docs/shapes.md is made this way).
//
// Each runtime's raw reports are saved in .demo/<id>.jsonl (npm test clears .results/, not these); `--replay` reads them back
// instead of running anything (to redraw the tables and the picture after a pin changed, say).
// A runner that dies keeps the reports it printed; the scenario it was running is named.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { root, runtimes } from "./runtimes.mjs";

const { expectationOf, parseRuntime, rows, verdict } = await import(join(root, "conformance", "dist", "index.js"));
const cli = join(root, "conformance", "dist", "cli.js");
const markdownAt = process.argv.indexOf("--markdown");
const clientsAt = process.argv.indexOf("--clients");
// Scenario ids or id prefixes ending in `*` (`pg-*`) to run only those: `node scripts/demo.mjs pg-*`.
const only = process.argv.slice(2).filter((a, i) => !a.startsWith("-") && i + 2 !== markdownAt + 1 && i + 2 !== clientsAt + 1);
const replay = process.argv.includes("--replay");
const saved = join(root, ".demo");
mkdirSync(saved, { recursive: true });
const ids = only.length === 0 ? [] : rows.filter((r) => only.some((o) => (o.endsWith("*") ? r.id.startsWith(o.slice(0, -1)) : r.id === o))).map((r) => r.id);
if (only.length > 0 && ids.length === 0) throw new Error(`no scenario matches ${only.join(" ")}`);
const reports = new Map(); // scenario id -> [{ runtime, report, judged }]
const columns = [];
const byId = new Map(rows.map((row) => [row.id, row]));

// The runtimes side by side, three at a time (NETERR_JOBS), as `npm test` runs them.
const jobs = Math.max(1, Number(process.env.NETERR_JOBS ?? 3) || 1);
const installed = runtimes();
const runs = new Map();
const queue = installed.filter((runtime) => {
  if (runtime.missing) console.log(`${runtime.name}: not run (${runtime.missing})`);
  return !runtime.missing;
});
await Promise.all(
  Array.from({ length: Math.min(jobs, queue.length) }, async () => {
    for (let runtime = queue.shift(); runtime !== undefined; runtime = queue.shift()) {
      const label = `${runtime.runtime}@${runtime.version}`;
      const file = join(saved, `${runtime.id}.jsonl`);
      if (replay) {
        if (!existsSync(file)) {
          console.log(`${label}: no saved reports (${file}): run the demo live first`);
          process.exitCode = 1;
          continue;
        }
        runs.set(runtime.id, { status: 0, stdout: readFileSync(file, "utf8"), stderr: "" });
        continue;
      }
      process.stderr.write(`running every scenario in ${label} ...\n`);
      const run = await collect(runtime.script(cli, ...ids), { ...process.env, ...runtime.env });
      if (ids.length === 0) writeFileSync(file, run.stdout); // a whole run only: a subset would hide the rest
      runs.set(runtime.id, run);
    }
  }),
);
for (const runtime of installed.filter((r) => runs.has(r.id))) {
  const label = `${runtime.runtime}@${runtime.version}`;
  columns.push(label);
  const run = runs.get(runtime.id);
  // Only whole lines: a runner killed mid-write leaves a partial last one.
  const lines = run.stdout.split("\n").filter((line) => line.startsWith("{") && line.endsWith("}"));
  if (run.status !== 0) {
    // Keep what it reported; the scenario it was running is the first of its own it did not report.
    const done = new Set(lines.map((line) => JSON.parse(line).id));
    const mine = rows.filter((r) => (r.only === undefined || r.only === runtime.runtime) && (ids.length === 0 || ids.includes(r.id)));
    const running = mine.find((r) => !done.has(r.id));
    console.log(
      `${label}: the scenario runner failed (exit ${run.status ?? run.signal}) after ${done.size} of ${mine.length} reports${running ? `, while running ${running.id}` : ""}; the rest of its column is n/a\n${run.stderr}`,
    );
    process.exitCode = 1;
  }
  for (const line of lines) {
    const report = JSON.parse(line);
    const judged = verdict(report, expectationOf(byId.get(report.id), parseRuntime(report.runtime)));
    if (!reports.has(report.id)) reports.set(report.id, []);
    reports.get(report.id).push({ runtime: label, report, judged });
  }
}

/** Runs `argv` to its end (killed by PID after 10 minutes): its status, stdout and stderr. */
function collect(argv, env) {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => err.push(d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 10 * 60_000);
    child.on("error", (error) => err.push(Buffer.from(error.message)));
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

/** The console table of `ids`' reports. */
function printTable(title, ids) {
  const rowsOut = [["scenario", "runtime", "what it threw", "neterr class", "pin"]];
  for (const id of ids) {
    for (const { runtime, report, judged } of reports.get(id)) {
      rowsOut.push([id, runtime, report.native ?? "-", judged.outcome, judged.skipped ? "-" : judged.problems.length === 0 ? "ok" : `DIFFERS: ${judged.problems[0]}`]);
    }
  }
  if (rowsOut.length === 1) return;
  const widths = rowsOut[0].map((_, i) => Math.min(70, Math.max(...rowsOut.map((r) => r[i].length))));
  const cut = (text, width) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
  console.log(`\n${title}\n`);
  rowsOut.forEach((row, index) => {
    console.log(row.map((cell, i) => cut(cell, widths[i])).join("  "));
    if (index === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  });
}
// The runtimes' scenarios, then the clients' (what users of pg, axios... hold in their catch).
const runtimeIds = [...reports.keys()].filter((id) => byId.get(id)?.client === undefined);
const clientIds = [...reports.keys()].filter((id) => byId.get(id)?.client !== undefined);
printTable("What each runtime throws:", runtimeIds);
printTable("What each client throws:", clientIds);
const all = [...reports.values()].flat();
const failed = all.filter(({ report }) => report.failed).length;
const differs = all.filter(({ judged }) => judged.problems.length > 0).length;
console.log(`\n${reports.size} scenarios in ${columns.join(", ")}; ${failed} could not be provoked; ${differs} reports disagree with their pins.`);

/**
 * The class column: one outcome where every runtime agrees; otherwise the most common one with
 * how many runtimes gave it, then each other outcome with the runtimes that gave it:
 * "ConnectionResetError ECONNRESET (5); bun@1.1.45: no error reported".
 */
function grouped(cells) {
  const by = new Map();
  for (const [runtime, text] of cells) by.set(text, [...(by.get(text) ?? []), runtime]);
  if (by.size === 0) return "-"; // skipped everywhere
  if (by.size === 1) return [...by.keys()][0];
  const [[common, most], ...rest] = [...by].sort((a, b) => b[1].length - a[1].length);
  return [`${common} (${most.length})`, ...rest.map(([text, who]) => `${who.join(", ")}: ${text}`)].join("; ");
}

/** Where the mapped error says it failed, whether the request went out, and a timeout's clock: " (at receive, sent)". */
function where(report) {
  const m = report.mapped;
  if (!m) return "";
  const sent = m.requestSent === true ? "sent" : m.requestSent === false ? "nothing sent" : "maybe sent";
  const parts = [m.phase ? `at ${m.phase}, ${sent}` : m.requestSent === undefined ? "where: lost" : `where: lost, ${sent}`];
  if (m.kind === "TimeoutError") parts.push(m.timeout ? `clock: ${m.timeout}` : "clock: lost");
  return ` (${parts.join(", ")})`;
}

// docs/compat.svg: the runtimes' scenarios as a picture, from this run, when it ran them all in every version.
if (ids.length === 0 && !process.env.NETERR_RUNTIMES) {
  const { cellOfReport, matrixOf, referenceOf, renderSvg } = await import(join(root, "conformance", "dist", "index.js"));
  // In the suite's order (a runtime's own scenarios are met only when that runtime runs).
  const ordered = rows.filter((r) => r.client === undefined && reports.has(r.id)).map((r) => r.id);
  const matrixRows = ordered.map((id) => ({ id, reference: referenceOf(byId.get(id)), cells: columns.map((c) => cellOfReport(reports.get(id).find((e) => e.runtime === c)?.report)) }));
  const svg = renderSvg(matrixOf(matrixRows, columns), columns, `What neterr makes of each failure, per runtime version (live run, ${ordered.length} scenarios)`);
  writeFileSync(join(root, "docs", "compat.svg"), svg);
  console.log("wrote docs/compat.svg");
}

if (markdownAt > 0 && process.argv[markdownAt + 1]) {
  const runtimeDiffers = runtimeIds.flatMap((id) => reports.get(id)).filter(({ judged }) => judged.problems.length > 0).length;
  // One row per scenario, one column per runtime: what it threw; then the class(es) neterr gave.
  const escape = (text) => text.replaceAll("|", "\\|");
  const body = runtimeIds.map((id) => [id, reports.get(id)]).map(([id, entries]) => {
    const cells = columns.map((c) => entries.find((e) => e.runtime === c));
    // A runtime's own scenario (Bun.connect...) has no cell in the others' columns: "-", and no say in the class.
    const shapes = cells.map((e) => (!e ? "-" : e.report.skipped ? "skipped" : e.report.silent ? "nothing" : `\`${e.report.native ?? "-"}\``));
    const kind = grouped(cells.flatMap((e, i) => (e ? [[columns[i], `${e.judged.outcome}${where(e.report)}`]] : [])));
    return `| ${escape(id)} | ${shapes.map(escape).join(" | ")} | ${escape(kind)} |`;
  });
  const md = [
    "# What each runtime throws, and what neterr makes of it",
    "",
    `Generated by \`npm run demo -- --markdown docs/shapes.md\` from live runs in ${columns.join(", ")}; do not edit by hand.`,
    "Each scenario, and what it must give in each runtime version, is defined in [conformance/src/scenarios/](../conformance/src/scenarios/).",
    "The class column also says where the mapped error says the failure happened and whether the request went out (`phase`, `requestSent`), and a timeout's clock.",
    `In this run, ${runtimeDiffers === 0 ? "every report agreed with its pin" : `${runtimeDiffers} reports disagreed with their pins`}.`,
    "",
    `| scenario | ${columns.join(" | ")} | neterr class |`,
    `| --- | ${columns.map(() => "---").join(" | ")} | --- |`,
    ...body,
    "",
  ].join("\n");
  writeFileSync(join(root, process.argv[markdownAt + 1]), md);
  console.log(`wrote ${process.argv[markdownAt + 1]}`);
}

if (clientsAt > 0 && process.argv[clientsAt + 1]) {
  // docs/clients.md: one section per client, one row per scenario, one column per runtime.
  const { CLIENTS, clientVersion, notesOf } = await import(join(root, "conformance", "dist", "index.js"));
  const escape = (text) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
  const sections = [];
  for (const client of CLIENTS) {
    const ids = clientIds.filter((id) => byId.get(id).client === client.name);
    if (ids.length === 0) continue;
    const body = ids.map((id) => {
      const entries = reports.get(id);
      const cells = columns.map((c) => entries.find((e) => e.runtime === c));
      const shapes = cells.map((e) => (!e ? "-" : e.report.skipped ? `skipped: ${e.report.skipped}` : e.report.silent ? "nothing" : `\`${e.report.native ?? "-"}\``));
      const kind = grouped(cells.flatMap((e, i) => (e && !e.report.skipped ? [[columns[i], `${e.judged.outcome}${where(e.report)}`]] : [])));
      return `| ${escape(byId.get(id).title)} (\`${id}\`) | ${shapes.map(escape).join(" | ")} | ${escape(kind)} | ${escape(notesOf(byId.get(id)))} |`;
    });
    sections.push(
      `## ${client.name} ${clientVersion(client.name)}`,
      "",
      client.about,
      "",
      `**Its hooks:** ${client.hook}`,
      "",
      `| what happened | ${columns.join(" | ")} | neterr class | why |`,
      `| --- | ${columns.map(() => "---").join(" | ")} | --- | --- |`,
      ...body,
      "",
    );
  }
  const clientDiffers = clientIds.flatMap((id) => reports.get(id)).filter(({ judged }) => judged.problems.length > 0).length;
  const md = [
    "# What the clients throw, and what neterr makes of it",
    "",
    `Generated by \`npm run demo -- --clients docs/clients.md\` from live runs in ${columns.join(", ")}; do not edit by hand.`,
    "Each client is driven into real faults on loopback, against real servers (PostgreSQL, Redis, MariaDB) and peers of the suite's own; the scenarios and what each must give per runtime version are in [conformance/src/scenarios/clients/](../conformance/src/scenarios/clients/).",
    "A cell shows the error the client gave the caller (class, code, syscall, causes); the class column says what `normalize` made of it, where it says the failure happened and whether the request went out, and a timeout's clock; the last column says why, where a client or a runtime loses the detail.",
    `In this run, ${clientDiffers === 0 ? "every report agreed with its pin" : `${clientDiffers} reports disagreed with their pins`}.`,
    "",
    ...sections,
  ].join("\n");
  writeFileSync(join(root, process.argv[clientsAt + 1]), md);
  console.log(`wrote ${process.argv[clientsAt + 1]}`);
}
