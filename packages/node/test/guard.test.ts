/**
 * `guard()` live, on loopback (127.0.0.1 only): real sockets, servers, HTTP requests and fetch
 * fail for real and their errors must arrive mapped. Every wait is bounded by `within()`.
 *
 * Checked on Node 20 and Node 26: when the server destroys the socket in the middle of a body
 * announced by content-length, the client's IncomingMessage emits "aborted" (no argument), then
 * "error" with `Error: aborted` / code ECONNRESET (only because an "error" listener is attached),
 * then "close".
 */
import { EventEmitter, once } from "node:events";
import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AddressInUseError, ConnectionRefusedError, ConnectionResetError, isOSError, type OSError } from "@neterr/core";
import { ERRNO_TABLE } from "@neterr/core/adapter";
import { guard } from "@neterr/node";

const HOST = "127.0.0.1";

/** This host's positive errno for a POSIX name (the live tests run on Linux, macOS or Windows). */
const hostErrno = (code: string): number | undefined => {
  const row = ERRNO_TABLE.find((r) => r.code === code);
  return process.platform === "win32" ? row?.wsa : process.platform === "darwin" ? row?.darwin : row?.linux;
};
const WAIT_MS = 5_000;

/** Rejects if `promise` takes longer than `ms`: no live test may hang. */
function within<T>(promise: Promise<T>, label: string, ms: number = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${label}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Things to close after each test. */
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanups.splice(0).reverse()) {
    try {
      f();
    } catch {
      // already closed
    }
  }
});

function track<T extends net.Server | net.Socket | http.ClientRequest>(x: T): T {
  cleanups.push(() => {
    if (x instanceof net.Server) {
      (x as http.Server).closeAllConnections?.();
      x.close();
    } else x.destroy();
  });
  return x;
}

async function listen<T extends net.Server>(server: T): Promise<number> {
  track(server);
  server.listen(0, HOST);
  await within(once(server, "listening"), "listening");
  return (server.address() as net.AddressInfo).port;
}

