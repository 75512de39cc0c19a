import { defineConfig } from "vitest/config";
import { testRoots } from "./scripts/runtimes.mjs";

// One config for every runtime that runs vitest: Node (`vitest run`) and Deno (`deno run -A
// vitest.mjs run`). Each runtime runs core's tests, its own adapter's, and the shared suite.
// scripts/test.mjs runs it once per runtime and sums the results.
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
