/**
 * @module
 * Bun's socket APIs with neterr errors: socket handlers whose `error`, `connectError` and `close`
 * receive mapped errors, and `connect`, `listen`, `serve` and `udpSocket` that throw or reject
 * with them, carrying where the failure happened when Bun's own error does not say.
 */

import type { Context } from "@neterr/core";
import { hostFields, normalize } from "./map.ts";

/** Where a socket goes or listens, as neterr's context: `address` for an IP, `hostname` for a name. */
function contextOf(options: unknown, syscall: string): Context {
  const read = (key: string): unknown => {
    try {
      return options !== null && typeof options === "object" ? (options as Record<string, unknown>)[key] : undefined;
    } catch {
      return undefined;
    }
  };
  const unix = read("unix");
  if (typeof unix === "string") return { syscall, path: unix };
  const host = read("hostname");
  const port = read("port");
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
 * object back if it was already given here). A `close` with no error stays without one.
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
  if ((handler as { [HANDLED]?: true })[HANDLED]) return handler;
  const wrapped: Record<string | symbol, unknown> = { ...(handler as Record<string, unknown>) };
  for (const name of ["error", "connectError", "close"] as const) {
    const original = (handler as Record<string, unknown>)[name];
    if (typeof original !== "function") continue;
    wrapped[name] = function mapped(this: unknown, ...args: unknown[]): unknown {
      // Bun passes (socket, error) to socket handlers, and (error) or (socket, error) to udp's.
      const at = args.length >= 2 ? 1 : 0;
      if (args[at] !== undefined && args[at] !== null) args[at] = normalize(args[at], context);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
  Object.defineProperty(wrapped, HANDLED, { value: true });
  return wrapped as H;
}

type ConnectOptions = Parameters<typeof Bun.connect>[0];
type ListenOptions = Parameters<typeof Bun.listen>[0];
type ServeOptions = Parameters<typeof Bun.serve>[0];
type UdpSocket = typeof Bun.udpSocket;

const withHandlers = <O>(options: O, context: Context): O => {
  const socket = (options as { socket?: unknown }).socket;
  return socket !== null && typeof socket === "object" ? { ...options, socket: handlers(socket, context) } : options;
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
export async function connect(options: ConnectOptions): Promise<Awaited<ReturnType<typeof Bun.connect>>> {
  const context = contextOf(options, "connect");
  try {
    return await Bun.connect(withHandlers(options, context));
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
export function listen(options: ListenOptions): ReturnType<typeof Bun.listen> {
  const context = contextOf(options, "listen");
  try {
    return Bun.listen(withHandlers(options, context));
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
export function serve(options: ServeOptions): ReturnType<typeof Bun.serve> {
  const context = contextOf(options, "listen");
  try {
    return Bun.serve(options);
  } catch (error) {
    throw normalize(error, context);
  }
}

/** `Bun.udpSocket`, whose `error` handler gets neterr errors and whose promise rejects with one. */
export const udpSocket: UdpSocket = (async (options: Parameters<UdpSocket>[0]) => {
  const context = contextOf(options, "bind");
  try {
    return await (Bun.udpSocket as (o: unknown) => Promise<unknown>)(withHandlers(options, context));
  } catch (error) {
    throw normalize(error, context);
  }
}) as UdpSocket;
