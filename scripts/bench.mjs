// `npm run bench`: what neterr costs in every runtime (Node, Deno and Bun, old and new), as ratios
// measured side by side in one process per runtime (interleaved rounds, medians of paired
// ratios), never as absolute timings. Each runtime runs scripts/bench/worker.mjs three times
// (separate processes, the runtimes taking turns): a ratio is the median of the runs' medians, and
// the runs' own medians show how stable it is on this machine. A bench is not a test: a missed target is printed, never an exit code.
//
//   node scripts/bench.mjs [--runtime=node-host,bun-1.1] [--groups=cases,alternatives,steps]
//                          [--runs=3] [--rounds=21] [--sample-ms=4] [--markdown=FILE] [--readme]
//
// Why not mitata or tinybench: both run in all six runtimes (mitata 1.0.34, tinybench 6.2.5), but
// tinybench adds 28-82 ns to every call (its empty task), more than is-network-error costs on the
// inputs compared here, and neither interleaves cases: each runs its cases one after another, so
// a machine shared with other work shifts one case and not its baseline.
//
// Then the size of what a user installs (dist, minus maps and declarations), raw and gzipped.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { root, runtimes } from "./runtimes.mjs";

const started = performance.now();
const option = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const only = option("runtime", "").split(",").filter(Boolean);
const groups = option("groups", "cases,alternatives,steps");
const RUNS = Number(option("runs", "3"));
const ROUNDS = option("rounds", "21");
const SAMPLE_MS = option("sample-ms", "4");
const markdownFile = option("markdown", undefined);

/** The targets of issue 13, item 4, in every runtime. */
const TARGET_NATIVE = 0.5; // normalize(native failure) <= 0.5x new Error("x")
const TARGET_PASS = 1.0; // normalize(non-network error) <= 1x is-network-error(same input)

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Ratios of case to baseline, paired round by round within each run. */
const paired = (run, group, name, base) => {
  const a = run[group]?.[name];
  const b = run[group]?.[base];
  return a && b ? a.map((x, i) => x / b[i]) : [];
};
const fmt = (r) => (!Number.isFinite(r) ? "-" : r >= 100 ? `${r.toFixed(0)}` : r >= 10 ? r.toFixed(1) : r.toFixed(2));

// ---------------------------------------------------------------------------------------------
// Run the workers.
const list = runtimes().filter((r) => only.length === 0 || only.includes(r.id));
const results = new Map(list.map((r) => [r.id, []]));
for (let run = 1; run <= RUNS; run++) {
  for (const rt of list) {
    if (rt.missing) continue;
    process.stderr.write(`bench run ${run}/${RUNS}: ${rt.runtime}@${rt.version} ...\n`);
    const [exe, ...args] = rt.script(join(root, "scripts", "bench", "worker.mjs"), groups, ROUNDS, SAMPLE_MS);
    const child = spawnSync(exe, args, { cwd: root, encoding: "utf8", env: { ...process.env, ...rt.env, NO_COLOR: "1" }, timeout: 120_000, maxBuffer: 64 << 20 });
    const line = child.stdout?.split("\n").filter((l) => l.startsWith("{")).pop();
    if (child.status !== 0 || !line) {
      console.log(`${rt.name}: the bench worker failed (exit ${child.status ?? child.signal})\n${child.stderr?.slice(-2000)}`);
      continue;
    }
    results.get(rt.id).push(JSON.parse(line));
  }
}

// ---------------------------------------------------------------------------------------------
// Rows: [label, group, case, baseline]. The ratio is the median of the paired ratios of every
// round of every run; "runs" shows each run's own median.
const CASE_ROWS = [
  ["(a) normalize(real connect failure)", "cases", "normalize(native)", 'new Error("x")', "native"],
  ["(b) normalize(RangeError): pass-through", "cases", "normalize(RangeError)", "is-network-error(RangeError)", "pass"],
  ["(b) normalize(RangeError): pass-through", "cases", "normalize(RangeError)", "empty call"],
  ["(c) normalize(normalize(x)): already mapped", "cases", "normalize(mapped)", "empty call"],
  ["(c) normalize(normalize(x)): already mapped", "cases", "normalize(mapped)", 'new Error("x")'],
  ["(d) normalize(real fetch failure)", "cases", "normalize(fetch failure)", 'new Error("x")'],
  ["(e) is-network-error(real connect failure)", "cases", "is-network-error(native)", 'new Error("x")'],
  ["(e) is-network-error(RangeError)", "cases", "is-network-error(RangeError)", "empty call"],
  ["(e) is-network-error(mapped)", "cases", "is-network-error(mapped)", "empty call"],
  ["(e) is-network-error(real fetch failure)", "cases", "is-network-error(fetch failure)", 'new Error("x")'],
  ["    neterr isNetworkError(real connect failure)", "cases", "neterr isNetworkError(native)", 'new Error("x")'],
  ["    neterr isNetworkError(RangeError)", "cases", "neterr isNetworkError(RangeError)", "is-network-error(RangeError)"],
];

