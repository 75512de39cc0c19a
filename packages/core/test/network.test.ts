/**
 * `isNetworkError`: network failures only (not file errors, not a user's abort), on every shape
 * neterr maps, and a superset of is-network-error (the npm package, run side by side here) on
 * the runtimes neterr supports, including a real fetch failure provoked in this runtime.
 */
import { createServer } from "node:net";
import isNetworkErrorPackage from "is-network-error";
import { describe, expect, it } from "vitest";
import { fromErrno, isNetworkError, normalize } from "@neterr/core";

const err = (message: string, fields: Record<string, unknown> = {}): Error => Object.assign(new Error(message), fields);

describe("isNetworkError() of what runtimes throw", () => {
  it.each([
    ["Node's refused connect", () => err("connect ECONNREFUSED 127.0.0.1:1", { code: "ECONNREFUSED", syscall: "connect" })],
    ["Node's reset read", () => err("read ECONNRESET", { code: "ECONNRESET", syscall: "read" })],
    ["Node's broken pipe", () => err("write EPIPE", { code: "EPIPE", syscall: "write" })],
    ["node:dns NXDOMAIN", () => err("queryA ENOTFOUND x.test", { code: "ENOTFOUND", syscall: "queryA" })],
    ["a port in use", () => err("listen EADDRINUSE", { code: "EADDRINUSE", syscall: "listen" })],
    ["a privileged port (EACCES on listen)", () => err("listen EACCES: permission denied 0.0.0.0:80", { code: "EACCES", syscall: "listen" })],
    ["a missing Unix socket path on connect", () => err("connect ENOENT /tmp/gone.sock", { code: "ENOENT", syscall: "connect" })],
    ["undici's fetch failed with its cause", () => new TypeError("fetch failed", { cause: err("connect ECONNREFUSED", { code: "ECONNREFUSED" }) })],
    ["undici's headers timeout", () => err("Headers Timeout Error", { code: "UND_ERR_HEADERS_TIMEOUT" })],
    ["AbortSignal.timeout()", () => Object.assign(new Error("The operation timed out."), { name: "TimeoutError" })],
    ["Deno's ConnectionRefused", () => Object.assign(new Error("Connection refused (os error 111)"), { name: "ConnectionRefused" })],
    ["Bun 1.1's fetch ConnectionRefused", () => err("Unable to connect", { code: "ConnectionRefused", errno: 0, path: "http://127.0.0.1:1/" })],
    ["Bun 1.1's fetch to a missing Unix socket", () => err("Was there a typo in the url or port?", { code: "FailedToOpenSocket", errno: 0 })],
    ["a WebSocket ErrorEvent (Bun 1.1, text only)", () => ({ type: "error", message: "WebSocket connection to 'ws://127.0.0.1:1/' failed: Failed to connect" })],
  ])("isNetworkError(%s) is true", (_what, make) => {
    expect(isNetworkError(make())).toBe(true);
  });

  it.each([
    ["a missing file (ENOENT on open)", () => err("ENOENT: no such file or directory, open 'x'", { code: "ENOENT", syscall: "open" })],
    ["a permission error on a file", () => err("EACCES: permission denied, open 'x'", { code: "EACCES", syscall: "open" })],
    ["a process error (ESRCH on kill)", () => err("kill ESRCH", { code: "ESRCH", syscall: "kill" })],
    ["a user's own abort", () => Object.assign(new Error("This operation was aborted"), { name: "AbortError" })],
    ["a TypeError that is a bug", () => new TypeError("x is not a function")],
    ["a certificate error (Bun)", () => err("unable to get issuer", { code: "UNABLE_TO_GET_ISSUER_CERT" })],
    ["Safari's 'Load failed' with a stack (not a network failure)", () => new TypeError("Load failed")],
    ["not an error at all", () => "fetch failed"],
    ["a Proxy that throws on every read", () => new Proxy({}, { get: () => { throw new Error("trap"); } })],
  ])("isNetworkError(%s) is false", (_what, make) => {
    expect(isNetworkError(make())).toBe(false);
  });

  it("isNetworkError() of a mapped error answers as for the native one", () => {
    const native = err("connect ECONNREFUSED 127.0.0.1:1", { code: "ECONNREFUSED", syscall: "connect" });
    expect(isNetworkError(normalize(native))).toBe(true);
    expect(isNetworkError(fromErrno("ENOENT", { syscall: "open" }))).toBe(false);
    expect(isNetworkError(fromErrno("ENOENT", { syscall: "connect" }))).toBe(true);
  });
});

describe("isNetworkError() is a superset of is-network-error", () => {
  // is-network-error 1.3.2's own texts for the runtimes neterr supports (Node's undici, Bun, Deno),
  // and the browsers' ones it also lists.
  const texts = [
    "fetch failed",
    "terminated",
    " A network error occurred.",
    "error sending request for url (http://127.0.0.1:1/): client error (Connect): tcp connect error: Connection refused (os error 111)",
    "Failed to fetch",
    "Failed to fetch (example.test)",
    "network error",
    "NetworkError when attempting to fetch resource.",
    "The Internet connection appears to be offline.",
    "Network request failed",
    "Network connection lost",
  ];
  it.each(texts)("is-network-error and isNetworkError() both say true for TypeError(%j)", (message) => {
    const error = new TypeError(message);
    expect(isNetworkErrorPackage(error)).toBe(true);
    expect(isNetworkError(error)).toBe(true);
  });
  it("Safari's 'Load failed' with no stack: both true; with a stack: both false", () => {
    const bare = new TypeError("Load failed");
    Object.defineProperty(bare, "stack", { value: undefined });
    expect([isNetworkErrorPackage(bare), isNetworkError(bare)]).toEqual([true, true]);
    const stacked = new TypeError("Load failed");
    expect([isNetworkErrorPackage(stacked), isNetworkError(stacked)]).toEqual([false, false]);
  });
  it("a real fetch to a closed loopback port in this runtime: isNetworkError() is true wherever is-network-error is", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const thrown = await fetch(`http://127.0.0.1:${port}/`).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(thrown).toBeDefined();
    expect(isNetworkError(thrown)).toBe(true);
    if (isNetworkErrorPackage(thrown)) expect(isNetworkError(thrown)).toBe(true);
  });
});
