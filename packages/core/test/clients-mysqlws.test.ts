/**
 * Table tests of the mysql2 and ws vocabularies: `normalize()` of error objects shaped as the
 * live scenarios (conformance/src/scenarios/clients/mysql2.ts and ws.ts) showed them, with
 * mysql2 3.24.6 and ws 8.23.1, on Node 20/26, Deno 2.0/2.9 and Bun 1.1/1.4.
 */
import { describe, expect, it } from "vitest";
import { kindOf, normalize, type OSError } from "../src/index.ts";
import { createAdapter, MYSQL2_DIALECT, WS_DIALECT } from "../src/adapter.ts";

/** An Error with the given own fields, as the client builds it. */
const shaped = (message: string, fields: Record<string, unknown> = {}): Error => Object.assign(new Error(message), fields);

interface Case {
  readonly what: string;
  readonly error: () => Error;
  readonly kind: string;
  readonly code?: string;
  readonly syscall?: string;
  readonly phase?: string;
  readonly requestSent?: boolean;
  readonly timeout?: string;
}

// What the client threw -> the class, and where (undefined where the evidence is lost).
const MAPPED: readonly Case[] = [
  {
    // mysql2: createConnection() to a peer that closes before the greeting; a query whose server
    // is killed or whose connection is KILLed: the same error, so no phase.
    what: "mysql2 PROTOCOL_CONNECTION_LOST",
    error: () => shaped("Connection lost: The server closed the connection.", { fatal: true, code: "PROTOCOL_CONNECTION_LOST" }),
    kind: "ConnectionError",
    code: "PROTOCOL_CONNECTION_LOST",
  },
  {
    // mysql2: query({ sql, timeout }) ran out (its syscall "query" is not node:dns's queryA).
    what: "mysql2 PROTOCOL_SEQUENCE_TIMEOUT",
    error: () => shaped("Query inactivity timeout", { errorno: "PROTOCOL_SEQUENCE_TIMEOUT", code: "PROTOCOL_SEQUENCE_TIMEOUT", syscall: "query" }),
    kind: "TimeoutError",
    code: "PROTOCOL_SEQUENCE_TIMEOUT",
    syscall: "query",
    phase: "receive",
    requestSent: true,
    timeout: "deadline",
  },
  {
    // mysql2: connectTimeout ran out (TCP connect or greeting): a POSIX code and syscall of its own making.
    what: "mysql2 connect ETIMEDOUT (connectTimeout)",
    error: () => shaped("connect ETIMEDOUT", { errorno: "ETIMEDOUT", code: "ETIMEDOUT", syscall: "connect", fatal: true }),
    kind: "TimeoutError",
    code: "ETIMEDOUT",
    syscall: "connect",
    phase: "connect",
    requestSent: false,
    timeout: "connect",
  },
  {
    // mysql2: a query on a connection that died before.
    what: "mysql2 Can't add new command when connection is in closed state",
    error: () => shaped("Can't add new command when connection is in closed state", { fatal: true }),
    kind: "NotConnectedError",
    phase: "send",
    requestSent: false,
  },
  {
    // mysql2 hands on node:net's own error, with `fatal` added.
    what: "mysql2 read ECONNRESET (node:net's, fatal)",
    error: () => shaped("read ECONNRESET", { errno: -104, code: "ECONNRESET", syscall: "read", fatal: true }),
    kind: "ConnectionResetError",
    code: "ECONNRESET",
    syscall: "read",
    phase: "receive",
    requestSent: true,
  },
  {
    // ws: handshakeTimeout ran out, during the connect or the wait for the 101.
    what: "ws Opening handshake has timed out",
    error: () => shaped("Opening handshake has timed out"),
    kind: "TimeoutError",
    timeout: "connect",
  },
  {
    // ws on Deno 2.0: a reset during the handshake, which node:http makes a status 0.
    what: "ws Unexpected server response: 0 (Deno 2.0)",
    error: () => shaped("Unexpected server response: 0"),
    kind: "ConnectionError",
  },
];

describe.each(MAPPED)("$what", (c) => {
  it(`normalize() maps it to ${c.kind}, with the client's error as cause`, () => {
    const native = c.error();
    const error = normalize(native) as OSError;
    expect(kindOf(error)).toBe(c.kind);
    expect(error.cause).toBe(native);
    expect(error.message).toBe(native.message);
  });
  it("keeps the code and syscall, and says where only what the evidence says", () => {
    const error = normalize(c.error()) as OSError;
    expect(error.code).toBe(c.code);
    expect(error.syscall).toBe(c.syscall);
    expect(error.phase).toBe(c.phase);
    expect(error.requestSent).toBe(c.requestSent);
    expect((error as { timeout?: unknown }).timeout).toBe(c.timeout);
  });
});

describe("the client's own row decides, not a table of another vocabulary", () => {
  const mysql2 = createAdapter({ dialects: [MYSQL2_DIALECT] });
  const ws = createAdapter({ dialects: [WS_DIALECT] });
  it("mysql2's table alone maps its codes and its closed-state text", () => {
    expect(kindOf(mysql2.normalize(shaped("Connection lost: The server closed the connection.", { code: "PROTOCOL_CONNECTION_LOST" })))).toBe("ConnectionError");
    expect(kindOf(mysql2.normalize(shaped("Query inactivity timeout", { code: "PROTOCOL_SEQUENCE_TIMEOUT", syscall: "query" })))).toBe("TimeoutError");
    expect(kindOf(mysql2.normalize(shaped("Can't add new command when connection is in closed state")))).toBe("NotConnectedError");
  });
  it("ws's table alone maps its handshake timeout", () => {
    expect(kindOf(ws.normalize(shaped("Opening handshake has timed out")))).toBe("TimeoutError");
  });
});

// Not network failures: normalize() returns the input itself.
const UNCHANGED: readonly (readonly [string, () => Error])[] = [
  // A MySQL server's error packet: its errno is a MySQL error number, not a POSIX one.
  ["mysql2 ER_ACCESS_DENIED_ERROR (errno 1045)", () => shaped("Access denied for user 'x'@'localhost'", { code: "ER_ACCESS_DENIED_ERROR", errno: 1045, sqlState: "28000", fatal: true })],
  ["mysql2 ER_NO_SUCH_TABLE (errno 1146)", () => shaped("Table 'mysql.nope' doesn't exist", { code: "ER_NO_SUCH_TABLE", errno: 1146, sqlState: "42S02" })],
  // ws: an answer that is no upgrade, and a protocol error.
  ["ws Unexpected server response: 200", () => shaped("Unexpected server response: 200")],
  ["ws Unexpected server response: 404", () => shaped("Unexpected server response: 404")],
  ["ws Invalid Sec-WebSocket-Accept header", () => shaped("Invalid Sec-WebSocket-Accept header")],
  // node:http's parser, under ws, on an answer that is not HTTP.
  ["ws HPE_INVALID_CONSTANT", () => shaped("Parse Error: Expected HTTP/, RTSP/ or ICE/", { code: "HPE_INVALID_CONSTANT", bytesParsed: 0 })],
  // Patterns are anchored: a longer text is not the client's.
  ["a text that only contains ws's", () => shaped("retry: Opening handshake has timed out twice")],
];

describe.each(UNCHANGED)("%s", (_what, error) => {
  it("normalize() returns the input unchanged", () => {
    const native = error();
    expect(normalize(native)).toBe(native);
  });
});
