/**
 * The suite's own shape: no import cycle among conformance/src's modules, and no scenario file
 * that tests for the runtime itself (what a runtime version gives is a key of its pin table).
 * Not live: it reads the sources.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL("../src/", import.meta.url));
const files: string[] = [];
const walk = (dir: string): void => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (path.endsWith(".ts")) files.push(path);
  }
};
walk(src);
/** Every relative import or re-export of a file, type-only ones included. */
const importsOf = (file: string): string[] =>
  [...readFileSync(file, "utf8").matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+"(\.[^"]+)"/gms)].map((m) => resolve(dirname(file), m[1]!));

describe("conformance/src", () => {
  it("has no import cycle", () => {
    const graph = new Map(files.map((f) => [f, importsOf(f)]));
    const state = new Map<string, "open" | "done">();
    const cycles: string[] = [];
    const visit = (file: string, path: readonly string[]): void => {
      if (state.get(file) === "open") cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(src, f)).join(" -> "));
      if (state.has(file)) return;
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, "done");
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
  it("has scenario files that never test for the runtime", () => {
    // The rows (scenarios/index.ts only composes them, and picks the current runtime's).
    const scenarioFiles = files.filter((f) => f.startsWith(join(src, "scenarios")) && !f.endsWith("index.ts"));
    expect(scenarioFiles.length).toBeGreaterThan(8);
    for (const file of scenarioFiles) {
      const text = readFileSync(file, "utf8");
      expect(text.match(/\b(?:bun11|deno20|bun|deno|currentRuntime)\(/g) ?? [], relative(src, file)).toEqual([]);
      expect(text.match(/globalThis\.(?:Deno|Bun)\b|process\.versions/g) ?? [], relative(src, file)).toEqual([]);
    }
  });
});

describe("conformance/versions.json, the runtime versions the suite runs in", () => {
  const versions = JSON.parse(readFileSync(new URL("../versions.json", import.meta.url), "utf8")).versions as {
    id: string;
    runtime: string;
    version: string;
    package?: string;
    host?: true;
  }[];
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  const deps: Record<string, string> = { ...pkg.devDependencies, ...pkg.optionalDependencies };
  it("names each version once", () => {
    expect(new Set(versions.map((v) => v.id)).size).toBe(versions.length);
    expect(new Set(versions.map((v) => `${v.runtime}@${v.version}`)).size).toBe(versions.length);
  });
  it("installs each from the npm registry at its version (a dependency of the root package)", () => {
    for (const v of versions.filter((v) => !v.host)) {
      const spec = deps[v.package!];
      expect(spec, `${v.id}: ${v.package} in package.json`).toBeDefined();
      expect(spec === v.version || spec!.endsWith(`@${v.version}`), `${v.id}: ${v.package} is ${spec}, the table says ${v.version}`).toBe(true);
    }
  });
});
