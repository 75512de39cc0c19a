/**
 * @module
 * `@neterr/core`: one error hierarchy for network and socket failures on every JavaScript
 * runtime, modelled on Python's PEP 3151. Core knows no runtime; `@neterr/node`,
 * `@neterr/deno` and `@neterr/bun` teach it what theirs throws.
 *
 * @example
 * ```ts
 * import { ConnectionError, isTransient, normalize } from "@neterr/core";
 *
 * try {
 *   throw Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", syscall: "read" });
 * } catch (thrown) {
 *   const error = normalize(thrown);
 *   console.log(error instanceof ConnectionError, isTransient(error)); // true true
 * }
 * ```
 */

export {
  type ErrnoRow,
  errnoOf,
  type ErrorKind,
  ERRNO_TABLE,
  type Lookup,
  lookupCode,
  lookupNumber,
  type Platform,
  RESOLVER_CODES,
} from "./errno.ts";
export {
  AddressInUseError,
  AddressNotAvailableError,
  ancestry,
  BlockingIOError,
  BrokenPipeError,
  ChildProcessError,
  classOf,
  ConnectionAbortedError,
  ConnectionError,
  ConnectionRefusedError,
  ConnectionResetError,
  FileExistsError,
  FileNotFoundError,
  type FromOptions,
  HostUnreachableError,
  InterruptedError,
  IsADirectoryError,
  isOSError,
  kindOf,
  NameResolutionError,
  NetworkDownError,
  NetworkUnreachableError,
  NotADirectoryError,
  NotConnectedError,
  OSError,
  type OSErrorInit,
  PermissionError,
  ProcessLookupError,
  TimeoutError,
} from "./errors.ts";
export {
  type Adapter,
  type AdapterSpec,
  type Context,
  createAdapter,
  type Match,
  type MessagePattern,
  type NativeFields,
} from "./mapper.ts";
export { NODE_API_CODES } from "./node-api.ts";
export { installAdapter, installedAdapter, normalize, toOSError } from "./registry.ts";
export { isTransient, TRANSIENT } from "./transient.ts";
