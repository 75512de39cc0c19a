/**
 * The Bun adapter's tables, on errors shaped as each Bun version builds them (fetch on Bun 1.1 and
 * 1.4, DNSException, WebSocket error events), on bad input, and live on loopback for the wrapped
 * socket APIs. Runs in Bun only (scripts/runtimes.mjs `testRoots`). The shared live failures are
 * in conformance/.
 */
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { type ErrorKind, isOSError, isTransient, kindOf, type OSError } from "@neterr/core";
import { BUN_FETCH_CODES, BUN_MESSAGES } from "@neterr/core/adapter";
import { adapter, connect, handlers, listen, normalize as adapterNormalize, serve, toOSError, udpSocket } from "@neterr/bun";
import { againstCore } from "../../core/test/support/core-alone.ts";

/** Every shape in this file goes through core alone too (no adapter installed): same class, same isTransient. */
const checked = againstCore(adapterNormalize);
const normalize = checked.normalize;

/** The codes of Bun's fetch that the table returns unchanged (not socket failures). */
const BUN_NOT_NETWORK = Object.keys(BUN_FETCH_CODES).filter((code) => BUN_FETCH_CODES[code] === "unchanged");

declare const Bun: {
  version: string;
  listen(options: { hostname: string; port: number; socket: { data(): void } }): { port: number; stop(closeActive?: boolean): void };
  connect(options: { hostname: string; port: number; socket: object }): Promise<unknown>;
};

const V4 = "127.0.0.1";
const bun11 = Bun.version.startsWith("1.1.");
/** Bun 1.2.23 loses what 1.1 loses here: the ICMP answer to a datagram (live: bun-udp-refused). */
const bun12 = Bun.version.startsWith("1.2.");
/** Bun 1.2.23 and 1.3.14 pass close no error for a reset (live: tcp-reset-on-read says no error there). */
const resetLost = bun12 || Bun.version.startsWith("1.3.");

/** A port where nothing listens: Bun's own listener, stopped. */
function closedPort(): number {
  const listener = Bun.listen({ hostname: V4, port: 0, socket: { data() {} } });
  const { port } = listener;
  listener.stop(true);
  return port;
}

/** Bun's fetch rejection, as each version builds it (seen on Bun 1.1.45 and 1.4.5). */
const fetch11 = (code: string, message: string, url = "http://127.0.0.1:4242/") => Object.assign(new Error(message), { code, path: url, errno: 0 });
const fetch14 = (code: string, message: string, url = "http://127.0.0.1:4242/") => Object.assign(new TypeError(`${code}: ${message}`), { code, path: url, errno: 0 });

