/**
 * Every documentation example really runs (STYLE.md, "Docs"): each ```ts block of README.md,
 * packages/*\/README.md and of the JSDoc `@example`s in packages/*\/src is transpiled, written
 * inside the repository (so `@neterr/*` resolve through its node_modules; build first), and run in
 * a child process of the runtime that runs this file. It must exit 0, print no `Error` on stderr,
 * print the output its `console.log(...); // comments` promise, and talk only to loopback
 * (`runFailure` in examples-lib.ts). scripts/check-tarballs.mjs runs the same examples against the
 * packed tarballs, installed in a scratch project outside the repository.
 *
 * A TypeScript block that is a fragment and cannot run on its own is marked by its author in the
 * fence's info string (```ts ignore, as `deno test --doc` reads it) and is reported as skipped.
 */
import { describe, expect, it } from "vitest";
import {
  collectExamples,
  type Example,
  exampleName,
  expectedOutput,
  foreignHosts,
  isMarkedNoRun,
  notRunIn,
  isTypeScript,
  runFailure,
  runFile,
  runsIn,
  transpile,
  writeExample,
} from "./examples-lib.ts";
import { currentRuntime, runtimeLabel } from "../src/runtime.ts";

const TIMEOUT_MS = 20_000;
const runtime = runtimeLabel();
// Each runtime runs the examples of its own adapter and those that need no adapter (core's).
const examples: Example[] = collectExamples()
  .filter(isTypeScript)
  .filter((example) => runsIn(example, currentRuntime().name));

/** The file name of the generated module: the source and line, and the runtime (runs on several runtimes may overlap). */
const fileOf = (example: Example): string =>
  `${example.source.replace(/[^\w.-]+/g, "_")}_${example.line}.${runtime.replace(/[^\w.-]+/g, "_")}`;

describe(`documentation examples in ${runtime}`, () => {
  it("the documentation has examples", () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  for (const example of examples) {
    const name = exampleName(example);
    if (isMarkedNoRun(example)) {
      it.skip(`${name} runs (marked ${example.flags.join(" ")})`, () => {});
      continue;
    }
    const notHere = notRunIn(example, runtime);
    if (notHere !== undefined) {
      console.log(`[${runtime}] SKIPPED ${name}: ${notHere}`);
      it.skip(`${name} runs (${notHere})`, () => {});
      continue;
    }
    it(`${name} runs`, { timeout: TIMEOUT_MS + 10_000 }, async () => {
      const numbered = example.code
        .trimEnd()
        .split("\n")
        .map((line, i) => `${String(example.line + 1 + i).padStart(4)} | ${line}`)
        .join("\n");
      const where = `${name}:\n${numbered}\n`;

      expect(foreignHosts(example.code), `${where}examples talk only to 127.0.0.1, ::1 or localhost`).toEqual([]);

      const { js, diagnostics } = transpile(example.code, `${fileOf(example)}.ts`);
      expect(diagnostics, `${where}does not transpile`).toEqual([]);
      const file = writeExample(fileOf(example), `${js}\n// generated from ${name} by conformance/test/examples.test.ts\n`);

      const run = await runFile(file, TIMEOUT_MS);
      const report = [
        where,
        `ran: ${process.execPath} ${file}`,
        `exit: ${run.timedOut ? `killed after ${TIMEOUT_MS} ms` : run.signal ?? run.exitCode}`,
        `--- stdout ---\n${run.stdout}--- stderr ---\n${run.stderr}--------------`,
      ].join("\n");
      // One verdict, shared with scripts/check-tarballs.mjs (which runs the same examples against the packed tarballs).
      const failure = runFailure(run, expectedOutput(example.code));
      expect(failure, `${report}\n${failure}`).toBeUndefined();
    });
  }
});
