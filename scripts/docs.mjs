// `node scripts/docs.mjs` (after a build): rewrites every `<!-- generated:NAME -->` block of
// README.md and packages/*/README.md from the pins of the live suite (conformance/src/docs.ts).
// `--check` writes nothing and exits 1 if a block is stale (conformance/test/docs.test.ts checks
// the same in every runtime).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./runtimes.mjs";

const { rewriteBlocks, READMES } = await import(join(root, "conformance", "dist", "docs.js"));
const check = process.argv.includes("--check");
let stale = 0;
for (const file of READMES) {
  const path = join(root, file);
  const text = readFileSync(path, "utf8");
  const next = rewriteBlocks(text);
  if (next === text) continue;
  stale++;
  if (check) console.log(`${file}: generated blocks are stale`);
  else {
    writeFileSync(path, next);
    console.log(`rewrote ${file}`);
  }
}
if (check && stale > 0) process.exit(1);
if (!check && stale === 0) console.log("every generated block is up to date");