describe(`Bun's fetch codes, in bun@${Bun.version}`, () => {
  // Written by hand from what each failure is, not from the adapter's table.
  const ROWS: readonly (readonly [string, ErrorKind, string, number | undefined])[] = [
    ["ConnectionRefused", "ConnectionRefusedError", "ECONNREFUSED", 111],
    ["ConnectionClosed", "ConnectionResetError", "ECONNRESET", 104],
    ["FailedToOpenSocket", "OSError", "FailedToOpenSocket", undefined],
    ["DNSLookupFailed", "NameResolutionError", "ENOTFOUND", undefined],
    ["Timeout", "TimeoutError", "ETIMEDOUT", 110],
  ];
  it("every row of BUN_FETCH_CODES is tested here", () => {
    for (const code of Object.keys(BUN_FETCH_CODES)) if (!BUN_NOT_NETWORK.includes(code)) expect(ROWS.map((r) => r[0])).toContain(code);
  });
  it.each(ROWS)("Bun 1.1's fetch Error with code %s maps to %s, code %s, errno %s, the URL read as address and port", (code, kind, mapped, errno) => {
    const native = fetch11(code, "Unable to connect. Is the computer able to access the url?");
    const error = normalize(native) as OSError;
    expect(kindOf(error)).toBe(kind);
    expect(error.code).toBe(mapped);
    expect(error.errno).toBe(errno);
    expect(error.cause).toBe(native);
    expect(error.address).toBe(V4);
    expect(error.port).toBe(4242);
    expect(error.path, "the URL is not a socket path").toBeUndefined();
    expect(error.runtime).toBe("bun");
  });
  it.each([
    ["ECONNREFUSED", "ConnectionRefusedError", 111],
    ["ECONNRESET", "ConnectionResetError", 104],
    ["ENOENT", "FileNotFoundError", 2],
  ] as const)("Bun 1.4's fetch TypeError with code %s and errno 0 maps to %s with errno %d", (code, kind, errno) => {
    const native = fetch14(code, "The socket connection was closed unexpectedly.");
    const error = normalize(native) as OSError;
    expect(kindOf(error)).toBe(kind);
    expect(error.errno).toBe(errno);
    expect(error.address).toBe(V4);
    expect(error.port).toBe(4242);
    expect(error.path).toBeUndefined();
  });
  it.each([
    ["http://localhost:8080/x", { hostname: "localhost", port: 8080, address: undefined }],
    ["https://example.test/", { hostname: "example.test", port: 443, address: undefined }],
    ["http://[::1]:9/", { hostname: undefined, port: 9, address: "::1" }],
    ["ws://127.0.0.1/", { hostname: undefined, port: 80, address: V4 }],
  ] as const)("the URL %s in `path` gives %o", (url, want) => {
    const error = normalize(fetch11("ConnectionRefused", "x", url)) as OSError;
    expect({ hostname: error.hostname, port: error.port, address: error.address }).toEqual(want);
  });
  it("a Unix socket path in `path` (not a URL) is kept as the path", () => {
    const native = Object.assign(new Error("Failed to connect"), { code: "ECONNREFUSED", syscall: "connect", errno: 1, path: "/tmp/x.sock" });
    const error = normalize(native) as OSError;
    expect(error.path).toBe("/tmp/x.sock");
    expect(error.errno, "Bun 1.1's errno 1 is not EPERM: the errno comes from the code").toBe(111);
  });
  it.each(BUN_NOT_NETWORK)("code %s (not a socket failure) is returned unchanged", (code) => {
    const native = fetch11(code, "not a socket failure");
    expect(normalize(native)).toBe(native);
    expect(toOSError(native)).toBeUndefined();
  });
  it("a refused fetch may be retried; a closed port seen through ConnectionClosed too", () => {
    expect(isTransient(normalize(fetch11("ConnectionRefused", "x")))).toBe(true);
    expect(isTransient(normalize(fetch11("ConnectionClosed", "x")))).toBe(true);
  });
});

// The shape reported in oven-sh/bun#24970 (Bun 1.3.3): `DNSException: getaddrinfo ECONNREFUSED`,
// `code: "DNS_ECONNREFUSED"`, `errno: 11`, `syscall: "getaddrinfo"`. Not provoked live here: a
// failing lookup would ask a name server elsewhere.
describe("DNSException (Bun.dns), table only", () => {
  it.each([
    ["DNS_ECONNREFUSED", "ECONNREFUSED", true],
    ["DNS_ENOTFOUND", "ENOTFOUND", false],
    ["DNS_ESERVFAIL", "ESERVFAIL", true],
    ["ENOTFOUND", "ENOTFOUND", false],
  ] as const)("a DNSException with code %s is a NameResolutionError %s, with no errno (c-ares' numbers are not errnos)", (code, mapped, transient) => {
    const native = Object.assign(new Error(`getaddrinfo ${code.replace(/^DNS_/, "")}`), { name: "DNSException", code, errno: 11, syscall: "getaddrinfo", hostname: "nxdomain.neterr.test" });
    const error = normalize(native) as OSError;
    expect(kindOf(error)).toBe("NameResolutionError");
    expect(error.code).toBe(mapped);
    expect(error.errno).toBeUndefined();
    expect(error.hostname).toBe("nxdomain.neterr.test");
    expect(isTransient(error)).toBe(transient);
  });
});

