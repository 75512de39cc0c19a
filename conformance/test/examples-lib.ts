/**
 * @module
 * The machinery of `examples.test.ts`: finds every documentation example (```ts blocks of the
 * READMEs and of JSDoc `@example` tags), reads the output it promises in its trailing
 * `// comments`, checks that it talks only to loopback, and runs it for real in a child process
 * of the current runtime.
 */
import { spawn } from "node:child_process";
import { scriptCommand } from "../src/runtime.ts";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** The repository root (two levels above this file). */
export const root: string = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** One fenced code block found in the documentation. */
export interface Example {
  /** Repository-relative path of the file it was found in, with `/` separators. */
  readonly source: string;
  /** 1-based line of the opening fence in that file. */
  readonly line: number;
  /** Where it was found: a Markdown file or a JSDoc `@example`. */
  readonly origin: "markdown" | "jsdoc";
  /** The first word of the fence's info string (`ts`, `sh`, `""`). */
  readonly lang: string;
  /** The rest of the info string (`ignore`, `no-run`...). */
  readonly flags: readonly string[];
  /** The code, fence lines excluded (and, for JSDoc, the leading ` * ` of each line stripped). */
  readonly code: string;
}

/** How tests name an example: `README.md:54`, `packages/core/src/errors.ts:120 @example`. */
export const exampleName = (example: Example): string =>
  `${example.source}:${example.line}${example.origin === "jsdoc" ? " @example" : ""}`;

/** Languages whose blocks are run. */
const TYPESCRIPT = new Set(["ts", "typescript", "mts"]);
/** Info-string words with which authors mark a TypeScript fragment that cannot run on its own (Deno's `ignore`). */
const NO_RUN = new Set(["ignore", "no-run", "norun", "fragment"]);

/** Is this block TypeScript? (Other languages, shell, and unlabelled blocks are not examples to run.) */
export const isTypeScript = (example: Example): boolean => TYPESCRIPT.has(example.lang);
/** Has the author marked this TypeScript block as a fragment not to run? */
export const isMarkedNoRun = (example: Example): boolean => example.flags.some((flag) => NO_RUN.has(flag));

/**
 * Why this example does not run in the runtime `label` (`deno@2.0.6`), if its author said so: a
 * `not-in=deno@2.0` word in the fence's info string (a runtime, or a runtime and a version
 * prefix), with the reason in the example's first line, a comment (`// Not on Deno 2.0: ...`).
 * Undefined where it runs.
 */
export function notRunIn(example: Example, label: string): string | undefined {
  const keys = example.flags.filter((flag) => flag.startsWith("not-in=")).map((flag) => flag.slice("not-in=".length));
  const hit = keys.find((key) => label === key || label.startsWith(key.includes("@") ? `${key}.` : `${key}@`));
  if (hit === undefined) return undefined;
  const reason = /^\s*\/\/\s*(.+)$/.exec(example.code.split("\n")[0] ?? "")?.[1];
  return `not-in=${hit}${reason ? `: ${reason}` : ""}`;
}

/** The fenced blocks of `lines` (CommonMark-ish: ``` or ~~~, at least 3, closed by the same or longer run). */
function fences(lines: readonly string[]): { start: number; lang: string; flags: string[]; code: string }[] {
  const found: { start: number; lang: string; flags: string[]; code: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*([^`]*)$/.exec(lines[i] ?? "");
    if (!open) continue;
    const [, indent = "", marker = "```", info = ""] = open;
    const [lang = "", ...flags] = info.trim().split(/[\s,{}]+/).filter(Boolean);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j] ?? "";
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]?.[0] === marker[0] && (close[1]?.length ?? 0) >= marker.length) break;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }
    found.push({ start: i, lang: lang.toLowerCase(), flags: flags.map((f) => f.toLowerCase()), code: body.join("\n") + "\n" });
    i = j;
  }
  return found;
}

