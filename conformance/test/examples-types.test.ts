/**
 * Every documentation example type-checks (the README's and the JSDoc `@example`s), as a user's
 * editor would check it: each ```ts block is written inside the repository as a module and given
 * to the TypeScript compiler with the types of the runtime it runs in (Node's for core's and
 * Node's examples, Deno's and Bun's for theirs). Type-checking does not depend on the runtime that
 * runs the compiler, so it runs once, in Node; elsewhere it is skipped with that reason.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { collectExamples, type Example, isMarkedNoRun, isTypeScript, root, runsIn } from "./examples-lib.ts";
import { currentRuntime } from "../src/runtime.ts";

const RUNTIMES = {
  node: { types: ["node"], lib: ["lib.es2022.d.ts"] },
  deno: { types: ["deno"], lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts", "lib.dom.asynciterable.d.ts"] },
  bun: { types: ["bun"], lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"] },
} as const;
type Runtime = keyof typeof RUNTIMES;

const examples = collectExamples().filter((e) => isTypeScript(e) && !isMarkedNoRun(e));
const runtimeOf = (e: Example): Runtime => (["deno", "bun"] as const).find((r) => runsIn(e, r) && !runsIn(e, "node")) ?? "node";
const inNode = currentRuntime().name === "node";

describe("documentation examples type-check", () => {
  for (const runtime of Object.keys(RUNTIMES) as Runtime[]) {
    const mine = examples.filter((e) => runtimeOf(e) === runtime);
    const title = `the ${mine.length} examples that run in ${runtime} type-check with ${runtime}'s types`;
    if (!inNode) {
      it.skip(`${title} (checked once, in Node: type-checking does not depend on the runtime)`, () => {});
      continue;
    }
    it(title, () => {
      expect(mine.length).toBeGreaterThan(0);
      const dir = join(root, ".results", "examples-types", runtime);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const files = new Map<string, Example>();
      for (const e of mine) {
        const file = join(dir, `${e.source.replace(/[^\w.-]+/g, "_")}_${e.line}.ts`);
        writeFileSync(file, `${e.code}\nexport {};\n`);
        files.set(file, e);
      }
      const program = ts.createProgram([...files.keys()], {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        lib: [...RUNTIMES[runtime].lib],
        types: [...RUNTIMES[runtime].types],
        typeRoots: [join(root, "node_modules", "@types")],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        allowImportingTsExtensions: true,
      });
      const problems = ts.getPreEmitDiagnostics(program).map((d) => {
        const e = d.file ? files.get(d.file.fileName) : undefined;
        const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
        const where = e ? `${e.source}:${e.line + 1 + at}` : (d.file?.fileName ?? "");
        return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      });
      expect(problems).toEqual([]);
    });
  }
});
