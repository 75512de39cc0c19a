/**
 * @module
 * Runs neterr's vitest test files inside a Bun that cannot run vitest 4 (Bun 1.1: no
 * `node:util.parseEnv`): `bun conformance/vitest-shim/bun.ts [dir|file]...`.
 *
 * A loader plugin answers every `import ... from "vitest"` with ./vitest.ts (Bun's own
 * `bun test` would map "vitest" to `bun:test` and its matchers instead). The files are imported
 * in order, then their tests run one after another. The first line printed names the runtime
 * and its version, so the output proves that Bun ran them. Exits 1 if a test failed.
 */
import { appendFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import process from "node:process";

declare const Bun: {
  version: string;
  plugin(plugin: { name: string; setup(build: { onLoad(options: { filter: RegExp }, load: () => { contents: string; loader: "ts" | "js" }): void }): void }): void;
};

const shim = resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "vitest.ts");

Bun.plugin({
  name: "neterr-vitest-shim",
  setup(build) {
    // vitest's ESM entry, wherever node_modules puts it.
    build.onLoad({ filter: /[\\/]node_modules[\\/]vitest[\\/]dist[\\/]index\.js$/ }, () => ({
      contents: `export * from ${JSON.stringify(shim)};`,
      loader: "js",
    }));
  },
});

/** Every `*.test.ts` under the given directories (or the files themselves), sorted, deepest search bounded. */
function testFiles(paths: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (path: string, depth: number): void => {
    if (depth > 8) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) if (name !== "node_modules") walk(join(path, name), depth + 1);
    } else if (path.endsWith(".test.ts")) {
      found.push(path);
    }
  };
  for (const path of paths) walk(resolve(path), 0);
  return found;
}

const files = testFiles(process.argv.slice(2));
console.log(`neterr test run in bun@${Bun.version} (${process.execPath}): ${files.length} files`);
const { beginFile, runQueued } = (await import(shim)) as typeof import("./vitest.ts");
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of files) {
  console.log(`\n${relative(process.cwd(), file)} [bun@${Bun.version}]`);
  beginFile();
  try {
    await import(file);
  } catch (error) {
    totals.failed += 1;
    const note = String((error as Error)?.stack ?? error);
    console.log(`  ✗ could not load: ${note}`);
    const results = process.env.NETERR_RESULTS;
    if (results) appendFileSync(results, `${JSON.stringify({ name: relative(process.cwd(), file), state: "failed", note })}\n`);
    continue;
  }
  const counts = await runQueued();
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}
console.log(`\nbun@${Bun.version}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
