#!/usr/bin/env node
/**
 * @module
 * docs/compat.svg renders in a real browser: headless Chromium (Debian's `chromium`, which
 * .ci/run installs) draws it to .results/compat.png, and the PNG must have the picture's size
 * and more than one color. `conformance/test/compat.test.ts` checks what the picture says; this
 * checks that a browser can show it. Prints `ok  picture ...` with the PNG's size, or `skip
 * picture ...` with the reason where no Chromium is installed.
 *
 *   node scripts/check-picture.mjs [--keep]   (--keep: leave .results/compat.png to look at)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { root } from "./runtimes.mjs";

const svgFile = join(root, "docs", "compat.svg");
const out = join(root, ".results", "compat.png");
const browser = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => p && existsSync(p));
if (!browser) {
  console.log("skip picture docs/compat.svg in Chromium: no Chromium installed (Debian: apt-get install chromium; or set CHROMIUM)");
  process.exit(0);
}
const svg = readFileSync(svgFile, "utf8");
const size = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg);
if (!size) {
  console.log("FAIL picture docs/compat.svg: no width and height on its <svg>");
  process.exit(1);
}
const [width, height] = [Number(size[1]), Number(size[2])];
mkdirSync(join(root, ".results"), { recursive: true });
rmSync(out, { force: true });
const profile = mkdtempSync(join(tmpdir(), "neterr-chromium-"));
// The flags keep Chromium off the network (this machine has none) and out of the GPU.
const args = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--hide-scrollbars", `--user-data-dir=${profile}`,
  `--window-size=${width},${height}`, `--screenshot=${out}`, `file://${svgFile}`,
];
const version = spawnSync(browser, ["--version"], { encoding: "utf8", timeout: 30_000 }).stdout?.trim() ?? browser;
const run = spawnSync(browser, args, { encoding: "utf8", timeout: 90_000 });
rmSync(profile, { recursive: true, force: true });
if (!existsSync(out)) {
  console.log(`FAIL picture docs/compat.svg in ${version}: no PNG (exit ${run.status ?? run.signal})\n${`${run.stderr ?? ""}`.slice(-1500).replace(/^/gm, "     ")}`);
  process.exit(1);
}

/** A PNG's width, height, and the colors of its first rows (8-bit RGB or RGBA, as Chromium writes). */
function pngFacts(file) {
  const data = readFileSync(file);
  const w = data.readUInt32BE(16);
  const h = data.readUInt32BE(20);
  const [depth, type] = [data[24], data[25]];
  const chunks = [];
  for (let at = 8; at < data.length; ) {
    const length = data.readUInt32BE(at);
    if (data.toString("ascii", at + 4, at + 8) === "IDAT") chunks.push(data.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const channels = type === 6 ? 4 : type === 2 ? 3 : 0;
  if (depth !== 8 || channels === 0) return { w, h, colors: new Set() };
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = w * channels;
  const colors = new Set();
  // Each row, unfiltered (PNG's five filters), for its first 200 rows: the title and the legend.
  let prior = Buffer.alloc(stride);
  for (let y = 0; y < Math.min(h, 200); y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels] : 0;
      const b = prior[i];
      const c = i >= channels ? prior[i - channels] : 0;
      const p = a + b - c;
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
      const predictor = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? (pa <= pb && pa <= pc ? a : pb <= pc ? b : c) : 0;
      line[i] = (line[i] + predictor) & 0xff;
    }
    for (let x = 0; x < stride; x += channels) colors.add(line.readUIntBE(x, 3));
    prior = line;
  }
  return { w, h, colors };
}

const facts = pngFacts(out);
const bytes = statSync(out).size;
const problems = [];
if (facts.w !== width || facts.h !== height) problems.push(`the PNG is ${facts.w}x${facts.h}, the picture ${width}x${height}`);
// The legend, drawn: each category's color, exactly, somewhere in the first rows.
const { CATEGORIES } = await import(join(root, "conformance", "dist", "index.js"));
const missing = CATEGORIES.filter((c) => !facts.colors.has(Number.parseInt(c.color.slice(1), 16))).map((c) => `${c.id} ${c.color}`);
if (missing.length > 0) problems.push(`the legend's colors ${missing.join(", ")} are not in the PNG (${facts.colors.size} colors seen): not drawn`);
if (problems.length > 0) {
  console.log(`FAIL picture docs/compat.svg in ${version}: ${problems.join("; ")}`);
  process.exit(1);
}
console.log(`ok  picture docs/compat.svg rendered in ${version}: ${facts.w}x${facts.h} PNG, ${bytes} bytes`);
if (!process.argv.includes("--keep")) rmSync(out, { force: true });
