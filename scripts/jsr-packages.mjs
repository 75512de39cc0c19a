// The packages published to JSR: every npm workspace under packages/ (root package.json
// `workspaces`), each with its package.json and the path of its jsr.json.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./runtimes.mjs";

/** @returns {{ dir: string, path: string, pkg: any, jsrPath: string }[]} */
export function jsrPackages() {
  const workspaces = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).workspaces ?? [];
  return workspaces
    .filter((dir) => dir.startsWith("packages/"))
    .map((dir) => {
      const path = join(root, dir);
      return { dir, path, pkg: JSON.parse(readFileSync(join(path, "package.json"), "utf8")), jsrPath: join(path, "jsr.json") };
    });
}
