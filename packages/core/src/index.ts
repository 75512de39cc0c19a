/**
 * @module
 * `@neterr/core`: one error hierarchy for network and socket failures on every JavaScript
 * runtime, modelled on Python's PEP 3151. Core imports no runtime, yet it knows what Node, Deno
 * and Bun throw: library code that imports only core maps their errors the same way the
 * runtime's adapter does. Adapter authors find the spec and tables in `@neterr/core/adapter`.
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

export { fromErrno, type FromOptions } from "./classes.ts";
export {
  AddressInUseError,
  AddressNotAvailableError,
  BlockingIOError,
  BrokenPipeError,
  ChildProcessError,
  ConnectionAbortedError,
  ConnectionError,
  type ConnectionKind,
  ConnectionRefusedError,
  ConnectionResetError,
  type ErrorKind,
  FileExistsError,
  FileNotFoundError,
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
  type Phase,
  PermissionError,
  ProcessLookupError,
  TimeoutError,
  type TimeoutKind,
} from "./errors.ts";
export type { CauseJSON, OSErrorJSON } from "./json.ts";
export { isNetworkError } from "./network.ts";
export { normalize, toOSError } from "./registry.ts";
export type { Context } from "./spec.ts";
export { type Attributes, otelAttributes } from "./telemetry.ts";
export { isIdempotent, isTransient, type TransientOptions } from "./transient.ts";
