/**
 * @module
 * Deno's sockets and listeners with neterr errors: guarded `Deno.Conn`s and listeners, their `read`, `write`, `closeWrite`, `handshake` and
 * `accept` reject with neterr errors that carry what Deno's own errors do not (the operation as
 * `syscall`, the peer's `address` and `port`, the socket's `path`, and `requestSent: false` when
 * the connection wrote nothing).
 */

import type { Context } from "@neterr/core";
import { hostFields, isThenable, mapRejection, read } from "@neterr/core/adapter";
import { normalize } from "./map.ts";

const GUARDED: unique symbol = Symbol.for("@neterr/deno/guarded") as never;

/** Deno's own "the listener was closed" errors, which end a `for await` over a listener quietly. */
const END_OF_LISTENER = new Set(["BadResource", "Interrupted"]);

type Addr = Deno.Addr | undefined;

const addrContext = (addr: Addr, syscall: string): Context => {
  if (addr && (addr.transport === "tcp" || addr.transport === "udp")) return { syscall, address: addr.hostname, port: addr.port };
  if (addr && (addr.transport === "unix" || addr.transport === "unixpacket")) return { syscall, path: addr.path ?? undefined };
  return { syscall };
};

const readAddr = (target: object, key: "remoteAddr" | "addr"): Addr => read(target, key) as Addr;

/** Replaces `target[method]` by an own property that maps what it throws or rejects with. */
function wrapMethod(target: object, method: string, context: () => Context, after?: (value: unknown) => unknown): void {
  const original = (target as Record<string, unknown>)[method];
  if (typeof original !== "function") return;
  const fail = (error: unknown): never => {
    throw normalize(error, context());
  };
  Object.defineProperty(target, method, {
    configurable: true,
    writable: true,
    value: function guarded(...args: unknown[]): unknown {
      let result: unknown;
      try {
        result = original.apply(target, args);
      } catch (error) {
        return fail(error);
      }
      if (!isThenable(result)) return result;
      return Promise.resolve(result).then(after, fail);
    },
  });
}

function guardConn(conn: Deno.Conn): void {
  // The bytes this connection's writes resolved with: none is evidence that nothing of a request
  // reached the peer (`requestSent: false`); some is left to the error itself to say.
  let written = 0;
  const context = (syscall: string) => (): Context => ({ ...addrContext(readAddr(conn, "remoteAddr"), syscall), ...(written === 0 && { requestSent: false }) });
  wrapMethod(conn, "read", context("read"));
  wrapMethod(conn, "write", context("write"), (n) => {
    if (typeof n === "number" && n > 0) written += n;
    return n;
  });
  wrapMethod(conn, "closeWrite", context("shutdown"));
  wrapMethod(conn, "handshake", context("handshake"));
}

function guardListener(listener: Deno.Listener): void {
  const accept = (listener as { accept?: unknown }).accept;
  if (typeof accept !== "function") return;
  const context = (): Context => addrContext(readAddr(listener, "addr"), "accept");
  wrapMethod(listener, "accept", context, (conn) => guard(conn as Deno.Conn));
  // Deno's own iterator calls `this.accept()` and ends quietly on BadResource: keep that, map the rest.
  Object.defineProperty(listener, Symbol.asyncIterator, {
    configurable: true,
    writable: true,
    value: async function* guardedConnections(): AsyncGenerator<Deno.Conn> {
      for (;;) {
        let conn: Deno.Conn;
        try {
          conn = (await accept.call(listener)) as Deno.Conn;
        } catch (error) {
          if (error instanceof Error && END_OF_LISTENER.has(error.name)) return;
          throw normalize(error, context());
        }
        yield guard(conn);
      }
    },
  });
}

