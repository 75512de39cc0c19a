/**
 * @module
 * The stack of a mapped error, in one place: the mapper builds errors without capturing a stack
 * ({@link create}), and `OSError.prototype`'s lazy `stack` getter derives one on first read: the
 * neterr head line, then the native error's frames. No frame of neterr's own is ever shown.
 */

import { OSError, type OSErrorInit, TimeoutError } from "./errors.ts";

Object.defineProperty(OSError.prototype, "stack", {
  configurable: true,
  enumerable: false,
  get(this: OSError): string {
    const stack = deriveStack(this);
    // Kept as the instance's own `stack`, as Error keeps its own: not enumerable, so logs and
    // inspect show it once; writable, as an Error's stack is.
    try {
      Object.defineProperty(this, "stack", { value: stack, writable: true, configurable: true, enumerable: false });
    } catch {
      // a frozen error: derived again on the next read
    }
    return stack;
  },
  set(this: OSError, value: unknown): void {
    Object.defineProperty(this, "stack", { value, writable: true, configurable: true, enumerable: false });
  },
});

function deriveStack(error: OSError): string {
  const head = `${error.name}: ${error.message}`;
  try {
    const cause = error.cause as { stack?: unknown; name?: unknown; message?: unknown } | null;
    if (cause === null || typeof cause !== "object" || !Object.prototype.hasOwnProperty.call(cause, "stack")) return head;
    const native = cause.stack;
    if (typeof native !== "string") return head;
    const nativeHead = `${typeof cause.name === "string" ? cause.name : "Error"}: ${typeof cause.message === "string" ? cause.message : ""}`;
    // V8 (Node, Deno) starts the stack with "Name: message"; JavaScriptCore (Bun) gives frames only.
    return head + (native.startsWith(nativeHead) ? native.slice(nativeHead.length) : `\n${native}`);
  } catch {
    return head; // a cause whose getters throw
  }
}

/**
 * Builds the error without capturing a stack: the frames that matter are where the native error
 * was made. The instance's own `stack` is removed, so the prototype's lazy getter derives it from
 * the native error on first read. Where `Error.stackTraceLimit` cannot be written (a frozen
 * `Error`, `node --frozen-intrinsics`), the error is built all the same, with a captured stack.
 */
export function create(Class: typeof OSError, message: string, init: OSErrorInit): OSError {
  const Ctor = Error as { stackTraceLimit?: unknown };
  let limit: unknown;
  let lowered = false;
  try {
    limit = Ctor.stackTraceLimit;
    if (typeof limit === "number") {
      Ctor.stackTraceLimit = 0;
      lowered = true;
    }
  } catch {
    // frozen or read-only: build with the stack the engine captures
  }
  let error: OSError;
  try {
    // The same instance as `new Class(message, init)` (its prototype, its name from `new.target`),
    // built by the one constructor that does the work: OSError's, or TimeoutError's own. The
    // classes between them have no constructor of their own (a test checks), and V8 under Deno
    // walks every frame on the stack when an error is made, theirs included: Deno 2.9.6 builds a
    // refused connect's error in 44% fewer instructions so (callgrind).
    error = Reflect.construct(Class === TimeoutError ? TimeoutError : OSError, [message, init], Class) as OSError;
  } finally {
    if (lowered) {
      try {
        Ctor.stackTraceLimit = limit;
      } catch {
        // cannot happen where lowering worked; never let restoring hide the error
      }
    }
  }
  try {
    // The engine's own stack goes, so that the prototype's getter derives one. Unconditionally:
    // asking V8 whether the error has an own stack costs more than deleting it.
    delete (error as { stack?: string }).stack;
  } catch {
    // an engine whose stack is not configurable keeps its own (empty) stack
  }
  return error;
}
