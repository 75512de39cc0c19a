/**
 * Identity across two physically separate copies of @neterr/core (two versions in one
 * node_modules): copy A is the one imported by name, copy B a copy of its dist in a temp folder.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as A from "@neterr/core";
import * as AK from "@neterr/core/adapter";

type Core = typeof A;
let B: Core;
let BK: typeof AK;
let tmp: string;

beforeAll(async () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const pkg = join(here, "..");
  tmp = mkdtempSync(join(tmpdir(), "neterr-core-copy-"));
  const dest = join(tmp, "node_modules", "@neterr", "core");
  mkdirSync(dest, { recursive: true });
  cpSync(join(pkg, "dist"), join(dest, "dist"), { recursive: true });
  cpSync(join(pkg, "package.json"), join(dest, "package.json"));
  B = (await import(/* @vite-ignore */ pathToFileURL(join(dest, "dist", "index.js")).href)) as Core;
  BK = (await import(/* @vite-ignore */ pathToFileURL(join(dest, "dist", "adapter.js")).href)) as typeof AK;
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const KINDS = [
  ["ECONNREFUSED", "ConnectionRefusedError", ["ConnectionError", "OSError"], "ConnectionResetError"],
  ["EPIPE", "BrokenPipeError", ["ConnectionError", "OSError"], "ConnectionRefusedError"],
  ["EHOSTUNREACH", "HostUnreachableError", ["ConnectionError", "OSError"], "NetworkUnreachableError"],
  ["ETIMEDOUT", "TimeoutError", ["OSError"], "ConnectionError"],
  ["ENOTFOUND", "NameResolutionError", ["OSError"], "ConnectionError"],
  ["EACCES", "PermissionError", ["OSError"], "FileNotFoundError"],
] as const;

