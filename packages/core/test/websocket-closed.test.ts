/**
 * `closed(socket)` (core's `closedWith`, which every adapter exports bound to itself): what a
 * WebSocket's end says, from its events in the order the runtimes fire them. A fake socket (an
 * EventTarget with `url` and `readyState`) plays the events; the live scenarios
 * `websocket-*-when-open-watched` play them for real in every runtime.
 */
import { describe, expect, it } from "vitest";
import { ConnectionError, ConnectionResetError, kindOf, type OSError } from "../src/index.ts";
import { closedWith, createAdapter, DENO_DIALECT, NODE_DIALECT, WEB_DIALECT } from "../src/adapter.ts";

const node = createAdapter({ runtime: "node", platform: "linux", dialects: [WEB_DIALECT, NODE_DIALECT] });
const deno = createAdapter({ runtime: "deno", platform: "linux", dialects: [WEB_DIALECT, NODE_DIALECT, DENO_DIALECT] });

/** A WebSocket that fires what the test says. */
class FakeSocket extends EventTarget {
  readyState = 0;
  constructor(readonly url = "ws://127.0.0.1:8080/chat") {
    super();
  }
  open(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event("open"));
  }
  fail(event: Event = new Event("error")): void {
    this.dispatchEvent(event);
  }
  close(code: number, reason = "", wasClean = false): Event {
    this.readyState = 3;
    const event = Object.assign(new Event("close"), { code, reason, wasClean });
    this.dispatchEvent(event);
    return event;
  }
}

const errorEvent = (message: string, error?: unknown): Event => Object.assign(new Event("error"), { message, error });

describe("closed(socket)", () => {
  it("resolves with the CloseEvent of a clean close", async () => {
    const socket = new FakeSocket();
    const done = closedWith(node, socket);
    socket.open();
    const event = socket.close(1000, "bye", true);
    await expect(done).resolves.toBe(event);
  });

  it("an unclean close after open with no error event (Node 22, Bun): ConnectionError at receive, sent, the CloseEvent its cause", async () => {
    const socket = new FakeSocket();
    const done = closedWith(node, socket);
    socket.open();
    const event = socket.close(1006);
    const error = (await done.catch((e: unknown) => e)) as OSError;
    expect([kindOf(error), error.phase, error.requestSent, error.address, error.port, error.runtime]).toEqual(["ConnectionError", "receive", true, "127.0.0.1", 8080, "node"]);
    expect(error.cause).toBe(event);
    expect(error.message).toBe("WebSocket connection to ws://127.0.0.1:8080/chat ended without a clean close (code 1006) after it opened");
  });

  it("an error event that says nothing (Node 26's empty ErrorEvent) after open: ConnectionError, the ErrorEvent its cause", async () => {
    const socket = new FakeSocket("wss://db.internal/x");
    const done = closedWith(node, socket);
    socket.open();
    const failure = errorEvent("", new TypeError(""));
    socket.fail(failure);
    socket.close(1006);
    const error = (await done.catch((e: unknown) => e)) as OSError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect([error.phase, error.requestSent, error.hostname, error.port]).toEqual(["receive", true, "db.internal", 443]);
    expect(error.cause).toBe(failure);
  });

  it("an error event neterr maps, after open, says where it failed (Deno's reset: only the errno's text)", async () => {
    const socket = new FakeSocket();
    const done = closedWith(deno, socket);
    socket.open();
    const failure = errorEvent("Connection reset by peer (os error 104)");
    socket.fail(failure);
    socket.close(0);
    const error = (await done.catch((e: unknown) => e)) as OSError;
    expect(error).toBeInstanceOf(ConnectionResetError);
    expect([error.code, error.phase, error.requestSent, error.port]).toEqual(["ECONNRESET", "receive", true, 8080]);
    expect(error.cause).toBe(failure);
  });

  it("the same error event before open keeps only what it says (no phase is claimed)", async () => {
    const socket = new FakeSocket();
    const done = closedWith(deno, socket);
    socket.fail(errorEvent("Connection reset by peer (os error 104)"));
    socket.close(0);
    const error = (await done.catch((e: unknown) => e)) as OSError;
    expect([kindOf(error), error.phase, error.requestSent]).toEqual(["ConnectionResetError", undefined, undefined]);
  });

  it("an unclean close before open claims nothing (a non-101 answer ends so too): it rejects with what the runtime gave", async () => {
    const socket = new FakeSocket();
    const done = closedWith(node, socket);
    const failure = errorEvent("Received network error or non-101 status code.");
    socket.fail(failure);
    socket.close(1006);
    await expect(done).rejects.toBe(failure);
    const silent = new FakeSocket();
    const ended = closedWith(node, silent);
    const event = silent.close(1006);
    await expect(ended).rejects.toBe(event);
  });

  it("a socket already open when watched counts as opened; one already closed is a clear TypeError; a non-socket too", async () => {
    const socket = new FakeSocket();
    socket.readyState = 1;
    const done = closedWith(node, socket);
    socket.close(1006);
    expect(((await done.catch((e: unknown) => e)) as OSError).phase).toBe("receive");
    const gone = new FakeSocket();
    gone.readyState = 3;
    await expect(closedWith(node, gone)).rejects.toThrow("closed(socket) was called after the WebSocket closed");
    await expect(closedWith(node, {} as never)).rejects.toThrow(TypeError);
  });
});
