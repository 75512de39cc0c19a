/**
 * @module
 * Node's sockets, servers, requests and promises with neterr errors: {@link guard}.
 */

import { isThenable, mapRejection } from "@neterr/core/adapter";
import { normalize } from "./map.ts";

/** The part of an `EventEmitter` that {@link guard} needs. */
export interface Emitter {
  emit(event: string | symbol, ...args: any[]): boolean;
}

const GUARDED: unique symbol = Symbol.for("@neterr/node/guarded") as never;
/** Events whose first argument is an error. */
const ERROR_EVENTS = new Set<string | symbol>(["error", "clientError", "tlsClientError"]);
/** Events whose first argument is another emitter that fails on its own (accepted sockets, responses). */
const CHILD_EVENTS = new Set<string | symbol>(["connection", "secureConnection", "response", "socket"]);

/**
 * Did this socket write nothing at all? A `net.Socket`'s `bytesWritten` counts what was written
 * and what waits in its buffer: 0 is evidence that nothing of a request reached the peer. (More
 * than 0 is not evidence that anything did: a write made before a refused connect is counted.)
 */
function sentNothing(emitter: unknown): boolean {
  try {
    return (emitter as { bytesWritten?: unknown }).bytesWritten === 0;
  } catch {
    return false; // a getter that throws tells nothing
  }
}

/**
 * Guards a socket, server or request so that its errors arrive mapped: every `"error"` event
 * (and a server's `"clientError"`) carries the neterr error instead of the native one, and so do
 * the sockets a server accepts and the response a request receives. A socket that wrote nothing
 * before it failed says so: its error has `requestSent: false`. Given a promise, returns one
 * that rejects with the mapped error. Returns the emitter itself, so it wraps a constructor call.
 *
 * @example
 * ```ts
 * import { createServer } from "node:net";
 * import { once } from "node:events";
 * import { AddressInUseError } from "@neterr/core";
 * import { guard } from "@neterr/node";
 *
 * const first = createServer().listen(0, "127.0.0.1");
 * await once(first, "listening");
 * const { port } = first.address() as { port: number };
 * const second = guard(createServer()).listen(port, "127.0.0.1");
 * const [error] = await once(second, "error").catch((e) => [e]);
 * console.log(error instanceof AddressInUseError); // true
 * first.close();
 * ```
 */
export function guard<T extends Emitter>(target: T): T;
export function guard<T>(target: PromiseLike<T>): Promise<T>;
export function guard(target: unknown): unknown {
  if (isThenable(target)) return mapRejection(target, normalize);
  const emitter = target as Emitter & { [GUARDED]?: true };
  let emit: Emitter["emit"];
  try {
    if (emitter === null || typeof emitter !== "object" || emitter[GUARDED]) return target;
    emit = emitter.emit; // read once: a getter may answer differently (or throw) the second time
    if (typeof emit !== "function") return target;
  } catch {
    return target; // unreadable: not an emitter we can guard
  }
  const guardedEmit = function guardedEmit(this: unknown, event: string | symbol, ...args: unknown[]): boolean {
    if (ERROR_EVENTS.has(event) && args.length > 0) args[0] = normalize(args[0], sentNothing(this) ? { requestSent: false } : undefined);
    else if (CHILD_EVENTS.has(event) && args[0] !== null && typeof args[0] === "object") {
      try {
        guard(args[0] as Emitter);
      } catch {
        // never let guarding a child break the emit it rides on
      }
    }
    return emit.call(this, event, ...args);
  };
  try {
    // An own data property, so an `emit` that is a getter (with or without a setter) is replaced too.
    Object.defineProperty(emitter, "emit", { value: guardedEmit, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(emitter, GUARDED, { value: true });
  } catch {
    // frozen or hostile: left as it is (a half-done guard only replaced emit, which is harmless)
  }
  return target;
}