/** A loopback port nothing listens on (it was just bound and released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  server.close();
  await within(once(server, "close"), "close");
  return port;
}

function expectRefused(error: unknown, port: number): void {
  expect(error).toBeInstanceOf(ConnectionRefusedError);
  const e = error as OSError;
  expect(isOSError(e.cause)).toBe(false);
  expect((e.cause as NodeJS.ErrnoException).code).toBe("ECONNREFUSED");
  expect(e.code).toBe("ECONNREFUSED");
  expect(e.syscall).toBe("connect");
  expect(e.address).toBe(HOST);
  expect(e.port).toBe(port);
  expect(e.runtime).toBe("node");
  expect(e.message).toBe((e.cause as Error).message);
}

describe("guard(socket)", () => {
  it("guard(net.connect()) to a closed port emits a ConnectionRefusedError whose cause is the native error", async () => {
    const port = await closedPort();
    const socket = track(guard(net.connect(port, HOST)));
    const [error] = (await within(once(socket, "error"), "error")) as [unknown];
    expectRefused(error, port);
    expect((error as OSError).errno).toBe(hostErrno("ECONNREFUSED"));
  });

  it('events.once(guard(net.connect()), "connect") rejects with the mapped ConnectionRefusedError', async () => {
    const port = await closedPort();
    const socket = track(guard(net.connect(port, HOST)));
    const error = await within(
      once(socket, "connect").then(
        () => undefined,
        (e: unknown) => e,
      ),
      "connect to fail",
    );
    expectRefused(error, port);
  });

  it("guard() returns the socket itself, so it wraps the constructor call", async () => {
    const port = await closedPort();
    const socket = net.connect(port, HOST);
    track(socket);
    expect(guard(socket)).toBe(socket);
    await within(once(socket, "error").catch(() => undefined), "error");
  });
});

describe("guard(server)", () => {
  it("guard(net.Server) maps a listen EADDRINUSE to AddressInUseError", async () => {
    const port = await listen(net.createServer());
    const second = track(guard(net.createServer()));
    second.listen(port, HOST);
    const [error] = (await within(once(second, "error"), "error")) as [OSError];
    expect(error).toBeInstanceOf(AddressInUseError);
    expect((error.cause as NodeJS.ErrnoException).code).toBe("EADDRINUSE");
    expect(error.syscall).toBe("listen");
    expect(error.port).toBe(port);
    expect(error.address).toBe(HOST);
    expect(error.runtime).toBe("node");
  });

  it("guard(net.Server) guards the sockets it accepts: a peer reset arrives as ConnectionResetError", async () => {
    const server = guard(net.createServer());
    const accepted = new Promise<unknown>((resolve, reject) => {
      server.on("connection", (socket) => {
        track(socket);
        socket.on("error", resolve);
        socket.on("close", () => reject(new Error("accepted socket closed without an error")));
      });
    });
    const port = await listen(server);
    const client = track(net.connect(port, HOST));
    await within(once(client, "connect"), "connect");
    client.resetAndDestroy(); // SO_LINGER 0: the kernel sends RST
    const error = (await within(accepted, "the accepted socket's error")) as OSError;
    expect(error).toBeInstanceOf(ConnectionResetError);
    expect((error.cause as NodeJS.ErrnoException).code).toBe("ECONNRESET");
    expect(isOSError(error.cause)).toBe(false);
    expect(error.code).toBe("ECONNRESET");
    expect(error.syscall).toBe("read");
    expect(error.errno).toBe(hostErrno("ECONNRESET"));
  });

  it("guard(http.Server) maps a listen EADDRINUSE to AddressInUseError", async () => {
    const port = await listen(http.createServer());
    const second = track(guard(http.createServer()));
    second.listen(port, HOST);
    const [error] = (await within(once(second, "error"), "error")) as [OSError];
    expect(error).toBeInstanceOf(AddressInUseError);
  });
});

describe("guard(http request)", () => {
  it("guard(http.get()) to a closed port emits a ConnectionRefusedError on the request", async () => {
    const port = await closedPort();
    const req = track(guard(http.get({ host: HOST, port })));
    const [error] = (await within(once(req, "error"), "request error")) as [unknown];
    expectRefused(error, port);
  });

  it('guard(http.get()) guards the response: a body cut short emits "aborted", then ConnectionResetError("aborted")', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("0123456789");
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const port = await listen(server);
    const events: string[] = [];
    const error = await within(
      new Promise<unknown>((resolve, reject) => {
        const req = track(guard(http.get({ host: HOST, port })));
        req.on("error", reject);
        req.on("response", (res: http.IncomingMessage) => {
          res.on("data", () => {});
          res.on("aborted", (...args: unknown[]) => events.push(`aborted(${args.length})`));
          res.on("error", (e) => {
            events.push("error");
            resolve(e);
          });
          res.on("end", () => reject(new Error("the response ended normally")));
        });
      }),
      "the response's error",
    );
    expect(events).toEqual(["aborted(0)", "error"]);
    expect(error).toBeInstanceOf(ConnectionResetError);
    const e = error as OSError;
    expect(e.message).toBe("aborted");
    expect(e.code).toBe("ECONNRESET");
    expect(e.errno).toBe(hostErrno("ECONNRESET"));
    expect((e.cause as NodeJS.ErrnoException).code).toBe("ECONNRESET");
    expect((e.cause as Error).message).toBe("aborted");
    expect(e.runtime).toBe("node");
  });
});

describe("guard(promise)", () => {
  it("guard(fetch()) to a closed port rejects with ConnectionRefusedError whose cause is fetch's TypeError", async () => {
    const port = await closedPort();
    const thrown = await within(
      guard(fetch(`http://${HOST}:${port}/`)).then(
        () => undefined,
        (e: unknown) => e,
      ),
      "fetch to fail",
    );
    expect(thrown).toBeInstanceOf(ConnectionRefusedError);
    const e = thrown as OSError;
    expect(e.cause).toBeInstanceOf(TypeError);
    expect((e.cause as Error).message).toBe("fetch failed");
    expect(((e.cause as Error).cause as NodeJS.ErrnoException).code).toBe("ECONNREFUSED");
    expect(e.port).toBe(port);
    expect(e.address).toBe(HOST);
    expect(e.runtime).toBe("node");
  });

  it("guard(fetch()) resolves with the same Response on success", async () => {
    const port = await listen(http.createServer((_req, res) => res.end("ok")));
    const pending = fetch(`http://${HOST}:${port}/`);
    const direct = await within(pending, "fetch");
    const guarded = await within(guard(pending), "guarded fetch");
    expect(guarded).toBe(direct);
    expect(await within(guarded.text(), "body")).toBe("ok");
  });

  it("guard(promise) leaves a rejection that is not a network failure unchanged", async () => {
    const reason = new TypeError("not a network failure");
    await expect(within(guard(Promise.reject(reason)), "rejection")).rejects.toBe(reason);
  });

  it("guard(promise) resolves with the very same value", async () => {
    const value = { x: 1 };
    await expect(within(guard(Promise.resolve(value)), "resolution")).resolves.toBe(value);
  });
});

describe("guard() of other values", () => {
  it.each([
    ["a plain object", {}],
    ["an object whose emit is not a function", { emit: 1 }],
    ["null", null],
    ["undefined", undefined],
    ["a number", 42],
    ["a string", "error"],
  ])("guard(%s) returns it unchanged", (_label, value) => {
    const copy = value !== null && typeof value === "object" ? { ...value } : value;
    expect(guard(value as never)).toBe(value);
    if (copy !== null && typeof copy === "object") expect(value).toEqual(copy);
  });

  it("guard(guard(emitter)) does not double-wrap: the original emit runs once per event", () => {
    const emitter = new EventEmitter();
    const calls: unknown[][] = [];
    const original = emitter.emit;
    emitter.emit = function (this: EventEmitter, ...args: Parameters<EventEmitter["emit"]>) {
      calls.push(args);
      return original.apply(this, args);
    };
    const once1 = guard(emitter);
    const emitAfterFirst = emitter.emit;
    expect(guard(once1)).toBe(emitter);
    expect(emitter.emit).toBe(emitAfterFirst);

    const received: unknown[] = [];
    emitter.on("error", (e) => received.push(e));
    const native = Object.assign(new Error("read ECONNRESET"), { errno: -104, code: "ECONNRESET", syscall: "read" });
    emitter.emit("error", native);
    expect(calls).toHaveLength(1);
    expect(received).toHaveLength(1);
    expect(received[0]).toBeInstanceOf(ConnectionResetError);
    expect((received[0] as OSError).cause).toBe(native);
  });

  it("a guarded emitter passes other events and their arguments through untouched", () => {
    const emitter = guard(new EventEmitter());
    const native = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    const seen: unknown[] = [];
    emitter.on("data", (x) => seen.push(x));
    emitter.emit("data", native);
    expect(seen[0]).toBe(native);
  });

  it("a guarded emitter leaves an error that is not a network failure unchanged", () => {
    const emitter = guard(new EventEmitter());
    const native = new TypeError("bug");
    const seen: unknown[] = [];
    emitter.on("error", (e) => seen.push(e));
    emitter.emit("error", native);
    expect(seen[0]).toBe(native);
  });
});
