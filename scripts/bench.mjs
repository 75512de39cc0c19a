// `npm run bench`: what neterr costs, as ratios measured side by side in one run (interleaved
// rounds, median of each), never as absolute timings a test could flake on. Also the size of
// what a user installs (dist, minus maps and declarations), raw and gzipped.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ConnectionRefusedError } from "@neterr/core";
import { normalize } from "@neterr/node";
import { root } from "./runtimes.mjs";

const ROUNDS = 15;
const N = 20_000;

function systemError(i) {
  // What node:net builds for a refused connect (a real Error with its own stack).
  return Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${i % 65535}`), {
    errno: -111, code: "ECONNREFUSED", syscall: "connect", address: "127.0.0.1", port: i % 65535,
  });
}
const natives = Array.from({ length: N }, (_, i) => systemError(i));
const wrapped = natives.map((cause) => new TypeError("fetch failed", { cause }));
const plain = Array.from({ length: N }, () => new RangeError("not a network failure"));

let sink = 0;
const cases = {
  "make the native error (baseline)": () => { for (let i = 0; i < N; i++) sink += systemError(i).port; },
  "normalize(native SystemError)": () => { for (let i = 0; i < N; i++) sink += normalize(natives[i]).port; },
  "naive map: new ConnectionRefusedError (own stack)": () => {
    for (let i = 0; i < N; i++) sink += new ConnectionRefusedError(natives[i].message, { cause: natives[i], port: natives[i].port }).port;
  },
  "normalize(TypeError 'fetch failed' <- cause)": () => { for (let i = 0; i < N; i++) sink += normalize(wrapped[i]).port; },
  "normalize(non-network error: pass-through)": () => { for (let i = 0; i < N; i++) sink += normalize(plain[i]) === plain[i] ? 1 : 0; },
};

const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(cases)) {
    const t0 = process.hrtime.bigint();
    run();
    samples[name].push(Number(process.hrtime.bigint() - t0) / N);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(samples["make the native error (baseline)"]);
console.log(`neterr bench on node ${process.versions.node}: ${ROUNDS} interleaved rounds of ${N} calls, medians`);
console.log(`${"case".padEnd(52)} ${"ns/call".padStart(8)}  ratio to baseline`);
for (const name of Object.keys(cases)) {
  const m = median(samples[name]);
  console.log(`${name.padEnd(52)} ${m.toFixed(0).padStart(8)}  ${(m / base).toFixed(2)}x`);
}
const naive = median(samples["naive map: new ConnectionRefusedError (own stack)"]);
const ours = median(samples["normalize(native SystemError)"]);
console.log(`normalize costs ${(ours / naive).toFixed(2)}x a naive mapping that captures its own stack.`);

console.log("\nsize of what a user installs (dist/**/*.js):");
for (const pkg of ["core", "node"]) {
  const dir = join(root, "packages", pkg, "dist");
  const files = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith(".js"));
  const raw = files.reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  const gz = gzipSync(Buffer.concat(files.map((f) => readFileSync(join(dir, f))))).length;
  console.log(`@neterr/${pkg}: ${files.length} files, ${raw} bytes, ${gz} bytes gzipped`);
}
if (sink === 0.5) console.log(""); // keep the work observable
