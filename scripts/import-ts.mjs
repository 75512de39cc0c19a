// Lets a Node script import the repository's TypeScript modules (conformance/test/examples-lib.ts)
// instead of copying them. Node 22.18+ strips types itself (`process.features.typescript`); on
// Node 20 a module hook (`module.register`, Node >= 20.6) transpiles each `.ts`/`.mts` file with
// the `typescript` devDependency as it loads: `ts.transpileModule`, no type check, imports kept as
// written (verbatimModuleSyntax), as Deno, Bun and Node's own type stripping run them.
//
//   import { importTs } from "./import-ts.mjs";
//   const lib = await importTs(new URL("../conformance/test/examples-lib.ts", import.meta.url));
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

let registered = false;

/** `import(url)` of a TypeScript module, its own `.ts` imports included. */
export async function importTs(url) {
  if (!registered && !process.features?.typescript) {
    const { register } = await import("node:module");
    if (typeof register !== "function") throw new Error(`Node ${process.versions.node} cannot load TypeScript: use Node >= 20.6`);
    register(import.meta.url);
  }
  registered = true;
  return import(url);
}

let ts;

/** The load hook (runs on Node's hooks thread): `.ts` and `.mts` files under file: URLs, as ES modules. */
export async function load(url, context, nextLoad) {
  if (!url.startsWith("file:") || !/\.m?ts$/.test(url) || url.endsWith(".d.ts")) return nextLoad(url, context);
  ts ??= (await import("typescript")).default;
  const path = fileURLToPath(url);
  const out = ts.transpileModule(await readFile(path, "utf8"), {
    fileName: path,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
      inlineSourceMap: true,
      inlineSources: true,
    },
  });
  return { format: "module", source: out.outputText, shortCircuit: true };
}
