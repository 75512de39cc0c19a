// The five cases of issue 13, item 4, in the runtime this runs in, with its own adapter's
// normalize: (a) a real native failure vs new Error("x"), (b) a non-network error vs an empty
// call, (c) an already mapped error, (d) a real fetch failure with its cause chain, (e) the same
// inputs through is-network-error. Also: is normalizing the same objects again representative?
import isNetworkErrorPkg from "is-network-error";
import { isNetworkError } from "@neterr/core";
import { provoke, runtime } from "./env.mjs";
import { measure } from "./harness.mjs";
import { loop } from "./loop.mjs";

const POOL = 64;

export async function cases({ rounds, sampleMs }) {
  const { normalize } = await import(`@neterr/${runtime}`);
  const { connects: natives, fetches } = await provoke(POOL);
  const plain = Array.from({ length: POOL }, (_, i) => new RangeError(`index ${i} out of range`));
  const mapped = natives.map((e) => normalize(e));
  const xs = Array.from({ length: POOL }, () => "x");
  if (mapped.some((e) => e.name !== "ConnectionRefusedError") || fetches.some((e) => normalize(e).name !== "ConnectionRefusedError")) {
    throw new Error("normalize did not map the provoked failures to ConnectionRefusedError");
  }
  const empty = () => {};
  const table = {
    'new Error("x")': loop((m) => new Error(m), xs),
    "normalize(native)": loop(normalize, natives),
    "empty call": loop(empty, plain),
    "normalize(RangeError)": loop(normalize, plain),
    "normalize(mapped)": loop(normalize, mapped),
    "normalize(fetch failure)": loop(normalize, fetches),
    "is-network-error(native)": loop(isNetworkErrorPkg, natives),
    "is-network-error(RangeError)": loop(isNetworkErrorPkg, plain),
    "is-network-error(mapped)": loop(isNetworkErrorPkg, mapped),
    "is-network-error(fetch failure)": loop(isNetworkErrorPkg, fetches),
    "neterr isNetworkError(RangeError)": loop(isNetworkError, plain),
    "neterr isNetworkError(native)": loop(isNetworkError, natives),
  };
  const samples = measure(table, { rounds, sampleMs });
  // What each answers on these inputs (a ratio means little if the answer differs).
  const answers = {};
  for (const [name, input] of [["native", natives[0]], ["RangeError", plain[0]], ["mapped", mapped[0]], ["fetch failure", fetches[0]]]) {
    answers[name] = { "is-network-error": isNetworkErrorPkg(input), isNetworkError: isNetworkError(input), normalize: normalize(input)?.name };
  }
  return { samples, answers, firstTouch: await firstTouch(normalize), shapes: { native: natives[0], fetch: fetches[0] } };
}

/**
 * Normalizing one object again and again could hide work done once per object (an engine that
 * materializes an error's properties on first read, a stack formatted on first read). So: fresh
 * real failures, each normalized once (first touch), then again twice; ns per call of each pass.
 */
async function firstTouch(normalize) {
  const out = { connect: [], fetch: [] };
  for (let trial = 0; trial < 5; trial++) {
    const { connects, fetches } = await provoke(128);
    for (const [kind, pool] of [["connect", connects], ["fetch", fetches]]) {
      const passes = [];
      for (let pass = 0; pass < 3; pass++) {
        const t0 = performance.now();
        for (let i = 0; i < pool.length; i++) normalize(pool[i]);
        passes.push(((performance.now() - t0) * 1e6) / pool.length);
      }
      out[kind].push(passes);
    }
  }
  return out;
}