/**
 * Guards a `Deno.Conn` (TCP, TLS, Unix) or a listener, in place: their `read`, `write`,
 * `closeWrite`, `handshake` and `accept` reject with neterr errors, and the connections a guarded
 * listener accepts are guarded too. Given a promise, returns one that rejects with the mapped
 * error. Returns what it was given; anything else is returned untouched. The `readable` and
 * `writable` streams are not guarded: map their errors with `normalize`.
 *
 * @example
 * ```ts
 * import { ConnectionError } from "@neterr/core";
 * import { guard } from "@neterr/deno";
 *
 * // A peer that hangs up on every connection.
 * const listener = guard(Deno.listen({ hostname: "127.0.0.1", port: 0 }));
 * const { port } = listener.addr as Deno.NetAddr;
 * listener.accept().then((peer) => peer.close());
 *
 * const conn = guard(await Deno.connect({ hostname: "127.0.0.1", port }));
 * try {
 *   // The first write draws the peer's RST; a later one fails (bounded: 50 writes).
 *   for (let i = 0; i < 50; i++) {
 *     await conn.write(new Uint8Array(1024));
 *     await new Promise((resolve) => setTimeout(resolve, 10));
 *   }
 * } catch (error) {
 *   const e = error as ConnectionError;
 *   console.log(e instanceof ConnectionError, e.syscall, e.port === port); // true write true
 * }
 * conn.close();
 * listener.close();
 * ```
 */
export function guard<T extends Deno.Conn | Deno.Listener>(target: T): T;
export function guard<T>(target: PromiseLike<T>): Promise<T>;
export function guard(target: unknown): unknown {
  if (isThenable(target)) return mapRejection(target, normalize);
  try {
    if (target === null || typeof target !== "object" || (target as { [GUARDED]?: true })[GUARDED]) return target;
    Object.defineProperty(target, GUARDED, { value: true });
    if (typeof (target as { accept?: unknown }).accept === "function") guardListener(target as Deno.Listener);
    else guardConn(target as Deno.Conn);
  } catch {
    // frozen, hostile or half-guarded: what could be guarded is; the target is returned as it is
  }
  return target;
}

/**
 * `Deno.connect`, guarded: a failure rejects with a neterr error that carries the `address` and
 * `port` (or `path`) asked for and `syscall: "connect"`, and the connection is guarded.
 *
 * @example
 * ```ts
 * import { ConnectionRefusedError } from "@neterr/core";
 * import { connect } from "@neterr/deno";
 *
 * try {
 *   await connect({ hostname: "127.0.0.1", port: 1 }); // nothing listens on port 1
 * } catch (error) {
 *   const e = error as ConnectionRefusedError;
 *   console.log(e instanceof ConnectionRefusedError, e.syscall, e.address, e.port); // true connect 127.0.0.1 1
 * }
 * ```
 */
export async function connect(options: Deno.ConnectOptions | Deno.UnixConnectOptions): Promise<Deno.Conn> {
  let conn: Deno.Conn;
  try {
    conn = await Deno.connect(options as Deno.ConnectOptions);
  } catch (error) {
    throw normalize(error, optionsContext(options, "connect"));
  }
  return guard(conn);
}

/**
 * `Deno.listen`, guarded: a failure throws a neterr error that carries the `address` and `port`
 * (or `path`) asked for and `syscall: "listen"`, and the listener is guarded.
 *
 * @example
 * ```ts
 * import { AddressInUseError } from "@neterr/core";
 * import { listen } from "@neterr/deno";
 *
 * const first = listen({ hostname: "127.0.0.1", port: 0 });
 * const { port } = first.addr as Deno.NetAddr;
 * try {
 *   listen({ hostname: "127.0.0.1", port });
 * } catch (error) {
 *   console.log(error instanceof AddressInUseError, (error as AddressInUseError).port === port); // true true
 * }
 * first.close();
 * ```
 */
export function listen(options: Deno.TcpListenOptions | Deno.UnixListenOptions): Deno.Listener {
  let listener: Deno.Listener;
  try {
    listener = Deno.listen(options as Deno.TcpListenOptions & { transport?: "tcp" });
  } catch (error) {
    throw normalize(error, optionsContext(options, "listen"));
  }
  return guard(listener);
}

/** Where a connect or listen goes, from its options, as neterr's context. */
function optionsContext(options: unknown, syscall: string): Context {
  const path = read(options, "path");
  if (typeof path === "string") return { syscall, path };
  const host = read(options, "hostname");
  const port = read(options, "port");
  // An IP literal is the address; a name is the hostname (Deno does not say what it resolved to).
  return { syscall, ...(typeof host === "string" ? hostFields(host) : {}), ...(typeof port === "number" && Number.isFinite(port) ? { port } : {}) };
}
