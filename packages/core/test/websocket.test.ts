/**
 * The global `WebSocket`'s `error` event, as each runtime gives it (shapes seen live by the
 * `websocket-*` scenarios: Node 26.10.0, Deno 2.0.6 and 2.9.6, Bun 1.1.45 and 1.4.5), through the
 * dialects each adapter speaks. Every expectation is written by hand from what the failure was:
 * a closed port, the kernel's connect timeout, a FIN or a RST in the opening handshake, an answer
 * that is not an upgrade (an HTTP 200, garbage bytes), a FIN or a RST once open.
 */
import { describe, expect, it } from "vitest";
import { kindOf, type OSError } from "../src/index.ts";
import { BUN_DIALECT, createAdapter, DENO_DIALECT, NODE_DIALECT, WEB_DIALECT } from "../src/adapter.ts";

const deno = createAdapter({ runtime: "deno", platform: "linux", dialects: [WEB_DIALECT, NODE_DIALECT, DENO_DIALECT] });
const bun = createAdapter({ runtime: "bun", platform: "linux", dialects: [WEB_DIALECT, NODE_DIALECT, BUN_DIALECT] });
const node = createAdapter({ runtime: "node", platform: "linux", dialects: [WEB_DIALECT, NODE_DIALECT] });

/** An `ErrorEvent` as the runtimes fire it (a plain `Event` with the same fields where there is no ErrorEvent class). */
function errorEvent(message: string, error?: unknown): Event {
  const Ctor = (globalThis as { ErrorEvent?: new (type: string, init: { message: string; error?: unknown }) => Event }).ErrorEvent;
  return Ctor ? new Ctor("error", { message, error }) : Object.assign(new Event("error"), { message, error });
}
/** Deno's handshake failures: the event says `NetworkError: <text>`, its `error` is a DOMException NetworkError. */
const denoHandshake = (text: string): Event => errorEvent(`NetworkError: ${text}`, new DOMException(text, "NetworkError"));
/** Bun 1.4's: the event and its `error` (a plain Error, with a code where Bun has one) say the same text. */
const bunFailure = (port: number, text: string, code?: string): Event => {
  const message = `WebSocket connection to 'ws://127.0.0.1:${port}/' failed: ${text}`;
  return errorEvent(message, Object.assign(new Error(message), code === undefined ? {} : { code }));
};

interface Want {
  readonly kind: string;
  readonly code?: string;
  readonly errno?: number;
  readonly phase?: string;
  readonly requestSent?: boolean;
}

/** Maps `event`, and checks the class, the fields, and that the event is the cause. */
function expectMapped(adapter: ReturnType<typeof createAdapter>, event: Event, want: Want): void {
  const mapped = adapter.normalize(event) as OSError;
  expect(kindOf(mapped)).toBe(want.kind);
  expect(mapped.cause).toBe(event);
  expect(mapped.code).toBe(want.code);
  if (want.errno !== undefined) expect(mapped.errno).toBe(want.errno);
  expect(mapped.phase).toBe(want.phase);
  expect(mapped.requestSent).toBe(want.requestSent);
}

/** `normalize` returns the event itself (and `toOSError` nothing): no network failure can be claimed. */
function expectUnchanged(adapter: ReturnType<typeof createAdapter>, event: Event): void {
  expect(adapter.normalize(event)).toBe(event);
  expect(adapter.toOSError(event)).toBeUndefined();
}

describe("Deno's WebSocket error events", () => {
  it.each<[string, Event, Want]>([
    [
      "2.0 closed port: the errno's text",
      denoHandshake("failed to connect to WebSocket: Connection refused (os error 111)"),
      { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, phase: "connect", requestSent: false },
    ],
    [
      "2.9 closed port: 'tcp connect error' (no errno: only the base class holds)",
      denoHandshake("failed to connect to WebSocket: tcp connect error"),
      { kind: "OSError", phase: "connect", requestSent: false },
    ],
    [
      "2.0 connect timed out (the kernel's): the errno's text, not that it was the connect",
      denoHandshake("failed to connect to WebSocket: Connection timed out (os error 110)"),
      { kind: "TimeoutError", code: "ETIMEDOUT", errno: 110 },
    ],
    [
      "FIN in the handshake (hyper: 'connection closed before message completed')",
      denoHandshake("failed to connect to WebSocket: connection closed before message completed"),
      { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true },
    ],
    [
      "2.9 RST in the handshake (hyper: 'connection error': not which, nor where)",
      denoHandshake("failed to connect to WebSocket: connection error"),
      { kind: "ConnectionError" },
    ],
    [
      "2.9 FIN once open: 'Unexpected EOF' on a plain Error",
      errorEvent("Unexpected EOF", new Error("Unexpected EOF")),
      { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true },
    ],
    [
      "2.0 FIN once open: 'Unexpected EOF' on the event alone",
      errorEvent("Unexpected EOF"),
      { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true },
    ],
    [
      "2.9 RST once open: the errno's text on a plain Error (not where)",
      errorEvent("Connection reset by peer (os error 104)", new Error("Connection reset by peer (os error 104)")),
      { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104 },
    ],
    [
      "2.0 RST once open: the errno's text on the event alone",
      errorEvent("Connection reset by peer (os error 104)"),
      { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104 },
    ],
  ])("%s", (_, event, want) => expectMapped(deno, event, want));

  it.each<[string, Event]>([
    ["an HTTP 200 answer", denoHandshake("failed to connect to WebSocket: Invalid status code: 200")],
    ["garbage bytes for an answer", denoHandshake("failed to connect to WebSocket: invalid HTTP version parsed")],
    [
      "2.0's RST in the handshake: a TypeError of Deno's own making",
      errorEvent("TypeError: Cannot set property code of  which has only a getter", new TypeError("Cannot set property code of  which has only a getter")),
    ],
  ])("%s is returned unchanged", (_, event) => expectUnchanged(deno, event));

  it("the WebSocket texts are whole-message and class-scoped", () => {
    // Not a NetworkError: a library's own error with the same words is no WebSocket's.
    expectUnchanged(deno, errorEvent("x", new Error("failed to connect to WebSocket: connection error")));
    expectUnchanged(deno, errorEvent("x", new Error("failed to connect to WebSocket: tcp connect error")));
    // More text than the runtime writes.
    expectUnchanged(deno, denoHandshake("failed to connect to WebSocket: connection error: something else"));
    expect(deno.normalize(new Error("Unexpected EOF in a JSON body"))).toBeInstanceOf(Error);
    expect(deno.toOSError(new Error("Unexpected EOF in a JSON body"))).toBeUndefined();
    expect(deno.toOSError(new SyntaxError("JSON Parse error: Unexpected EOF"))).toBeUndefined();
  });

  it("Deno's texts are not read on Node", () => {
    expectUnchanged(node, errorEvent("Unexpected EOF", new Error("Unexpected EOF")));
    expectUnchanged(node, denoHandshake("failed to connect to WebSocket: connection error"));
  });
});

