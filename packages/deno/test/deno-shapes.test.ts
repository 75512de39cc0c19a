/**
 * The Deno adapter's tables, on real `Deno.errors` instances built in this Deno, on plain errors
 * that carry only Deno's texts (fetch, Deno < 2.9.2, resolveDns), and on bad input. Runs in Deno
 * only (scripts/runtimes.mjs `testRoots`). Live failures are in conformance/.
 */
import { describe, expect, it } from "vitest";
import { type ErrorKind, isOSError, isTransient, kindOf, NameResolutionError, type OSError } from "@neterr/core";
import { DENO_ERRORS, DENO_MESSAGES } from "@neterr/core/adapter";
import { adapter, connect, guard, listen, normalize as adapterNormalize, toOSError } from "@neterr/deno";
import { againstCore } from "../../core/test/support/core-alone.ts";

/** Every shape in this file goes through core alone too (no adapter installed): same class, same isTransient. */
const checked = againstCore(adapterNormalize);
const normalize = checked.normalize;

declare const Deno: { errors: Record<string, new (message?: string) => Error>; version: { deno: string } };

// Written by hand from what each Deno.errors class means (see the README's table), not from the adapter.
const CLASSES: readonly (readonly [string, ErrorKind | undefined, string])[] = [
  ["ConnectionRefused", "ConnectionRefusedError", "Connection refused (os error 111)"],
  ["ConnectionReset", "ConnectionResetError", "Connection reset by peer (os error 104)"],
  ["ConnectionAborted", "ConnectionAbortedError", "Software caused connection abort (os error 103)"],
  ["BrokenPipe", "BrokenPipeError", "Broken pipe (os error 32)"],
  ["NotConnected", "NotConnectedError", "Transport endpoint is not connected (os error 107)"],
  ["AddrInUse", "AddressInUseError", "Address already in use (os error 98)"],
  ["AddrNotAvailable", "AddressNotAvailableError", "Cannot assign requested address (os error 99)"],
  ["TimedOut", "TimeoutError", "Connection timed out (os error 110)"],
  ["NetworkUnreachable", "NetworkUnreachableError", "Network is unreachable (os error 101)"],
  ["UnexpectedEof", "ConnectionResetError", "unexpected end of file"],
  ["WriteZero", "OSError", "failed to write whole buffer"],
  ["Interrupted", "InterruptedError", "Interrupted system call (os error 4)"],
  ["WouldBlock", "BlockingIOError", "Resource temporarily unavailable (os error 11)"],
  ["PermissionDenied", "PermissionError", "Permission denied (os error 13)"],
  ["NotCapable", "PermissionError", 'Requires net access to "127.0.0.1:1", run again with the --allow-net flag'],
  ["NotFound", "FileNotFoundError", "No such file or directory (os error 2)"],
  ["AlreadyExists", "FileExistsError", "File exists (os error 17)"],
  ["BadResource", "OSError", "Bad resource ID"],
  ["Busy", "OSError", "Device or resource busy (os error 16)"],
  ["NotSupported", "OSError", "Operation not supported (os error 95)"],
  ["FilesystemLoop", "OSError", "Too many levels of symbolic links (os error 40)"],
  ["IsADirectory", "IsADirectoryError", "Is a directory (os error 21)"],
  ["NotADirectory", "NotADirectoryError", "Not a directory (os error 20)"],
  ["InvalidData", undefined, "received corrupt message of type InvalidContentType"],
  ["Http", undefined, "invalid HTTP header parsed"],
];

