// `node scripts/sync-jsr-versions.mjs` (called by `npm run version`, after `changeset version`):
// copies each package's package.json version into its jsr.json, the JSR config, which
// changesets does not know. `deno publish` rewrites the adapters' `@neterr/core` imports to
// `jsr:@neterr/core@^<core's jsr.json version>`, so this keeps those ranges right too.
// scripts/check-jsr.mjs fails when the two versions differ.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { jsrPackages } from "./jsr-packages.mjs";

let changed = 0;
for (const { dir, pkg, jsrPath } of jsrPackages()) {
  if (!existsSync(jsrPath)) {
    console.error(`${dir}: no jsr.json`);
    process.exitCode = 1;
    continue;
  }
  const jsr = JSON.parse(readFileSync(jsrPath, "utf8"));
  if (jsr.version === pkg.version) continue;
  console.log(`${join(dir, "jsr.json")}: version ${jsr.version} -> ${pkg.version}`);
  jsr.version = pkg.version;
  writeFileSync(jsrPath, `${JSON.stringify(jsr, null, 2)}\n`);
  changed++;
}
if (changed === 0 && !process.exitCode) console.log("every jsr.json version matches its package.json");
