/**
 * Table tests of the SQL clients' rows (pg 8.23.1, postgres.js 3.4.9): error objects built here
 * as the live runs showed them (conformance/src/scenarios/clients/pg.ts and postgres.ts), mapped
 * by an adapter with the runtimes' dialects and the clients', as `@neterr/node` has them.
 */
import { describe, expect, it } from "vitest";
import { kindOf, type OSError } from "@neterr/core";
import { CLIENT_DIALECTS, createAdapter, NODE_DIALECT, PG_DIALECT, POSTGRES_JS_DIALECT, WEB_DIALECT } from "@neterr/core/adapter";

const adapter = createAdapter({ runtime: "node", platform: "linux", dialects: [WEB_DIALECT, NODE_DIALECT, ...CLIENT_DIALECTS] });

type Mapped = OSError & { timeout?: string };

/** What a row must give: the class, and where (undefined: the evidence cannot say). */
interface Want {
  readonly kind: string;
  readonly code?: string;
  readonly phase?: string;
  readonly requestSent?: boolean;
  readonly timeout?: string;
  readonly address?: string;
  readonly port?: number;
}

function check(native: Error, want: Want): void {
  const mapped = adapter.normalize(native) as Mapped;
  expect(kindOf(mapped)).toBe(want.kind);
  expect(mapped.cause).toBe(native);
  expect(mapped.message).toBe(native.message);
  expect(mapped.code).toBe(want.code);
  expect(mapped.phase).toBe(want.phase);
  expect(mapped.requestSent).toBe(want.requestSent);
  expect(mapped.timeout).toBe(want.timeout);
  if ("address" in want) expect(mapped.address).toBe(want.address);
  if ("port" in want) expect(mapped.port).toBe(want.port);
}

it("both dialects are wired into CLIENT_DIALECTS", () => {
  expect(CLIENT_DIALECTS).toContain(PG_DIALECT);
  expect(CLIENT_DIALECTS).toContain(POSTGRES_JS_DIALECT);
});

describe("pg 8.23.1: its own texts, on plain Errors", () => {
  const ROWS: readonly (readonly [string, string, Want])[] = [
    // FIN during the startup handshake, FIN mid-query, a killed backend, a killed server: one text.
    ["a close of the socket", "Connection terminated unexpectedly", { kind: "ConnectionError" }],
    ["a query on a broken client", "Client has encountered a connection error and is not queryable", { kind: "NotConnectedError", phase: "send", requestSent: false }],
    ["connectionTimeoutMillis", "timeout expired", { kind: "TimeoutError", timeout: "connect", phase: "connect", requestSent: false }],
    ["query_timeout (queued or sent)", "Query read timeout", { kind: "TimeoutError", timeout: "deadline" }],
  ];
  for (const [what, message, want] of ROWS) {
    it(`${what}: ${want.kind}`, () => check(new Error(message), want));
  }

  it("the texts are anchored: a longer text is left alone", () => {
    for (const message of ["Connection terminated unexpectedly, retrying", "the lock timeout expired", "Query read timeout exceeded"]) {
      const native = new Error(message);
      expect(adapter.normalize(native)).toBe(native);
    }
  });

  it("only on errors named Error: another class with the same text is left alone", () => {
    const native = Object.assign(new Error("timeout expired"), { name: "LockError" });
    expect(adapter.normalize(native)).toBe(native);
  });

  it("pg-pool's connect timeout wins over its cause (the client's `Connection terminated unexpectedly`)", () => {
    const native = new Error("Connection terminated due to connection timeout", { cause: new Error("Connection terminated unexpectedly") });
    check(native, { kind: "TimeoutError", timeout: "connect", phase: "connect", requestSent: false });
  });

  it("the user's own end() (`Connection terminated`), a closed client and pg-pool's wait on its queue are left alone", () => {
    for (const message of ["Connection terminated", "Client was closed and is not queryable", "timeout exceeded when trying to connect"]) {
      const native = new Error(message);
      expect(adapter.normalize(native)).toBe(native);
    }
  });

  it("the socket's own error, handed on by pg, keeps its fields", () => {
    const native = Object.assign(new Error("read ECONNRESET"), { errno: -104, code: "ECONNRESET", syscall: "read" });
    check(native, { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true });
  });
});

/** postgres.js's `Errors.connection(code, options, socket)` (src/errors.js). */
function postgresJs(code: string, address: unknown, port: unknown): Error {
  return Object.assign(new Error(`write ${code} ${String(address)}:${String(port)}`), { code, errno: code, address, port });
}

describe("postgres.js 3.4.9: its own codes, dressed as Node's system errors", () => {
  it("CONNECTION_CLOSED (its hosts and ports as arrays: no socket left) is a ConnectionError, and no array is taken for an address", () => {
    check(postgresJs("CONNECTION_CLOSED", ["127.0.0.1"], [5432]), { kind: "ConnectionError", code: "CONNECTION_CLOSED", address: undefined, port: undefined });
  });

  it("CONNECT_TIMEOUT (the socket's host and port) is the connect's timeout, and keeps them", () => {
    check(postgresJs("CONNECT_TIMEOUT", "127.0.0.1", 5432), {
      kind: "TimeoutError",
      code: "CONNECT_TIMEOUT",
      timeout: "connect",
      phase: "connect",
      requestSent: false,
      address: "127.0.0.1",
      port: 5432,
    });
  });

  it("the `write` of its message says nothing of a write: no syscall is taken from it", () => {
    const mapped = adapter.normalize(postgresJs("CONNECTION_CLOSED", ["127.0.0.1"], [5432])) as Mapped;
    expect(mapped.syscall).toBeUndefined();
  });

  it("CONNECTION_ENDED and CONNECTION_DESTROYED (the user's own end) are left alone", () => {
    for (const code of ["CONNECTION_ENDED", "CONNECTION_DESTROYED"]) {
      const native = postgresJs(code, "127.0.0.1", 5432);
      expect(adapter.normalize(native)).toBe(native);
    }
  });

  it("the user's cancel (the server's 57014, a PostgresError) is left alone", () => {
    class PostgresError extends Error {
      override name = "PostgresError";
    }
    const native = Object.assign(new PostgresError("canceling statement due to user request"), { code: "57014", severity: "ERROR" });
    expect(adapter.normalize(native)).toBe(native);
  });

  it("the socket's own error, handed on by postgres.js, keeps its fields", () => {
    const native = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { errno: -111, code: "ECONNREFUSED", syscall: "connect", address: "127.0.0.1", port: 5432 });
    check(native, { kind: "ConnectionRefusedError", code: "ECONNREFUSED", phase: "connect", requestSent: false, address: "127.0.0.1", port: 5432 });
  });
});