describe(`Deno.errors classes in deno@${Deno.version.deno}`, () => {
  const present = CLASSES.filter(([name]) => typeof Deno.errors[name] === "function");

  it("every class of the table that this Deno has is tested", () => {
    expect(present.length).toBeGreaterThan(15);
    for (const name of Object.keys(DENO_ERRORS)) expect(CLASSES.map(([n]) => n)).toContain(name);
  });

  it.each(present)("new Deno.errors.%s(...) maps to %s", (name, kind, message) => {
    const native = new Deno.errors[name]!(message);
    const mapped = normalize(native);
    if (kind === undefined) {
      expect(mapped).toBe(native);
      return;
    }
    expect(isOSError(mapped)).toBe(true);
    expect(kindOf(mapped)).toBe(kind);
    expect((mapped as OSError).cause).toBe(native);
    expect((mapped as OSError).runtime).toBe("deno");
    const os = /\(os error (\d+)\)/.exec(message);
    if (os) expect((mapped as OSError).errno).toBe(Number(os[1]));
  });

  it("a library's own error named like a Deno class (an HTTP 404 'NotFound') is not mapped", () => {
    class NotFound extends Error {
      override name = "NotFound";
    }
    const own = new NotFound("no such user");
    expect(normalize(own)).toBe(own);
    const coded = Object.assign(new NotFound("no such user"), { code: "USER_NOT_FOUND" });
    expect(normalize(coded)).toBe(coded);
  });

  it("a real Deno.errors.NotFound whose text opens with a POSIX code maps by it (Deno.kill: ESRCH)", () => {
    const native = new Deno.errors.NotFound!("ESRCH: No such process");
    expect(kindOf(normalize(native))).toBe("ProcessLookupError");
  });

  it("a bare Deno.errors.NotFound (no code, no errno text) is left unchanged: core cannot tell it from a library's", () => {
    const native = new Deno.errors.NotFound!("plain text");
    expect(normalize(native)).toBe(native);
  });

  it("a Deno class with a POSIX code and no (os error N) text gets the errno from the code (and no strerror: Deno gave none)", () => {
    const native = Object.assign(new Deno.errors.ConnectionRefused!("refused"), { code: "ECONNREFUSED" });
    const mapped = toOSError(native);
    expect([kindOf(mapped), mapped?.code, mapped?.errno, mapped?.strerror]).toEqual(["ConnectionRefusedError", "ECONNREFUSED", 111, undefined]);
  });

  it("an error named like a Deno class that carries an (os error N) is mapped (a copy across realms)", () => {
    const copy = Object.assign(new Error("Connection refused (os error 111)"), { name: "ConnectionRefused" });
    expect(kindOf(normalize(copy))).toBe("ConnectionRefusedError");
  });
});

describe("texts only (fetch, Deno < 2.9.2, Deno.resolveDns)", () => {
  const TEXTS: readonly (readonly [string, () => Error, ErrorKind, string | undefined])[] = [
    [
      "fetch >= 2.9.2: TypeError('fetch failed') caused by an Error with the OS text",
      () => new TypeError("fetch failed", { cause: new Error("error sending request for url (http://127.0.0.1:9/): client error (Connect): tcp connect error: Connection refused (os error 111)") }),
      "ConnectionRefusedError",
      "ECONNREFUSED",
    ],
    [
      "fetch < 2.9.2: TypeError('error sending request for url ...') with the OS text",
      () => new TypeError("error sending request for url (http://127.0.0.1:9/): client error (Connect): tcp connect error: Connection refused (os error 111): Connection refused (os error 111)"),
      "ConnectionRefusedError",
      "ECONNREFUSED",
    ],
    ["fetch: connection closed before message completed", () => new TypeError("fetch failed", { cause: new Error("error sending request from 127.0.0.1:1 for http://127.0.0.1:9/ (127.0.0.1:9): client error (SendRequest): connection closed before message completed") }), "ConnectionResetError", "ECONNRESET"],
    ["fetch https:// to a plain server that closes: tls handshake eof (2.9, on the cause)", () => new TypeError("fetch failed", { cause: new Error("error sending request for url (https://127.0.0.1:9/): client error (Connect): tls handshake eof") }), "ConnectionResetError", "ECONNRESET"],
    ["fetch body: error reading a body from connection", () => new TypeError("error reading a body from connection"), "ConnectionResetError", "ECONNRESET"],
    ["fetch: dns error (EAI_NONAME)", () => new TypeError("fetch failed", { cause: new Error("error sending request for url (http://x.test/): client error (Connect): dns error: failed to lookup address information: Name or service not known") }), "NameResolutionError", "ENOTFOUND"],
    ["Deno.connect: failed to lookup address information (EAI_AGAIN)", () => new Error("failed to lookup address information: Temporary failure in name resolution"), "NameResolutionError", "EAI_AGAIN"],
    ["Deno.resolveDns NXDOMAIN (NotFound, 2.9)", () => new Deno.errors.NotFound!('proto error: no records found for Query { name: Name("x.test."), query_type: A, query_class: IN }'), "NameResolutionError", "ENOTFOUND"],
    ["Deno.resolveDns NXDOMAIN (NotFound, 2.0)", () => new Deno.errors.NotFound!('no record found for Query { name: Name("x.test."), query_type: A, query_class: IN }'), "NameResolutionError", "ENOTFOUND"],
    ["Deno.resolveDns timeout (TimedOut)", () => new Deno.errors.TimedOut!("proto error: request timed out"), "NameResolutionError", "ETIMEOUT"],
    ["node:http < 2.7: Http('connection error'), hyper's I/O error on an open connection (a reset before the answer)", () => new Deno.errors.Http!("connection error"), "ConnectionError", undefined],
    ["Windows OS text (not producible on Linux): os error 10054", () => new Error("An existing connection was forcibly closed by the remote host. (os error 10054)"), "ConnectionResetError", "ECONNRESET"],
  ];
  it.each(TEXTS)("%s", (_what, make, kind, code) => {
    const native = make();
    const mapped = toOSError(native);
    expect(kindOf(mapped)).toBe(kind);
    expect(mapped?.code).toBe(code);
    expect(mapped?.cause).toBe(native);
  });

  it("a resolver timeout may be retried, an NXDOMAIN may not", () => {
    expect(isTransient(normalize(new Deno.errors.TimedOut!("proto error: request timed out")))).toBe(true);
    const nx = normalize(new Deno.errors.NotFound!('no record found for Query { name: Name("x.test."), query_type: A, query_class: IN }'));
    expect(nx).toBeInstanceOf(NameResolutionError);
    expect(isTransient(nx)).toBe(false);
  });
});