describe("two copies of @neterr/core", () => {
  it("the copy is really a different module: B.OSError !== A.OSError", () => {
    expect(B.OSError).not.toBe(A.OSError);
    expect(B.ConnectionRefusedError).not.toBe(A.ConnectionRefusedError);
    expect(B.normalize).not.toBe(A.normalize);
  });

  describe.each([
    ["B", "A"],
    ["A", "B"],
  ] as const)("an error made by copy %s, checked by copy %s", (maker, checker) => {
    const core = (which: "A" | "B"): Core => (which === "A" ? A : B);
    it.each(KINDS)(`${maker}.fromErrno("%s") is instanceof ${checker}.%s and its ancestors ${checker}.%s`, (code, kind, ancestors) => {
      const error = core(maker).fromErrno(code);
      const C = core(checker);
      expect(error).toBeInstanceOf(C[kind]);
      for (const ancestor of ancestors) expect(error).toBeInstanceOf(C[ancestor]);
      expect(error).toBeInstanceOf(Error);
    });
    it.each(KINDS)(`${maker}.fromErrno("%s") (%s) is not instanceof its sibling ${checker}.%s`, (code, _kind, _ancestors, sibling) => {
      const error = core(maker).fromErrno(code);
      expect(error instanceof core(checker)[sibling]).toBe(false);
    });
    it.each(KINDS)(`${checker}.isOSError and ${checker}.kindOf accept ${maker}.fromErrno("%s") as %s`, (code, kind) => {
      const error = core(maker).fromErrno(code);
      expect(core(checker).isOSError(error)).toBe(true);
      expect(core(checker).kindOf(error)).toBe(kind);
    });
    it(`${checker}.normalize returns ${maker}'s error unchanged (the same object)`, () => {
      const error = core(maker).fromErrno("ECONNRESET");
      expect(core(checker).normalize(error)).toBe(error);
      expect(core(checker).toOSError(error)).toBe(error);
    });
    it(`${checker}.normalize of a wrapper around ${maker}'s error gives ${checker}'s class with the wrapper as cause`, () => {
      const inner = core(maker).fromErrno("ECONNRESET");
      const wrapper = new TypeError("fetch failed", { cause: inner });
      const error = core(checker).normalize(wrapper) as A.OSError;
      expect(error).toBeInstanceOf(core(checker).ConnectionResetError);
      expect(error).toBeInstanceOf(core(maker).ConnectionResetError);
      expect(error.cause).toBe(wrapper);
    });
    it(`${checker}.isTransient understands ${maker}'s errors`, () => {
      expect(core(checker).isTransient(core(maker).fromErrno("ECONNRESET"))).toBe(true);
      expect(core(checker).isTransient(core(maker).fromErrno("ENOTFOUND"))).toBe(false);
    });
  });

  it("installAdapter in copy A is seen by copy B's installedAdapter() and normalize()", () => {
    const SLOT = Symbol.for("@neterr/core/adapter");
    const g = globalThis as Record<symbol, unknown>;
    const had = Object.getOwnPropertyDescriptor(g, SLOT);
    try {
      const adapter = AK.createAdapter({ runtime: "copy-a", codes: { PEER_GONE: "ConnectionResetError" } });
      AK.installAdapter(adapter);
      expect(BK.installedAdapter()).toBe(adapter);
      const native = Object.assign(new Error("peer gone"), { code: "PEER_GONE" });
      const error = B.normalize(native) as A.OSError;
      expect(error).toBeInstanceOf(B.ConnectionResetError);
      expect(error.runtime).toBe("copy-a");
      expect(error.cause).toBe(native);
    } finally {
      if (had) Object.defineProperty(g, SLOT, had);
      else delete g[SLOT];
    }
    expect(BK.installedAdapter().runtime).toBeUndefined();
    expect(AK.installedAdapter().runtime).toBeUndefined();
  });

  it("installAdapter in copy B is seen by copy A's isTransient()", () => {
    const SLOT = Symbol.for("@neterr/core/adapter");
    const g = globalThis as Record<symbol, unknown>;
    const had = Object.getOwnPropertyDescriptor(g, SLOT);
    try {
      BK.installAdapter(BK.createAdapter({ runtime: "copy-b", codes: { PEER_GONE: "ConnectionResetError" } }));
      expect(A.isTransient(Object.assign(new Error("peer gone"), { code: "PEER_GONE" }))).toBe(true);
    } finally {
      if (had) Object.defineProperty(g, SLOT, had);
      else delete g[SLOT];
    }
    expect(A.isTransient(Object.assign(new Error("peer gone"), { code: "PEER_GONE" }))).toBe(false);
  });
});

describe("a user's own subclass", () => {
  class MyError extends A.ConnectionRefusedError {}
  it("fromErrno(\"ECONNREFUSED\") is not instanceof a user's class MyError extends ConnectionRefusedError", () => {
    expect(A.fromErrno("ECONNREFUSED") instanceof MyError).toBe(false);
    expect(B.fromErrno("ECONNREFUSED") instanceof MyError).toBe(false);
    expect(A.normalize(Object.assign(new Error("x"), { code: "ECONNREFUSED" })) instanceof MyError).toBe(false);
  });
  it("new MyError() is instanceof MyError, ConnectionRefusedError, ConnectionError, OSError of both copies", () => {
    const mine = new MyError("mine");
    expect(mine).toBeInstanceOf(MyError);
    for (const C of [A, B]) {
      expect(mine).toBeInstanceOf(C.ConnectionRefusedError);
      expect(mine).toBeInstanceOf(C.ConnectionError);
      expect(mine).toBeInstanceOf(C.OSError);
      expect(mine instanceof C.ConnectionResetError).toBe(false);
    }
  });
  it("a user's subclass of a sibling does not accept MyError", () => {
    class OtherError extends A.ConnectionResetError {}
    expect(new MyError("x") instanceof OtherError).toBe(false);
    expect(new OtherError("x") instanceof MyError).toBe(false);
  });
  it("A.normalize returns a user's MyError unchanged", () => {
    const mine = new MyError("mine");
    expect(A.normalize(mine)).toBe(mine);
    expect(B.normalize(mine)).toBe(mine);
  });
});