/** Each run's median of paired ratios, and their median: one process whose JIT went astray is outvoted. */
function ratio(runs, group, name, base) {
  const perRun = runs.map((run) => median(paired(run, group, name, base)));
  return { value: median(perRun), perRun };
}
const spread = ({ perRun }) => perRun.map(fmt).join(" / ");
/** How far apart the runs' medians are, as a fraction of the smaller. */
const disagreement = ({ perRun }) => (perRun.length < 2 ? 0 : Math.max(...perRun) / Math.min(...perRun) - 1);
/** The same, leaving out the run farthest from the median (with three runs or more). */
const disagreementOfMost = ({ perRun, value }) => {
  if (perRun.length < 3) return disagreement({ perRun });
  const far = perRun.reduce((w, x, i) => (Math.abs(Math.log(x / value)) > Math.abs(Math.log(perRun[w] / value)) ? i : w), 0);
  return disagreement({ perRun: perRun.filter((_, i) => i !== far) });
};

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r, j) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ") + (j === 0 ? `\n${widths.map((w) => "-".repeat(w)).join("  ")}` : "")).join("\n");
}

const summary = []; // per runtime: { label, native, pass, ... }
const altSummary = new Map(); // alternative -> Map(runtime label -> ratio)
const altBreaks = new Map(); // alternative -> Map(breaks text -> [runtime labels])
const stability = [];
const stepSummary = new Map(); // step -> { base, by: Map(runtime label -> ratio) }