/** Every fenced block of a Markdown file. */
export function markdownExamples(file: string): Example[] {
  const lines = readFileSync(file, "utf8").split(/\r?\n/);
  const source = relative(root, file).split(sep).join("/");
  return fences(lines).map((f) => ({ source, line: f.start + 1, origin: "markdown", lang: f.lang, flags: f.flags, code: f.code }));
}

/** Every fenced block inside a JSDoc `@example` tag of a TypeScript file. */
export function jsdocExamples(file: string): Example[] {
  const text = readFileSync(file, "utf8");
  const source = relative(root, file).split(sep).join("/");
  const examples: Example[] = [];
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const firstLine = text.slice(0, comment.index).split("\n").length; // 1-based line of `/**`
    // Strip `/**`, `*/` and the leading ` * ` of each line; keep the indentation after it.
    const lines = comment[0].split(/\r?\n/).map((line, n) => {
      let out = n === 0 ? line.replace(/^\s*\/\*\*\s?/, "") : line.replace(/^\s*\*(?!\/) ?/, "");
      out = out.replace(/\s*\*\/\s*$/, "");
      return out;
    });
    // The tag sections: from an `@example` line to the next tag line outside a fence.
    let inExample = false;
    let section: { start: number; lines: string[] } | undefined;
    const sections: { start: number; lines: string[] }[] = [];
    let fenceOpen = false;
    for (let n = 0; n < lines.length; n++) {
      const line = lines[n] ?? "";
      if (/^\s*(`{3,}|~{3,})/.test(line)) fenceOpen = !fenceOpen;
      const tag = !fenceOpen && /^\s*@(\w+)/.exec(line);
      if (tag) {
        inExample = tag[1] === "example";
        if (inExample) {
          section = { start: n, lines: [line.replace(/^\s*@example\s?/, "")] };
          sections.push(section);
        }
        continue;
      }
      if (inExample) section?.lines.push(line);
    }
    for (const s of sections) {
      for (const f of fences(s.lines)) {
        examples.push({ source, line: firstLine + s.start + f.start, origin: "jsdoc", lang: f.lang, flags: f.flags, code: f.code });
      }
    }
  }
  return examples;
}

/** All `.ts` files under `dir`, sorted, `node_modules` and `dist` excluded. */
function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === "node_modules" || name === "dist") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tsFiles(path));
    else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** Every fenced block of README.md, packages/*\/README.md and the JSDoc `@example`s of packages/*\/src. */
export function collectExamples(): Example[] {
  const examples: Example[] = [];
  const readme = join(root, "README.md");
  if (existsSync(readme)) examples.push(...markdownExamples(readme));
  const packages = join(root, "packages");
  const names = existsSync(packages) ? readdirSync(packages).sort() : [];
  for (const name of names) {
    const pkgReadme = join(packages, name, "README.md");
    if (existsSync(pkgReadme)) examples.push(...markdownExamples(pkgReadme));
  }
  for (const name of names) {
    for (const file of tsFiles(join(packages, name, "src"))) examples.push(...jsdocExamples(file));
  }
  return examples;
}

/** Is `node` a `console.log(...)` call? */
const isConsoleLog = (node: ts.Node): node is ts.CallExpression =>
  ts.isCallExpression(node) &&
  ts.isPropertyAccessExpression(node.expression) &&
  ts.isIdentifier(node.expression.expression) &&
  node.expression.expression.text === "console" &&
  node.expression.name.text === "log";

/** The `console.log(...)` calls inside `node` (itself included). */
function consoleLogs(node: ts.Node): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const walk = (n: ts.Node): void => {
    if (isConsoleLog(n)) calls.push(n);
    ts.forEachChild(n, walk);
  };
  walk(node);
  return calls;
}

/**
 * The output an example promises, in order. A "console.log statement" is a statement whose last
 * line is the last line of a `console.log(...)` call in it (`console.log(x);`, `if (c) console.log(x);`,
 * `socket.on("error", (e) => console.log(e.name));`). Its expected output is its trailing
 * `// comment`, then each comment-only line that directly follows it (a multi-line output, or the
 * output of a `console.log` whose line had no room for the comment).
 */
export function expectedOutput(code: string): string[] {
  const sf = ts.createSourceFile("example.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const lines = code.split("\n");
  const lineOf = (pos: number): number => sf.getLineAndCharacterOfPosition(pos).line;
  const byLine = new Map<number, string[]>(); // last line of the statement -> expected lines
  const visit = (node: ts.Node): void => {
    if (ts.isStatement(node) && !ts.isBlock(node)) {
      const endLine = lineOf(node.end);
      if (!byLine.has(endLine) && consoleLogs(node).some((call) => lineOf(call.end) === endLine)) {
        const expected: string[] = [];
        for (const range of ts.getTrailingCommentRanges(code, node.end) ?? []) {
          if (range.kind === ts.SyntaxKind.SingleLineCommentTrivia && lineOf(range.pos) === endLine) {
            expected.push(code.slice(range.pos + 2, range.end).trim());
          }
        }
        for (let n = endLine + 1; n < lines.length; n++) {
          const only = /^\s*\/\/(.*)$/.exec(lines[n] ?? "");
          if (!only) break;
          expected.push((only[1] ?? "").trim());
        }
        byLine.set(endLine, expected);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return [...byLine.entries()].sort(([a], [b]) => a - b).flatMap(([, expected]) => expected);
}

/** The loopback hosts an example may talk to. */
const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost", "[::1]"]);
/** Calls whose string arguments are hosts (net, http, dgram, dns, fetch...). */
const HOST_CALLS = new Set([
  "connect", "createConnection", "listen", "request", "get", "fetch", "lookup", "lookupService", "resolve", "resolve4",
  "resolve6", "resolveAny", "reverse", "bind", "send", "addMembership", "WebSocket", "URL", "Request",
]);
/** Option names whose string value is a host. */
const HOST_KEYS = new Set(["host", "hostname", "address", "localAddress", "servername"]);
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6 = /^\[?[0-9a-f]*:[0-9a-f:.]*(?:%\w+)?\]?$/i;
const HOSTNAME = /^(?=.*[a-z])[a-z0-9-]+(?:\.[a-z0-9-]+)+\.?$/i;

/**
 * The hosts an example names that are not loopback: the hosts of URLs in its strings, the string
 * values of `host`/`hostname`/`address` options, string arguments of network calls that look like
 * a host, and every string that is an IP address. Comments are not looked at.
 */
export function foreignHosts(code: string): string[] {
  const sf = ts.createSourceFile("example.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const hosts: string[] = [];
  const check = (host: string): void => {
    const h = host.toLowerCase().replace(/\.$/, "");
    if (!LOOPBACK.has(h) && !hosts.includes(host)) hosts.push(host);
  };
  const strings = (node: ts.Node): string | undefined =>
    ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? node.text : ts.isTemplateExpression(node) ? node.head.text : undefined;
  const calleeName = (call: ts.CallExpression | ts.NewExpression): string | undefined => {
    const e = call.expression;
    return ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
  };
  const visit = (node: ts.Node): void => {
    const text = strings(node);
    if (text !== undefined) {
      for (const url of text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?(\[[^\]\s]*\]|[^/\s:"'`?#]+)/gi)) check(url[1] ?? "");
      const isIPv6 = IPV6.test(text) && (text.includes("::") || /^\[?[0-9a-f]{1,4}(:[0-9a-f]{0,4}){2,7}\]?$/i.test(text));
      if (IPV4.test(text) || isIPv6) check(text);
      const parent = node.parent;
      if (parent && ts.isPropertyAssignment(parent) && parent.initializer === node) {
        const key = ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name) ? parent.name.text : "";
        if (HOST_KEYS.has(key)) check(text);
      }
      if (parent && (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node as ts.Expression)) {
        const name = calleeName(parent);
        if (name && HOST_CALLS.has(name) && (HOSTNAME.test(text) || text.toLowerCase() === "localhost" || IPV6.test(text))) check(text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return hosts;
}

/** The example as JavaScript: `ts.transpileModule`, ES module, ES2022, imports kept as written. */
export function transpile(code: string, fileName: string): { js: string; diagnostics: string[] } {
  const out = ts.transpileModule(code, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      // Keep every import as written (as Deno, Bun and Node's type stripping do): an example
      // that imports a name the package does not export must fail, not be silently elided.
      verbatimModuleSyntax: true,
    },
  });
  const diagnostics = (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  return { js: out.outputText, diagnostics };
}

/** Where an example's JavaScript is written: inside the repository, so bare imports resolve through its node_modules. */
export const outputDir: string = join(root, ".results", "examples");

/** Writes `js` to `.results/examples/<name>.mjs` (atomically: concurrent runs may write the same file). */
export function writeExample(name: string, js: string): string {
  mkdirSync(outputDir, { recursive: true });
  const file = join(outputDir, `${name}.mjs`);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, js);
  renameSync(tmp, file);
  return file;
}

/** What a run of an example gave. */
export interface RunResult {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Does `example` run in `runtime`? An example that imports a runtime's adapter (`@neterr/deno`)
 * runs in that runtime only; one that needs no adapter (core's) runs in every runtime.
 */
export function runsIn(example: Example, runtime: string): boolean {
  // `from "@neterr/deno"`, and side-effect or dynamic imports: `import "@neterr/node/register"`, `import("@neterr/bun")`.
  const adapters = [...example.code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']@neterr\/(node|deno|bun)(?:\/[\w-]+)?["']/g)].map((m) => m[1]);
  const own = /^packages\/(node|deno|bun)\//.exec(example.source)?.[1];
  if (own !== undefined) adapters.push(own);
  return adapters.length === 0 || adapters.every((name) => name === runtime);
}

/** Runs `file` in a child process of the current runtime (`deno run -A file` in Deno), from the repository root, killed after `timeoutMs`. */
export function runFile(file: string, timeoutMs: number): Promise<RunResult> {
  return runCommand(scriptCommand(file), timeoutMs, { cwd: root });
}

/**
 * Runs `command` (`[executable, ...args]`) in a child process, stdin closed, stdout and stderr
 * collected, killed (SIGKILL) after `timeoutMs`. `cwd` defaults to the repository root, `env` to
 * this process's. (scripts/check-tarballs.mjs runs the examples with it in other runtimes, from a
 * scratch project outside the repository.)
 */
export function runCommand(
  command: readonly string[],
  timeoutMs: number,
  options: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const [exe, ...args] = command;
    const child = spawn(exe!, args, { cwd: options.cwd ?? root, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (exitCode, signal) => {
      clearTimeout(timer);
      resolvePromise({ exitCode, signal, timedOut, stdout, stderr });
    });
  });
}

/**
 * Why a run of an example failed, or undefined when it passed: it must end by itself within its
 * time, exit 0, print no `Error` on stderr, and print the `expected` lines (`expectedOutput`) in
 * order.
 */
export function runFailure(run: RunResult, expected: readonly string[]): string | undefined {
  if (run.timedOut) return "timed out";
  if (run.exitCode !== 0) return `exit code ${run.signal ?? run.exitCode}, expected 0`;
  if (/Error/.test(run.stderr)) return "stderr mentions an Error";
  const missing = missingOutput(run.stdout, expected);
  if (missing === undefined) return undefined;
  return (
    `expected these lines of output, in order:\n${expected.map((l) => `  ${l}`).join("\n")}\n` +
    `missing (#${missing.index + 1}, after the previous ones): ${JSON.stringify(missing.line)}`
  );
}

/**
 * Checks that `expected` appear, in order, as lines of `stdout` (each compared trimmed).
 * Returns the first expected line not found (with its index), or undefined when all are there.
 */
export function missingOutput(stdout: string, expected: readonly string[]): { index: number; line: string } | undefined {
  const lines = stdout.split(/\r?\n/).map((l) => l.trim());
  let at = 0;
  for (let i = 0; i < expected.length; i++) {
    const want = (expected[i] ?? "").trim();
    const found = lines.indexOf(want, at);
    if (found === -1) return { index: i, line: want };
    at = found + 1;
  }
  return undefined;
}