describe("message patterns", () => {
  it("every pattern has no nested quantifier or back-reference (linear time)", () => {
    for (const p of DENO_MESSAGES) {
      expect(p.pattern.source).not.toMatch(/\([^)]*[*+][^)]*\)[*+{]/);
      expect(p.pattern.source).not.toMatch(/\\\d/);
    }
  });

  it("a 1 MB message that almost matches every pattern still returns (no crash, input kept)", () => {
    const huge = `${"failed to lookup address information".repeat(20_000)}${"(os error ".repeat(20_000)}`;
    const native = new Error(huge);
    const mapped = normalize(native);
    expect(mapped === native || (isOSError(mapped) && mapped.cause === native)).toBe(true);
  });
});

describe("bad input", () => {
  const hostile = new Proxy(new Deno.errors.ConnectionRefused!("x (os error 111)"), {
    get() {
      throw new Error("hostile getter");
    },
  });
  it.each([
    ["null", null],
    ["a string", "ConnectionRefused"],
    ["a proxy whose every read throws", hostile],
    ["an object named like a Deno class with a throwing message", Object.defineProperty({ name: "ConnectionReset" }, "message", { get: () => { throw new Error("x"); } })],
  ] as const)("normalize(%s) returns it or an OSError caused by it, and never throws", (_what, input) => {
    const mapped = adapter.normalize(input);
    expect(mapped === input || (isOSError(mapped) && mapped.cause === input)).toBe(true);
  });
});

describe("guarded API (live, on loopback)", () => {
  it("connect() to a closed port rejects with address, port and syscall", async () => {
    const probe = listen({ hostname: "127.0.0.1", port: 0 });
    const { port } = probe.addr as { port: number };
    probe.close();
    const error = (await connect({ hostname: "127.0.0.1", port }).catch((e: unknown) => e)) as OSError;
    expect(kindOf(error)).toBe("ConnectionRefusedError");
    expect([error.address, error.port, error.syscall]).toEqual(["127.0.0.1", port, "connect"]);
    expect(isTransient(error)).toBe(true);
  });

  it("listen() on a taken port throws AddressInUseError with syscall listen (not transient)", () => {
    const first = listen({ hostname: "127.0.0.1", port: 0 });
    const { port } = first.addr as { port: number };
    try {
      let error: OSError | undefined;
      try {
        listen({ hostname: "127.0.0.1", port }).close();
      } catch (e) {
        error = e as OSError;
      }
      expect(kindOf(error)).toBe("AddressInUseError");
      expect([error?.port, error?.syscall]).toEqual([port, "listen"]);
      expect(isTransient(error)).toBe(false);
    } finally {
      first.close();
    }
  });

  it("a guarded listener's for-await ends quietly when the listener is closed", async () => {
    const listener = guard(listen({ hostname: "127.0.0.1", port: 0 }));
    const loop = (async () => {
      let n = 0;
      for await (const conn of listener) {
        n++;
        conn.close();
      }
      return n;
    })();
    listener.close();
    expect(await loop).toBe(0);
  });

  it("guard() returns non-conns and frozen objects untouched, and maps a promise's rejection", async () => {
    const frozen = Object.freeze({ read: () => 1 });
    expect(guard(frozen as never)).toBe(frozen);
    const native = new Deno.errors.BrokenPipe!("Broken pipe (os error 32)");
    const error = await guard(Promise.reject(native)).catch((e: unknown) => e);
    expect(kindOf(error)).toBe("BrokenPipeError");
    expect((error as OSError).cause).toBe(native);
  });
});

it("core alone (no adapter installed) gives the same class and isTransient as the adapter for every shape in this file", () => {
  expect(checked.compared()).toBeGreaterThan(30);
});