for (const rt of list) {
  const runs = results.get(rt.id) ?? [];
  if (rt.missing || runs.length === 0) {
    console.log(`\n== ${rt.name}: not measured (${rt.missing ?? "the worker failed"})`);
    continue;
  }
  const first = runs[0];
  const label = `${first.runtime}@${first.version}`;
  const row = { label };
  console.log(`\n== ${rt.name}: ${label}, ${runs.length} runs x ${first.options.rounds} interleaved rounds, Error.stackTraceLimit ${first.stackTraceLimit}`);
  if (first.cases) {
    console.log(`real failures provoked on loopback: connect -> ${first.shapes.native}; fetch -> ${first.shapes.fetch}`);
    const rows = [["case", "vs", "ratio", "runs", "target"]];
    for (const [name, group, key, base, target] of CASE_ROWS) {
      const r = ratio(runs, group, key, base);
      if (base !== "empty call") stability.push({ what: `${label} ${key} / ${base}`, d: disagreement(r), most: disagreementOfMost(r) });
      let verdict = "";
      if (target === "native") {
        row.native = r.value;
        verdict = `<= ${TARGET_NATIVE}: ${r.value <= TARGET_NATIVE ? "met" : "MISSED"}`;
      } else if (target === "pass") {
        row.pass = r.value;
        verdict = `<= ${TARGET_PASS}: ${r.value <= TARGET_PASS ? "met" : "MISSED"}`;
      }
      if (key === "normalize(RangeError)" && base === "empty call") row.passEmpty = r.value;
      if (key === "normalize(mapped)" && base === "empty call") row.mapped = r.value;
      if (key === "normalize(fetch failure)") row.fetch = r.value;
      if (key === "is-network-error(native)") row.isneNative = r.value;
      if (key === "is-network-error(fetch failure)") row.isneFetch = r.value;
      rows.push([name, base, fmt(r.value), spread(r), verdict]);
    }
    // First touch: fresh failures normalized once, then the same objects again.
    for (const kind of ["connect", "fetch"]) {
      const per = runs.map((run) => median(run.firstTouch[kind].map(([once, , again]) => once / again)));
      rows.push([`(a/d) first touch of a fresh ${kind} failure`, "the same, 3rd time", fmt(median(per)), per.map(fmt).join(" / "), ""]);
      row[`touch_${kind}`] = median(per);
    }
    console.log(table(rows));
    const a = first.answers;
    console.log(`answers: is-network-error native=${a.native["is-network-error"]} fetch=${a["fetch failure"]["is-network-error"]} mapped=${a.mapped["is-network-error"]} RangeError=${a.RangeError["is-network-error"]}; ` +
      `neterr isNetworkError native=${a.native.isNetworkError} fetch=${a["fetch failure"].isNetworkError} mapped=${a.mapped.isNetworkError} RangeError=${a.RangeError.isNetworkError}`);
    row.answers = a;
  }
  if (first.alternatives) {
    console.log(`\nbuilding the mapped error (a ConnectionRefusedError), ratio to new Error("x"); "breaks": where it differs from core's create() today`);
    const rows = [["way of building", "ratio", "runs", "breaks"]];
    for (const name of Object.keys(first.alternatives)) {
      if (name === 'new Error("x")') continue;
      const r = ratio(runs, "alternatives", name, 'new Error("x")');
      stability.push({ what: `${label} ${name}`, d: disagreement(r), most: disagreementOfMost(r) });
      const breaks = first.breaks?.[name];
      const text = breaks === undefined ? "" : breaks.length === 0 ? "-" : breaks.join(", ");
      rows.push([name, fmt(r.value), spread(r), text]);
      if (!altSummary.has(name)) altSummary.set(name, new Map());
      altSummary.get(name).set(label, r.value);
      if (breaks !== undefined) {
        if (!altBreaks.has(name)) altBreaks.set(name, new Map());
        const by = altBreaks.get(name);
        by.set(text, [...(by.get(text) ?? []), label]);
      }
    }
    console.log(table(rows));
  }
  if (first.steps) {
    console.log(`\nwhere normalize's time goes: the pass-through (vs is-network-error on the same RangeError), and a native failure (vs new Error("x"))`);
    const rows = [["step", "vs", "ratio", "runs"]];
    for (const name of Object.keys(first.steps)) {
      if (name === "is-network-error(RangeError)" || name === 'new Error("x")') continue;
      const base = name.startsWith("native") || name === "normalize(native)" ? 'new Error("x")' : "is-network-error(RangeError)";
      const r = ratio(runs, "steps", name, base);
      if (name !== "empty call") stability.push({ what: `${label} ${name} / ${base}`, d: disagreement(r), most: disagreementOfMost(r) });
      rows.push([name, base, fmt(r.value), spread(r)]);
      if (!stepSummary.has(name)) stepSummary.set(name, { base, by: new Map() });
      stepSummary.get(name).by.set(label, r.value);
    }
    const walk = ratio(runs, "steps", "normalize(native)", 'new Error("x")').value - ratio(runs, "steps", "native: build() (locate, errno, create)", 'new Error("x")').value;
    rows.push(["native: the walk (normalize - build)", 'new Error("x")', fmt(walk), ""]);
    if (!stepSummary.has("native: the walk (normalize - build)")) stepSummary.set("native: the walk (normalize - build)", { base: 'new Error("x")', by: new Map() });
    stepSummary.get("native: the walk (normalize - build)").by.set(label, walk);
    console.log(table(rows));
  }
  summary.push(row);
}