describe("Bun's WebSocket error events", () => {
  it.each<[string, Event, Want]>([
    [
      "1.4 closed port: code ECONNREFUSED on the event's error",
      bunFailure(9, "Failed to connect", "ECONNREFUSED"),
      { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, phase: "connect", requestSent: false },
    ],
    [
      "1.1 closed port: the text alone, error null (a timed-out connect and a failed lookup say the same: OSError, nothing sent)",
      errorEvent("WebSocket connection to 'ws://127.0.0.1:9/' failed: Failed to connect", null),
      { kind: "OSError", phase: undefined, requestSent: false },
    ],
    [
      "1.4 connect timed out (the kernel's): 'Failed to connect', code ETIMEDOUT, no syscall (not where)",
      bunFailure(9, "Failed to connect", "ETIMEDOUT"),
      { kind: "TimeoutError", code: "ETIMEDOUT", errno: 110 },
    ],
    [
      "1.4 FIN in the handshake: 'Connection ended', code ECONNRESET (the text says: waiting for the 101, the request written)",
      bunFailure(9, "Connection ended", "ECONNRESET"),
      { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, phase: "receive", requestSent: true },
    ],
    [
      "1.4 RST in the handshake: 'Connection ended: read ECONNRESET', code ECONNRESET, no syscall (the text says where)",
      bunFailure(9, "Connection ended: read ECONNRESET", "ECONNRESET"),
      { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, phase: "receive", requestSent: true },
    ],
  ])("%s", (_, event, want) => expectMapped(bun, event, want));

  it.each<[string, Event]>([
    ["1.4 HTTP 200 answer (no code)", bunFailure(9, "Expected 101 status code: 200")],
    ["1.4 garbage answer (llhttp's HPE_INVALID_CONSTANT)", bunFailure(9, "Invalid response", "HPE_INVALID_CONSTANT")],
  ])("%s is returned unchanged", (_, event) => expectUnchanged(bun, event));

  it("1.2 and 1.3's 'Connection ended' with no code stays unchanged: the place is read of a mapped error only", () => {
    expectUnchanged(bun, bunFailure(9, "Connection ended"));
  });

  it("Bun's texts are not read on Node: the code alone, no place", () => {
    expectMapped(node, bunFailure(9, "Connection ended", "ECONNRESET"), { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104 });
  });
});

describe("Node's (undici's) WebSocket error events", () => {
  it("Node 26: an empty ErrorEvent, whatever failed (a refusal, a reset, a 200, a lost connection), is returned unchanged", () => {
    expectUnchanged(node, errorEvent("", new TypeError("")));
  });
  it("Node 20 (--experimental-websocket) to 24: 'Received network error or non-101 status code.' claims no network failure", () => {
    const text = "Received network error or non-101 status code.";
    expectUnchanged(node, errorEvent(text, new Error(text)));
  });
});

describe("normalize(event) never throws", () => {
  it("an event whose fields throw is returned itself", () => {
    const event = new Event("error");
    for (const field of ["error", "message"]) {
      Object.defineProperty(event, field, {
        get() {
          throw new Error("no");
        },
      });
    }
    for (const adapter of [node, deno, bun]) {
      expect(() => adapter.normalize(event)).not.toThrow();
      expect(adapter.normalize(event)).toBe(event);
    }
  });
  it("a bare Event (a browser's, or a runtime's with nothing to say) is returned itself", () => {
    const event = new Event("error");
    for (const adapter of [node, deno, bun]) expect(adapter.normalize(event)).toBe(event);
  });
});