describe("WebSocket error events", () => {
  it("Bun 1.1's event with only the text 'Failed to connect' is an OSError (Bun says it for a refused and a timed-out connect alike)", () => {
    const event = { type: "error", message: "WebSocket connection to 'ws://127.0.0.1:9/' failed: Failed to connect", error: null };
    const error = normalize(event) as OSError;
    expect(kindOf(error)).toBe("OSError");
    expect(error.cause).toBe(event);
  });
  it("Bun 1.4's event carrying the Error maps by that error's code", () => {
    const inner = Object.assign(new Error("Failed to connect"), { code: "ECONNREFUSED" });
    const event = { type: "error", message: "WebSocket connection to 'ws://127.0.0.1:9/' failed: Failed to connect", error: inner };
    const error = normalize(event) as OSError;
    expect(kindOf(error)).toBe("ConnectionRefusedError");
    expect(error.errno).toBe(111);
    expect(error.cause).toBe(event);
  });
  it("an event that is not an error event is returned unchanged", () => {
    const event = { type: "close", code: 1006, reason: "" };
    expect(normalize(event)).toBe(event);
  });
});

describe("message patterns", () => {
  it("every pattern says why it exists, is anchored, and has no nested quantifier or back-reference (linear time)", () => {
    for (const p of BUN_MESSAGES) {
      expect(p.pattern.source.startsWith("^")).toBe(true);
      expect(p.pattern.source).not.toMatch(/\([^)]*[*+][^)]*\)[*+{]/);
      expect(p.pattern.source).not.toMatch(/\\\d/);
    }
  });
  it("a 1 MB message that almost matches every pattern still returns (no crash, input kept)", () => {
    const huge = `WebSocket connection to '${"'".repeat(10)}${"x".repeat(1_000_000)}' failed: Failed to connec`;
    const native = { type: "error", message: huge };
    expect(normalize(native)).toBe(native);
    const ended = new Error(`This socket has been ended by the other party${" ".repeat(1_000_000)}`);
    expect(normalize(ended)).toBe(ended);
  });
});

describe("bad input", () => {
  const hostile = new Proxy(fetch11("ConnectionRefused", "x"), {
    get() {
      throw new Error("hostile getter");
    },
  });
  const cyclic: { type: string; error?: unknown; message: string } = { type: "error", message: "x" };
  cyclic.error = cyclic;
  it.each([
    ["null", null],
    ["a string", "ConnectionRefused"],
    ["a proxy whose every read throws", hostile],
    ["an error event whose error is itself", cyclic],
    ["an object whose path getter throws", Object.defineProperty({ code: "ConnectionRefused" }, "path", { get: () => { throw new Error("x"); } })],
    ["a fetch error with a URL that does not parse", fetch11("ConnectionRefused", "x", "http://[bad/")],
  ] as const)("normalize(%s) returns it or an OSError caused by it, and never throws", (_what, input) => {
    const mapped = adapter.normalize(input);
    expect(mapped === input || (isOSError(mapped) && mapped.cause === input)).toBe(true);
  });
});

