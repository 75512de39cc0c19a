/**
 * @module
 * The part of Bun's API the Bun-only scenarios use (the conformance package is typed for Node),
 * and their provoking helpers: the first error a `Bun.connect` handler receives, what a call
 * throws, a `Bun.listen` closed at the scope's end.
 */

import { type Scope, Silence } from "../peers.ts";

/** The part of Bun's API these scenarios use (the conformance package is typed for Node). */
export interface BunSocket {
  write(data: string | Uint8Array): number;
  end(): void;
}
export interface Handlers {
  data(socket: BunSocket, data: Uint8Array): void;
  open?(socket: BunSocket): void;
  error?(socket: BunSocket, error: unknown): void;
  connectError?(socket: BunSocket, error: unknown): void;
  close?(socket: BunSocket, error?: unknown): void;
  end?(socket: BunSocket): void;
}
export interface Stoppable {
  stop(closeActive?: boolean): void;
  readonly port: number;
}
export interface BunApi {
  connect(options: ({ hostname: string; port: number } | { unix: string }) & { socket: Handlers }): Promise<BunSocket>;
  listen(options: ({ hostname: string; port: number } | { unix: string }) & { socket: Handlers }): Stoppable;
  serve(options: { hostname: string; port: number; fetch(): Response; tls?: { cert: string; key: string } }): Stoppable;
  udpSocket(options: { socket: { data(): void; error?(error: unknown): void } }): Promise<{ send(data: string, port: number, address: string): boolean; close(): void }>;
}
export const Bun = (): BunApi => (globalThis as unknown as { Bun: BunApi }).Bun;

/** The first error one of `Bun.connect`'s handlers receives (`connectError`, `error`, or `close`'s), bounded. */
export function connectAndWait(
  scope: Scope,
  target: { hostname: string; port: number } | { unix: string },
  open?: (socket: BunSocket) => void,
  wrap: (socket: Handlers) => Handlers = (socket) => socket,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Silence("no handler received an error within 5 s")), 5000);
    const done = (error: unknown): void => {
      clearTimeout(timer);
      resolve(error);
    };
    Bun()
      .connect({
        ...target,
        socket: wrap({
          data() {},
          open: (socket) => {
            scope.defer(() => socket.end());
            open?.(socket);
          },
          connectError: (_socket, error) => done(error),
          error: (_socket, error) => done(error),
          close: (_socket, error) => {
            if (error !== undefined) done(error);
          },
        }),
      })
      .catch(() => {}); // the promise rejects with the error connectError received
  });
}

/** What `fn` throws, or a failure if it did not. */
export function thrown(what: string, fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error(`${what} succeeded: expected it to fail`);
}

export const listenerOn = (scope: Scope, where: { hostname: string; port: number } | { unix: string }): Stoppable => {
  const listener = Bun().listen({ ...where, socket: { data() {} } });
  scope.defer(() => listener.stop(true));
  return listener;
};

