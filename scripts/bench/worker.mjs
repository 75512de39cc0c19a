// Runs in one runtime (Node, Deno or Bun), started by scripts/bench.mjs: measures, then prints
// one JSON line with ns per call per round (the driver computes the ratios) and what each
// alternative breaks. Usage: <runtime> scripts/bench/worker.mjs [cases,alternatives,steps] [rounds] [sampleMs]
import { runtime, shape, version } from "./env.mjs";

const [groups = "cases,alternatives,steps", rounds = "15", sampleMs = "2"] = (typeof Deno !== "undefined" ? Deno.args : process.argv.slice(2));
const options = { rounds: Number(rounds), sampleMs: Number(sampleMs) };
const result = { runtime, version, stackTraceLimit: Error.stackTraceLimit, options };
const t0 = performance.now();
for (const group of groups.split(",")) {
  if (group === "cases") {
    const { cases } = await import("./cases.mjs");
    const { samples, answers, firstTouch, shapes } = await cases(options);
    result.cases = samples;
    result.answers = answers;
    result.firstTouch = firstTouch;
    result.shapes = { native: shape(shapes.native), fetch: shape(shapes.fetch) };
  } else if (group === "alternatives") {
    const { alternatives } = await import("./alternatives.mjs");
    Object.assign(result, await alternatives(options));
  } else if (group === "steps") {
    const { steps } = await import("./steps.mjs");
    Object.assign(result, await steps(options));
  }
}
result.seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify(result));