describe(`wrapped socket APIs, live on loopback in bun@${Bun.version}`, () => {
  it("handlers(): connectError receives a ConnectionRefusedError whose cause is Bun's error", async () => {
    const port = closedPort();
    const seen = await new Promise<unknown>((resolve) => {
      Bun.connect({ hostname: V4, port, socket: handlers({ data() {}, connectError: (_socket: unknown, error: unknown) => resolve(error) }) }).catch(() => {});
    });
    expect(seen).toBeInstanceOf(Error);
    expect(kindOf(seen)).toBe("ConnectionRefusedError");
    expect((seen as OSError).cause).toBeInstanceOf(Error);
    expect(isOSError((seen as OSError).cause)).toBe(false);
  });
  it("handlers(): close receives a ConnectionResetError when the peer resets (and nothing when it closes)", async () => {
    // A node:net peer in this Bun: it resets (SO_LINGER 0) once our first bytes arrive.
    const server = createServer((socket) => {
      socket.on("error", () => {});
      socket.once("data", () => socket.resetAndDestroy());
    });
    await new Promise<void>((resolve) => server.listen(0, V4, () => resolve()));
    try {
      const port = (server.address() as { port: number }).port;
      const seen = await new Promise<unknown>((resolve) => {
        Bun.connect({
          hostname: V4,
          port,
          socket: handlers({ open: (socket: { write(d: string): void }) => socket.write("hello"), data() {}, close: (_socket: unknown, error?: unknown) => resolve(error ?? "no error") }),
        }).catch(() => {});
      });
      if (resetLost) {
        expect(kindOf(seen), "Bun 1.2.23 and 1.3.14 pass close no error for a reset").toBeUndefined();
        return;
      }
      expect(kindOf(seen)).toBe("ConnectionResetError");
      expect((seen as OSError).code).toBe("ECONNRESET");
      expect((seen as OSError).syscall).toBe("read");
      expect((seen as OSError).errno).toBe(104);
    } finally {
      server.close();
    }
  });
  it(`udpSocket(): a send to a closed port ${bun11 || bun12 ? "never calls the error handler (pinned: Bun 1.1.45 and 1.2.23 lose the ICMP answer)" : "gives the error handler a ConnectionRefusedError"}`, async () => {
    const port = closedPort();
    let seen: unknown;
    const socket = await udpSocket({ socket: { data() {}, error: (error: unknown) => void (seen ??= error) } } as never);
    try {
      for (let i = 0; i < 5 && seen === undefined; i++) {
        (socket as unknown as { send(d: string, p: number, a: string): boolean }).send("ping", port, V4);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      (socket as unknown as { close(): void }).close();
    }
    if (bun11 || bun12) {
      expect(seen).toBeUndefined();
    } else {
      expect(kindOf(seen)).toBe("ConnectionRefusedError");
      expect((seen as OSError).errno).toBe(111);
      expect(isOSError((seen as OSError).cause)).toBe(false);
    }
  });
  it("handlers() of a class instance wraps its inherited handlers and keeps its other methods", () => {
    const seen: unknown[] = [];
    class Handlers {
      data(): void {}
      error(_socket: unknown, error: unknown): void {
        seen.push(error);
      }
    }
    const wrapped = handlers(new Handlers());
    expect(typeof wrapped.data).toBe("function");
    const native = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", syscall: "read" });
    wrapped.error({}, native);
    expect(kindOf(seen[0])).toBe("ConnectionResetError");
    expect((seen[0] as OSError).cause).toBe(native);
  });

  it("handlers() is idempotent and leaves an object without handlers as it was", () => {
    const once = handlers({ data() {}, error() {} });
    expect(handlers(once)).toBe(once);
    const plain = { data() {} };
    expect(Object.keys(handlers(plain))).toEqual(["data"]);
  });
  it("connect() to a closed port rejects with ConnectionRefusedError carrying address and port", async () => {
    const port = closedPort();
    const error = await connect({ hostname: V4, port, socket: { data() {} } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(kindOf(error)).toBe("ConnectionRefusedError");
    expect((error as OSError).address).toBe(V4);
    expect((error as OSError).port).toBe(port);
    expect((error as OSError).syscall).toBe("connect");
    expect(isTransient(error)).toBe(true);
  });
  it(`listen() on a taken port throws AddressInUseError with the port${bun11 ? " (Bun 1.1's own error has none: from the call)" : ""}`, () => {
    const first = listen({ hostname: V4, port: 0, socket: { data() {} } });
    try {
      let error: unknown;
      try {
        listen({ hostname: V4, port: first.port, socket: { data() {} } }).stop(true);
      } catch (e) {
        error = e;
      }
      expect(kindOf(error)).toBe("AddressInUseError");
      expect((error as OSError).port).toBe(first.port);
      expect((error as OSError).syscall).toBe("listen");
      expect((error as OSError).errno).toBe(98);
    } finally {
      first.stop(true);
    }
  });
  it("serve() on a taken port throws AddressInUseError with errno 98 (Bun says 0) and the port", () => {
    const first = serve({ hostname: V4, port: 0, fetch: () => new Response("first") });
    try {
      let error: unknown;
      try {
        serve({ hostname: V4, port: first.port as number, fetch: () => new Response("second") }).stop(true);
      } catch (e) {
        error = e;
      }
      expect(kindOf(error)).toBe("AddressInUseError");
      expect((error as OSError).errno).toBe(98);
      expect((error as OSError).port).toBe(first.port);
    } finally {
      first.stop(true);
    }
  });
});

it("core alone (no adapter installed) gives the same class and isTransient as the adapter for every shape in this file", () => {
  expect(checked.compared()).toBeGreaterThan(30);
});
