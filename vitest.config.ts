import { defineConfig } from "vitest/config";
import { testRoots } from "./scripts/runtimes.mjs";

// One config for every runtime that runs vitest: Node (`vitest run`), the newest Deno (`deno run
// -A vitest.mjs run`) and the newest Bun (`bun --bun vitest.mjs run`); Deno 2.0 and Bun 1.1 run
// the same files on conformance/vitest-shim. Each runtime runs core's tests, its own adapter's,
// and the shared suite. scripts/test.mjs runs it once per runtime and sums the results.
const g = globalThis as { Deno?: unknown; Bun?: unknown };
const runtime = g.Deno !== undefined ? "deno" : g.Bun !== undefined ? "bun" : "node";

export default defineConfig({
  test: {
    include: (testRoots(runtime) as string[]).map((dir) => `${dir}/**/*.test.ts`),
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Live scenarios open real sockets: a slow CI machine must not make them flaky.
    retry: 0,
  },
});
