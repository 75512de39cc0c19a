/**
 * @module
 * `@neterr/node`: what Node.js throws, mapped onto `@neterr/core`'s hierarchy.
 *
 * Node's `SystemError`s carry a POSIX `code`, which core already maps; this adapter adds what only
 * Node knows: undici's codes behind `fetch`, Node's stream and socket codes, and its platform's
 * errno numbers. It also guards emitters and promises so that errors arrive mapped.
 *
 * @example
 * ```ts
 * import { createConnection } from "node:net";
 * import { once } from "node:events";
 * import { ConnectionRefusedError } from "@neterr/core";
 * import { guard } from "@neterr/node";
 *
 * const socket = guard(createConnection({ host: "127.0.0.1", port: 0 })); // port 0: refused
 * const [error] = await once(socket, "error").catch((e) => [e]);
 * console.log(error instanceof ConnectionRefusedError, error.code); // true ECONNREFUSED
 * ```
 */

import {
  type Adapter,
  type AdapterSpec,
  type Context,
  createAdapter,
  type ErrorKind,
  type Match,
  type NativeFields,
  NODE_API_CODES,
  type OSError,
  type Platform,
} from "@neterr/core";

/**
 * Node's own codes that are network failures, and their class: undici's (behind `fetch`) and
 * Node's API codes ({@link NODE_API_CODES}). POSIX codes (`ECONNRESET`...) need no entry: core
 * maps them.
 */
export const NODE_CODES: Readonly<Record<string, ErrorKind>> = {
  // undici (fetch): the peer closed the socket before the response was complete ("other side
  // closed"); Python's http.client calls this RemoteDisconnected, a ConnectionResetError.
  UND_ERR_SOCKET: "ConnectionResetError",
  // undici (fetch): the peer closed the connection (FIN) before sending all the body it promised
  // in content-length; reading the body rejects with TypeError("terminated") and this cause.
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: "ConnectionResetError",
  UND_ERR_CONNECT_TIMEOUT: "TimeoutError",
  UND_ERR_HEADERS_TIMEOUT: "TimeoutError",
  UND_ERR_BODY_TIMEOUT: "TimeoutError",
  // Node's own API codes (ERR_STREAM_*, ERR_SOCKET_CONNECTION_TIMEOUT, UNKNOWN): core's table,
  // shared with the Deno and Bun adapters, whose node: compat layers throw them too.
  ...NODE_API_CODES,
};

const PLATFORMS: Readonly<Record<string, Platform>> = { linux: "linux", darwin: "darwin", win32: "win32" };

const readSocketInfo = (error: object, fields: NativeFields): Match | undefined => {
  if (fields.code !== "UND_ERR_SOCKET") return undefined;
  // undici's SocketError keeps the peer in `socket` ({ remoteAddress, remotePort, ... }).
  let socket: unknown;
  try {
    socket = (error as { socket?: unknown }).socket;
  } catch {
    socket = undefined;
  }
  const info = socket !== null && typeof socket === "object" ? (socket as Record<string, unknown>) : {};
  const address = typeof info.remoteAddress === "string" ? info.remoteAddress : undefined;
  const port = typeof info.remotePort === "number" && Number.isFinite(info.remotePort) ? info.remotePort : undefined;
  return { kind: "ConnectionResetError", address, port };
};

/** The adapter's tables, for those who compose their own (`createAdapter({ ...NODE_SPEC, ... })`). */
export const NODE_SPEC: AdapterSpec = {
  runtime: "node",
  platform: PLATFORMS[process.platform] ?? "linux",
  codes: NODE_CODES,
  match: readSocketInfo,
};

/** The Node adapter: `normalize` and `toOSError` bound to {@link NODE_SPEC}. */
export const adapter: Adapter = createAdapter(NODE_SPEC);

/**
 * Maps what Node threw: a neterr error if it is a network or OS failure (the native error is its
 * `cause`, its `code`, `errno`, `syscall`, `address` and `port` are kept); the same object if
 * it already is one; the input unchanged otherwise (a user's own `AbortError` included).
 * Never throws.
 *
 * @example
 * ```ts
 * import { normalize } from "@neterr/node";
 *
 * try {
 *   await fetch("http://127.0.0.1:0/"); // port 0: nothing can listen there
 * } catch (thrown) {
 *   const error = normalize(thrown) as Error;
 *   console.log(error.name, (error as Error).cause === thrown); // ConnectionRefusedError true
 * }
 * ```
 */
export const normalize: (error: unknown, context?: Context) => unknown = adapter.normalize;

/**
 * Like {@link normalize}, but `undefined` when `error` is not a network or OS failure.
 *
 * @example
 * ```ts
 * import { toOSError } from "@neterr/node";
 *
 * console.log(toOSError(new TypeError("not a network failure"))); // undefined
 * ```
 */
export const toOSError: (error: unknown, context?: Context) => OSError | undefined = adapter.toOSError;

/** The part of an `EventEmitter` that {@link guard} needs. */
export interface Emitter {
  emit(event: string | symbol, ...args: any[]): boolean;
}

const GUARDED: unique symbol = Symbol.for("@neterr/node/guarded") as never;
/** Events whose first argument is an error. */
const ERROR_EVENTS = new Set<string | symbol>(["error", "clientError", "tlsClientError"]);
/** Events whose first argument is another emitter that fails on its own (accepted sockets, responses). */
const CHILD_EVENTS = new Set<string | symbol>(["connection", "secureConnection", "response", "socket"]);

const isThenable = (value: unknown): value is PromiseLike<unknown> => {
  try {
    return value !== null && typeof value === "object" && typeof (value as { then?: unknown }).then === "function";
  } catch {
    return false; // a Proxy or getter that throws is not a promise
  }
};

/**
 * Guards a socket, server or request so that its errors arrive mapped: every `"error"` event
 * (and a server's `"clientError"`) carries the neterr error instead of the native one, and so do
 * the sockets a server accepts and the response a request receives. Given a promise, returns one
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
  if (isThenable(target)) {
    return Promise.resolve(target).catch((error: unknown) => {
      throw normalize(error);
    });
  }
  const emitter = target as Emitter & { [GUARDED]?: true };
  try {
    if (emitter === null || typeof emitter !== "object" || typeof emitter.emit !== "function" || emitter[GUARDED]) {
      return target;
    }
  } catch {
    return target; // unreadable: not an emitter we can guard
  }
  const emit = emitter.emit;
  try {
    Object.defineProperty(emitter, GUARDED, { value: true });
  } catch {
    return target; // frozen or hostile: leave it as it is
  }
  emitter.emit = function guardedEmit(this: unknown, event: string | symbol, ...args: unknown[]): boolean {
    if (ERROR_EVENTS.has(event) && args.length > 0) args[0] = normalize(args[0]);
    else if (CHILD_EVENTS.has(event) && args[0] !== null && typeof args[0] === "object") {
      try {
        guard(args[0] as Emitter);
      } catch {
        // never let guarding a child break the emit it rides on
      }
    }
    return emit.call(this, event, ...args);
  };
  return target;
}
