/**
 * @module
 * What `JSON.stringify` writes for a neterr error ({@link jsonOf}, behind `OSError.prototype.toJSON`):
 * its message and every field that is set, and its native cause in short, safe on cyclic and
 * huge cause graphs. (`Error`'s own fields are not enumerable: without it, a log drops them.)
 */

import type { ErrorKind, OSError, Phase, TimeoutKind } from "./errors.ts";
import { isObject, read, str } from "./util.ts";

/** The native error a neterr error was mapped from, in short: never more than these three fields. */
export interface CauseJSON {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
}

/** What `JSON.stringify(error)` writes for a neterr error: every field that is set, and the cause in short. */
export interface OSErrorJSON {
  readonly name: ErrorKind;
  readonly message: string;
  readonly code?: string;
  readonly errno?: number;
  readonly strerror?: string;
  readonly syscall?: string;
  readonly address?: string;
  readonly port?: number;
  readonly path?: string;
  readonly hostname?: string;
  readonly runtime?: string;
  readonly phase?: Phase;
  readonly requestSent?: boolean;
  readonly timeout?: TimeoutKind;
  /** The native error: its name, message and code only (a cause graph may be cyclic, or huge). */
  readonly cause?: CauseJSON;
  /** For a failure made of several: each one, in the same form, without their own `errors`. */
  readonly errors?: readonly OSErrorJSON[];
}

const FIELDS = "code errno strerror syscall address port path hostname runtime phase requestSent timeout".split(" ");

function causeOf(cause: unknown): CauseJSON | undefined {
  if (!isObject(cause)) return cause === undefined ? undefined : { message: String(cause) };
  const out: Record<string, string> = {};
  for (const key of ["name", "message", "code"]) {
    const value = str(read(cause, key));
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The JSON form of `error` (one level of `errors`). Never throws. */
export function jsonOf(error: OSError, nested = false): OSErrorJSON {
  const out: Record<string, unknown> = { name: error.name, message: str(read(error, "message")) ?? "" };
  for (const key of FIELDS) {
    const value = read(error, key);
    if (value !== undefined) out[key] = value;
  }
  const cause = causeOf(read(error, "cause"));
  if (cause !== undefined) out.cause = cause;
  const errors = read(error, "errors");
  if (!nested && Array.isArray(errors)) {
    const inner: OSErrorJSON[] = [];
    // At most 64 inner errors are written (the mapper keeps no more).
    for (let i = 0; i < Math.min(errors.length, 64); i++) {
      const e: unknown = errors[i];
      if (isObject(e) && typeof read(e, "toJSON") === "function") inner.push(jsonOf(e as OSError, true));
    }
    out.errors = inner;
  }
  return out as unknown as OSErrorJSON;
}
