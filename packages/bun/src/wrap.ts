/**
 * @module
 * Bun's socket APIs with neterr errors: socket handlers whose `error`, `connectError` and `close`
 * receive mapped errors; `connect`, `listen`, `serve` and `udpSocket` that throw or reject with
 * them, carrying where the failure happened when Bun's own error does not say; and `guard` for
 * any promise.
 */

import type { Context } from "@neterr/core";
import { hostFields, isObject, mapRejection, read } from "@neterr/core/adapter";
import { normalize } from "./map.ts";

/** Where a socket goes or listens, from its options, as neterr's context. */
function optionsContext(options: unknown, syscall: string): Context {
  const unix = read(options, "unix");
  if (typeof unix === "string") return { syscall, path: unix };
  const host = read(options, "hostname");
  const port = read(options, "port");
  return {
    syscall,
    ...(typeof port === "number" && Number.isFinite(port) ? { port } : {}),
    ...(typeof host === "string" ? hostFields(host) : {}),
  };
}

const HANDLED: unique symbol = Symbol.for("@neterr/bun/handlers") as never;

/**
 * The handler object of `Bun.connect` / `Bun.listen` (`socket: {...}`) or `Bun.udpSocket`, with
 * its `error`, `connectError` and `close` handlers receiving neterr errors (the same handler
 * object back if it was already given here). A `close` with no error stays without one. A socket
 * that wrote nothing before it failed (its `bytesWritten` is 0) says so: `requestSent: false`.
 *
 * @example
 * ```ts
 * import { ConnectionRefusedError } from "@neterr/core";
 * import { handlers } from "@neterr/bun";
 *
 * const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
 * const port = listener.port;
 * listener.stop(true);
 * const refused = await new Promise<unknown>((resolve) => {
 *   Bun.connect({
 *     hostname: "127.0.0.1",
 *     port,
 *     socket: handlers({ data() {}, connectError: (_socket, error) => resolve(error) }),
 *   }).catch(() => {}); // the same failure, as a rejection
 * });
 * console.log(refused instanceof ConnectionRefusedError); // true
 * ```
 */
