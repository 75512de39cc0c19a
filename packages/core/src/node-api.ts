/**
 * @module
 * The codes of Node's API (`node:net`, `node:stream`) that are network failures. Node throws
 * them, and so do the `node:*` compat layers of Deno and Bun, which copy Node's errors: one
 * table, used by every adapter. POSIX codes (`ECONNRESET`...) need no entry: core maps them.
 */

import type { ErrorKind } from "./errno.ts";

/**
 * Node API codes -> neterr class.
 *
 * @example
 * ```ts
 * import { createAdapter, BrokenPipeError, NODE_API_CODES } from "@neterr/core";
 *
 * const adapter = createAdapter({ codes: NODE_API_CODES });
 * const native = Object.assign(new Error("write after end"), { code: "ERR_STREAM_WRITE_AFTER_END" });
 * console.log(adapter.normalize(native) instanceof BrokenPipeError); // true
 * ```
 */
export const NODE_API_CODES: Readonly<Record<string, ErrorKind>> = {
  // node:net with autoSelectFamily: no address answered within the attempt timeout.
  ERR_SOCKET_CONNECTION_TIMEOUT: "TimeoutError",
  // A write on a socket that was ended (end()) or destroyed: the POSIX analogue is a write after
  // shutdown(SHUT_WR), EPIPE. neterr chooses BrokenPipeError for both (see README).
  ERR_STREAM_WRITE_AFTER_END: "BrokenPipeError",
  ERR_STREAM_DESTROYED: "BrokenPipeError",
  // A write on a socket already closed: Bun 1.1's node:net says this where the peer had closed
  // (Linux said EPIPE). The same choice as for a destroyed stream.
  ERR_SOCKET_CLOSED: "BrokenPipeError",
  // libuv's UV_UNKNOWN: a socket operation failed and the runtime did not say how. An OSError,
  // no subclass: neterr cannot know more than the runtime kept.
  UNKNOWN: "OSError",
};
