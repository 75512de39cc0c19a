#!/usr/bin/env node
/**
 * @module
 * Size budgets: what an import costs a user's bundle. Each entry is bundled from the built
 * `dist` with esbuild as an application bundler would (ESM, tree-shaking, minified; `node:*`
 * and `bun` left to the runtime), then gzipped (level 9). An entry over its budget FAILs.
 *
 * Prints one line per entry, `ok  size <entry>: <bytes> B gzipped (budget <budget> B)` or
 * `FAIL size ...`, then the entries that have no budget (for comparison), and checks README.md's
 * `generated:sizes` table against what it measured (`--write` rewrites it; `npm run docs` does).
 * Exits 1 if any budget is exceeded or the table is stale. Builds nothing: run
 * `turbo run build` first (`npm test` does).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The entries, as a user writes them, and their budgets in gzipped bytes. `target` is issue 13's
 * goal where the budget is not there yet: the budget then holds what was reached (no entry may
 * grow), and the line says how far the target is. The adapters' budgets grew once, by what the
 * twelve clients' tables and the slots they need cost every adapter (about 1.3 kB gzipped:
 * 7231 -> 8508 B for Node's), and by 160 B for a pass-through twice as fast on V8 (issue 10's
 * "must not get slower": the fields read at once, the class tables as a record, each class's
 * follows in one list, the error built by one constructor), and Deno's by 50 B for the text of a
 * TLS handshake its fetch saw cut (the input came back unchanged before); and each by 50 B for a
 * caller's `phase` in the context (what `closed(socket)` of a WebSocket that had opened knows); and
 * Bun's by 50 B for BUN_PLACES (where its WebSocket's "Connection ended" happened: 9070 -> 9101 B,
 * with node-fetch's row for Deno 2.1-2.6's "connection error", which costs every adapter 7 B).
 * They came down once, by 423-436 B each, to what was reached plus 20 B: core's tables said in
 * fewer bytes, not fewer rows (errno's table unpadded, its lookups' maps filled as it is read, the
 * resolver lists as split strings, the class tree from two lists, tablesOf's merges in place):
 * 8726 -> 8290 B for Node's, 9281 -> 8850 B for Deno's, 9101 -> 8678 B for Bun's. Then each grew
 * by 175-190 B for the pass-through's screen (mapper.ts, screenOf: a non-network error returned
 * after a few reads, 4-5 times sooner than by the walk): 8482, 9038 and 8865 B.
 */
export const ENTRIES = [
  { name: "one class from @neterr/core (instanceof ConnectionError)", budget: 1500,
    code: `import { ConnectionError } from "@neterr/core"; export const isConnectionError = (e) => e instanceof ConnectionError;` },
  { name: "normalize from @neterr/node", budget: 8500, target: 3500, code: `export { normalize } from "@neterr/node";` },
  { name: "normalize from @neterr/deno", budget: 9060, target: 3500, code: `export { normalize } from "@neterr/deno";` },
  { name: "normalize from @neterr/bun", budget: 8885, target: 3500, code: `export { normalize } from "@neterr/bun";` },
  // No budget: for comparison.
  { name: "normalize and isTransient from @neterr/core", code: `export { normalize, isTransient } from "@neterr/core";` },
  { name: "all of @neterr/core", code: `export * from "@neterr/core";` },
  { name: "is-network-error 1.3 (for comparison)", code: `export { default } from "is-network-error";` },
];

/** The entry bundled, minified and gzipped: its size in bytes. */
export async function sizeOf(code) {
  const { build } = await import("esbuild");
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    external: ["node:*", "bun", "bun:*"],
    write: false,
    logLevel: "silent",
  });
  const bytes = result.outputFiles[0].contents;
  return { minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(join(root, "packages", "core", "dist", "index.js"))) {
    console.log("FAIL size build: packages/core/dist is missing; run `npx turbo run build` first");
    process.exit(1);
  }
  let failed = 0;
  const rows = [];
  for (const { name, budget, target, code } of ENTRIES) {
    let size;
    try {
      size = await sizeOf(code);
    } catch (error) {
      failed++;
      console.log(`FAIL size ${name}: could not bundle\n${String(error?.message ?? error).replace(/^/gm, "     ")}`);
      continue;
    }
    rows.push(`| ${name} | ${size.gzipped} B | ${budget === undefined ? "" : `${budget} B`}${target === undefined ? "" : ` (target ${target} B)`} |`);
    const text = `${size.gzipped} B gzipped, ${size.minified} B minified`;
    const goal = target !== undefined && size.gzipped > target ? `; target ${target} B not met yet` : "";
    if (budget === undefined) console.log(`info size ${name}: ${text}`);
    else if (size.gzipped <= budget) console.log(`ok  size ${name}: ${text} (budget ${budget} B${goal})`);
    else {
      failed++;
      console.log(`FAIL size ${name}: ${text}, over the budget of ${budget} B${goal}`);
    }
  }
  const readme = join(root, "README.md");
  const text = readFileSync(readme, "utf8");
  const block = /(<!-- generated:sizes -->\n)[\s\S]*?(<!-- \/generated:sizes -->)/;
  const table = [
    "<!-- rendered by scripts/check-size.mjs --write (npm run docs): do not edit by hand -->",
    "",
    "| import | bundled, minified, gzipped | budget |",
    "| --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
  const next = text.replace(block, (_all, open, close) => `${open}${table}${close}`);
  if (!block.test(text)) {
    failed++;
    console.log("FAIL size README.md: no <!-- generated:sizes --> block");
  } else if (process.argv.includes("--write")) {
    if (next !== text) writeFileSync(readme, next);
    console.log(`ok  size README.md: table ${next === text ? "up to date" : "rewritten"}`);
  } else if (next !== text) {
    failed++;
    console.log("FAIL size README.md: the sizes table is stale; run `npm run docs` (or node scripts/check-size.mjs --write)");
  } else console.log("ok  size README.md: the sizes table agrees with this build");
  process.exit(failed > 0 ? 1 : 0);
}