export function handlers<H extends object>(handler: H, context?: Context): H {
  if (!isObject(handler) || read(handler, HANDLED) === true) return handler;
  let wrapped: Record<string | symbol, unknown>;
  try {
    // Own handlers copied, inherited ones (a class instance's methods) kept through the prototype.
    wrapped = Object.assign(Object.create(Object.getPrototypeOf(handler) as object | null) as Record<string | symbol, unknown>, handler);
  } catch {
    return handler; // a Proxy that cannot be copied: left as it is
  }
  for (const name of ["error", "connectError", "close"] as const) {
    const original = read(handler, name);
    if (typeof original !== "function") continue;
    wrapped[name] = function mapped(this: unknown, ...args: unknown[]): unknown {
      // Bun passes (socket, error) to socket handlers, and (error) or (socket, error) to udp's.
      const at = args.length >= 2 ? 1 : 0;
      // A socket that wrote nothing (Bun counts `bytesWritten`) sent nothing of a request.
      const told = at === 1 && read(args[0], "bytesWritten") === 0 ? { ...context, requestSent: false } : context;
      if (args[at] !== undefined && args[at] !== null) args[at] = normalize(args[at], told);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
  Object.defineProperty(wrapped, HANDLED, { value: true });
  return wrapped as H;
}

type UdpSocket = typeof Bun.udpSocket;

const withHandlers = <O>(options: O, context: Context): O => {
  const socket = read(options, "socket");
  return isObject(socket) ? { ...options, socket: handlers(socket, context) } : options;
};

/**
 * `Bun.connect`, whose handlers get neterr errors and whose promise rejects with one (with the
 * `address`/`hostname`, `port` or `path` it was connecting to).
 *
 * @example
 * ```ts
 * import { ConnectionRefusedError, isTransient } from "@neterr/core";
 * import { connect } from "@neterr/bun";
 *
 * const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
 * const port = listener.port;
 * listener.stop(true);
 * try {
 *   await connect({ hostname: "127.0.0.1", port, socket: { data() {} } });
 * } catch (error) {
 *   console.log(error instanceof ConnectionRefusedError, isTransient(error), (error as { port?: number }).port === port); // true true true
 * }
 * ```
 */
export async function connect<Data = undefined>(options: Bun.TCPSocketConnectOptions<Data> | Bun.UnixSocketOptions<Data>): Promise<Bun.Socket<Data>> {
  const context = optionsContext(options, "connect");
  try {
    return await Bun.connect(withHandlers(options, context) as Bun.TCPSocketConnectOptions<Data>);
  } catch (error) {
    throw normalize(error, context);
  }
}

/**
 * `Bun.listen`, whose handlers get neterr errors, and which throws one (with the address, port
 * or path) when it cannot listen.
 *
 * @example
 * ```ts
 * import { AddressInUseError } from "@neterr/core";
 * import { listen } from "@neterr/bun";
 *
 * const first = listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
 * try {
 *   listen({ hostname: "127.0.0.1", port: first.port, socket: { data() {} } });
 * } catch (error) {
 *   console.log(error instanceof AddressInUseError); // true
 * } finally {
 *   first.stop(true);
 * }
 * ```
 */
export function listen<Data = undefined>(options: Bun.TCPSocketListenOptions<Data>): Bun.TCPSocketListener<Data>;
export function listen<Data = undefined>(options: Bun.UnixSocketOptions<Data>): Bun.UnixSocketListener<Data>;
export function listen<Data = undefined>(
  options: Bun.TCPSocketListenOptions<Data> | Bun.UnixSocketOptions<Data>,
): Bun.TCPSocketListener<Data> | Bun.UnixSocketListener<Data> {
  const context = optionsContext(options, "listen");
  try {
    return Bun.listen(withHandlers(options, context) as Bun.TCPSocketListenOptions<Data>);
  } catch (error) {
    throw normalize(error, context);
  }
}

/**
 * `Bun.serve`, which throws a neterr error (with the port) when it cannot listen.
 *
 * @example
 * ```ts
 * import { AddressInUseError } from "@neterr/core";
 * import { serve } from "@neterr/bun";
 *
 * const first = serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("hi") });
 * try {
 *   serve({ hostname: "127.0.0.1", port: first.port, fetch: () => new Response("hi") });
 * } catch (error) {
 *   console.log(error instanceof AddressInUseError, (error as { errno?: number }).errno); // true 98
 * } finally {
 *   first.stop(true);
 * }
 * ```
 */
export function serve<WebSocketData = undefined, R extends string = never>(options: Bun.Serve.Options<WebSocketData, R>): Bun.Server<WebSocketData> {
  const context = optionsContext(options, "listen");
  try {
    return Bun.serve(options);
  } catch (error) {
    throw normalize(error, context);
  }
}

/** `Bun.udpSocket`, whose `error` handler gets neterr errors and whose promise rejects with one. */
export const udpSocket: UdpSocket = (async (options: Parameters<UdpSocket>[0]) => {
  const context = optionsContext(options, "bind");
  try {
    return await (Bun.udpSocket as (o: unknown) => Promise<unknown>)(withHandlers(options, context));
  } catch (error) {
    throw normalize(error, context);
  }
}) as UdpSocket;

/**
 * The promise, rejecting with a neterr error where it rejects with a network failure (`fetch`,
 * `Bun.connect`, a client library's call). Anything else is passed through as it is.
 *
 * @example
 * ```ts
 * import { ConnectionRefusedError } from "@neterr/core";
 * import { guard } from "@neterr/bun";
 *
 * const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
 * const port = listener.port;
 * listener.stop(true); // nothing listens there now
 * const error = await guard(fetch(`http://127.0.0.1:${port}/`)).catch((e) => e);
 * console.log(error instanceof ConnectionRefusedError); // true
 * ```
 */
export function guard<T>(promise: PromiseLike<T>): Promise<T> {
  return mapRejection(promise, normalize);
}