// ---------------------------------------------------------------------------------------------
// Across runtimes: Markdown, for the README.
function markOf(v, limit) {
  return v === undefined ? "-" : `${fmt(v)} ${v <= limit ? "(met)" : "(**missed**)"}`;
}
const md = [];
if (summary.some((r) => r.native !== undefined)) {
  const cols = summary.map((r) => r.label);
  const line = (cells) => `| ${cells.join(" | ")} |`;
  const mark = markOf;
  md.push("### Speed in every runtime (`npm run bench`: ratios, medians of interleaved rounds)", "");
  md.push(line(["", ...cols]), line(["---", ...cols.map(() => "---:")]));
  md.push(line([`(a) normalize(real connect failure) / new Error("x"), target <= ${TARGET_NATIVE}`, ...summary.map((r) => mark(r.native, TARGET_NATIVE))]));
  md.push(line([`(b) normalize(RangeError) / is-network-error(RangeError), target <= ${TARGET_PASS}`, ...summary.map((r) => mark(r.pass, TARGET_PASS))]));
  md.push(line(["(b) normalize(RangeError) / empty call", ...summary.map((r) => fmt(r.passEmpty))]));
  md.push(line(["(c) normalize(normalize(x)) / empty call", ...summary.map((r) => fmt(r.mapped))]));
  md.push(line(['(d) normalize(real fetch failure) / new Error("x")', ...summary.map((r) => fmt(r.fetch))]));
  md.push(line(['(e) is-network-error(real connect failure) / new Error("x"), its answer', ...summary.map((r) => `${fmt(r.isneNative)}, ${r.answers?.native["is-network-error"]}`)]));
  md.push(line(['(e) is-network-error(real fetch failure) / new Error("x"), its answer', ...summary.map((r) => `${fmt(r.isneFetch)}, ${r.answers?.["fetch failure"]["is-network-error"]}`)]));
  md.push(line(["first touch / same object again (connect, fetch)", ...summary.map((r) => `${fmt(r.touch_connect)}, ${fmt(r.touch_fetch)}`)]));
}
if (altSummary.size > 0) {
  const cols = summary.map((r) => r.label);
  md.push("", '### Building the mapped error: ratio to new Error("x"), and what differs from core\'s create() today', "");
  md.push(`| way of building | ${cols.join(" | ")} | breaks |`, `| --- | ${cols.map(() => "---:").join(" | ")} | --- |`);
  for (const [name, by] of altSummary) {
    const breaks = [...(altBreaks.get(name) ?? new Map())];
    const text = breaks.length === 1 ? breaks[0][0] : breaks.map(([t, who]) => `${who.join(", ")}: ${t}`).join("; ");
    md.push(`| ${name} | ${cols.map((c) => fmt(by.get(c))).join(" | ")} | ${text} |`);
  }
}
if (stepSummary.size > 0) {
  const cols = summary.map((r) => r.label);
  md.push("", "### Where normalize's time goes", "");
  md.push(`| step | vs | ${cols.join(" | ")} |`, `| --- | --- | ${cols.map(() => "---:").join(" | ")} |`);
  for (const [name, { base, by }] of stepSummary) md.push(`| ${name} | ${base} | ${cols.map((c) => fmt(by.get(c))).join(" | ")} |`);
}
if (md.length > 0) {
  console.log(`\n${md.join("\n")}`);
  if (markdownFile) writeFileSync(resolve(root, markdownFile), `${md.join("\n")}\n`);
}
// --readme: the first table (the cases, every runtime measured) goes into README.md's
// <!-- generated:bench --> block, with the day and the machine it was measured on.
if (process.argv.includes("--readme")) {
  // One row per runtime (eighteen columns would not fit a page).
  const cases = summary.some((r) => r.native !== undefined) ? [
    `| runtime | (a) native failure / new Error, target <= ${TARGET_NATIVE} | (b) pass-through / is-network-error, target <= ${TARGET_PASS} | (b) pass-through / empty call | (c) already mapped / empty call | (d) fetch failure / new Error | first touch / again (connect, fetch) |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...summary.map((r) => `| ${r.label} | ${markOf(r.native, TARGET_NATIVE)} | ${markOf(r.pass, TARGET_PASS)} | ${fmt(r.passEmpty)} | ${fmt(r.mapped)} | ${fmt(r.fetch)} | ${fmt(r.touch_connect)}, ${fmt(r.touch_fetch)} |`),
  ] : [];
  const readme = join(root, "README.md");
  const text = readFileSync(readme, "utf8");
  const block = /(<!-- generated:bench -->\n)[\s\S]*?(<!-- \/generated:bench -->)/;
  if (cases.length === 0 || !block.test(text)) {
    console.log("--readme: nothing written (no cases measured, or README.md has no <!-- generated:bench --> block)");
  } else {
    const { cpus } = await import("node:os");
    const head = `<!-- rendered by npm run bench -- --readme on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "?"}), ${RUNS} runs of ${option("rounds", "21")} rounds: do not edit by hand -->`;
    writeFileSync(readme, text.replace(block, (_all, open, close) => `${open}${head}\n\n${cases.join("\n")}\n\n${close}`));
    console.log("--readme: README.md's speed table rewritten");
  }
}
if (stability.length > 0 && RUNS > 1) {
  const within = (f, key = "d") => stability.filter((s) => s[key] <= f).length;
  const worst = [...stability].sort((a, b) => b.d - a.d).slice(0, 3).map(({ what, d }) => `${what} (${(d * 100).toFixed(0)}%)`);
  console.log(`\nstability between the ${RUNS} runs (ratios to an empty call left out): of ${stability.length} ratios, all runs agree within 10% for ${within(0.1)}, within 25% for ${within(0.25)}` +
    (RUNS >= 3 ? `; leaving out the run farthest from the median, within 10% for ${within(0.1, "most")}, within 25% for ${within(0.25, "most")}` : "") + `. The worst: ${worst.join("; ")}.`);
}

console.log("\nsize of what a user installs (dist/**/*.js):");
for (const pkg of ["core", "node", "deno", "bun"]) {
  const dir = join(root, "packages", pkg, "dist");
  const files = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(".js"));
  const raw = files.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  const gz = gzipSync(Buffer.concat(files.map((f) => readFileSync(join(dir, f))))).length;
  console.log(`@neterr/${pkg}: ${files.length} files, ${raw} bytes, ${gz} bytes gzipped`);
}
console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
