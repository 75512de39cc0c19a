/**
 * The READMEs' per-version tables are rendered from the pins (conformance/src/docs.ts): this
 * fails when a README's generated block and the pins disagree, or a block is missing. Fix it with
 * `node scripts/docs.mjs` (after a build). Not live: it runs the same in every runtime.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLIENTS, clientVersion } from "../src/clients.ts";
import { BLOCKS_OF, blocksIn, READMES, renderBlocks, rewriteBlocks } from "../src/docs.ts";
import { rows } from "../src/scenarios/index.ts";

const root = new URL("../../", import.meta.url);
const read = (file: string): string => readFileSync(new URL(file, root), "utf8");

describe("the READMEs' per-version tables are the pins", () => {
  for (const file of READMES) {
    it(`${file} holds its generated blocks`, () => {
      // Only the blocks rendered from the pins (README.md's `sizes` is check-size.mjs's).
      const rendered = renderBlocks();
      const names = [...blocksIn(read(file)).keys()].filter((name) => rendered.has(name)).sort();
      expect(names).toEqual([...(BLOCKS_OF[file] ?? [])].sort());
    });
    it(`${file}: every generated block agrees with the pins (else run \`node scripts/docs.mjs\`)`, () => {
      const text = read(file);
      const blocks = renderBlocks();
      for (const [name, content] of blocksIn(text)) if (blocks.has(name)) expect(content.trimEnd(), `block ${name}`).toBe(blocks.get(name)?.trimEnd());
      expect(rewriteBlocks(text, blocks) === text, "rewriting changes nothing").toBe(true);
    });
  }
});

describe("docs/clients.md is the client suite's live run (`npm run demo -- --clients docs/clients.md`)", () => {
  const text = read("docs/clients.md");
  it("has a section for every client, at the version the suite runs", () => {
    for (const client of CLIENTS) {
      if (rows.every((s) => s.client !== client.name)) continue;
      expect(text, `a section for ${client.name}`).toContain(`\n## ${client.name} ${clientVersion(client.name)}\n`);
    }
  });
  it("has a row for every client scenario", () => {
    for (const scenario of rows.filter((s) => s.client !== undefined)) expect(text, scenario.id).toContain(`(\`${scenario.id}\`) |`);
  });
  it("says every report agreed with its pin", () => {
    expect(text).toContain("In this run, every report agreed with its pin.");
  });
});
