import { defineConfig } from "vitest/config";

// One config for every runtime: `vitest run` (Node), later `deno run -A npm:vitest run` and
// `bun --bun vitest run`. scripts/test.mjs runs it once per runtime and sums the results.
export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "conformance/test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Live scenarios open real sockets: a slow CI machine must not make them flaky.
    retry: 0,
  },
});
