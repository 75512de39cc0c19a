/**
 * The README's API section names every export: for each published entry point, every name its
 * declarations export (values and types, as the TypeScript compiler sees the packed `.d.ts`)
 * appears in backticks in README.md's "## API" section. A new export without a line there fails.
 * The declarations do not depend on the runtime that reads them: checked once, in Node.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { currentRuntime } from "../src/runtime.ts";
import { root } from "./examples-lib.ts";

const ENTRIES = [
  ["@neterr/core", "packages/core/dist/index.d.ts"],
  ["@neterr/core/adapter", "packages/core/dist/adapter.d.ts"],
  ["@neterr/node", "packages/node/dist/index.d.ts"],
  ["@neterr/deno", "packages/deno/dist/index.d.ts"],
  ["@neterr/bun", "packages/bun/dist/index.d.ts"],
] as const;

/** Every name an entry point's declarations export. */
function exportsOf(file: string): string[] {
  const path = join(root, file);
  const program = ts.createProgram([path], { noEmit: true, skipLibCheck: true, types: [], module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(path);
  const symbol = source && checker.getSymbolAtLocation(source);
  return symbol ? checker.getExportsOfModule(symbol).map((s) => s.getName()) : [];
}

/** README.md's "## API" section: from its heading to the next second-level heading. */
function apiSection(): string {
  const text = readFileSync(join(root, "README.md"), "utf8");
  const start = text.indexOf("\n## API\n");
  const end = text.indexOf("\n## ", start + 1);
  return start < 0 ? "" : text.slice(start, end < 0 ? undefined : end);
}

describe("the README's API section names every export", () => {
  if (currentRuntime().name !== "node") {
    it.skip("every export of every entry point (checked once, in Node: declarations do not depend on the runtime)", () => {});
    return;
  }
  const section = apiSection();
  it("README.md has an API section", () => {
    expect(section.length).toBeGreaterThan(1000);
  });
  for (const [entry, file] of ENTRIES) {
    it(`every export of ${entry} appears in backticks there`, () => {
      const names = exportsOf(file);
      expect(names.length).toBeGreaterThan(0);
      // `name`, `name(...)`, `name<T>(...)`, `class name ...`, `type name`: in a code span.
      const missing = names.filter((name) => !new RegExp("`[^`]*\\b" + name + "\\b[^`]*`").test(section));
      expect(missing, `add these to README.md's API section: ${missing.join(", ")}`).toEqual([]);
    });
  }
});
