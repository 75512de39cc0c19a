/**
 * @module
 * Runs a scenario and reports what happened as plain data: what the runtime threw, what neterr
 * made of it, and whether the native error is the mapped error's `cause`. The tests assert on
 * this report; the demo prints it. A report is JSON, so a scenario run in a child process (in a
 * network namespace) reports exactly like one run in place.
 */

import { isOSError, kindOf, type OSError, type TimeoutKind } from "@neterr/core";
import type { Adapter } from "@neterr/core/adapter";
import { Scope, Silence } from "./peers.ts";
import { expectationOf } from "./pins.ts";
import { isDeno, runtimeLabel } from "./runtime.ts";
import type { MappedFields, Report, Scenario } from "./types.ts";

/** A short, readable description of a native error: class, name, code, syscall, causes. */
export function describe(error: unknown, depth = 0): string {
  if (error === null || typeof error !== "object") return `${typeof error} ${String(error).slice(0, 60)}`;
  const e = error as { name?: unknown; message?: unknown; code?: unknown; syscall?: unknown; cause?: unknown; errors?: unknown };
  const ctor = (error as object).constructor?.name ?? "Object";
  const parts = [ctor === e.name || typeof e.name !== "string" ? ctor : `${ctor}[${e.name}]`];
  if (Array.isArray(e.errors)) parts[0] += `(${e.errors.length})`;
  if (typeof e.code === "string" || typeof e.code === "number") parts.push(String(e.code));
  if (typeof e.syscall === "string") parts.push(e.syscall);
  if (typeof e.code !== "string" && typeof e.message === "string") parts.push(JSON.stringify(e.message.slice(0, 40)));
  let text = parts.join(" ");
  if (Array.isArray(e.errors) && e.errors.length > 0 && depth < 2) text += ` [${describe(e.errors[0], depth + 1)}, ...]`;
  if (e.cause !== undefined && depth < 3) text += ` <- ${describe(e.cause, depth + 1)}`;
  return text;
}

/** The fields of a mapped error, as a report carries them (core's own `fieldsOf` reads a native error's). */
const mappedFieldsOf = (e: OSError): MappedFields => ({
  kind: kindOf(e),
  code: e.code,
  errno: e.errno,
  syscall: e.syscall,
  address: e.address,
  port: e.port,
  path: e.path,
  hostname: e.hostname,
  runtime: e.runtime,
  message: e.message,
  errors: e.errors?.map((x) => kindOf(x) ?? describe(x)),
  phase: e.phase,
  requestSent: e.requestSent,
  timeout: (e as { timeout?: TimeoutKind }).timeout,
});

/** Uncaught errors not yet reported (see `Report.stray`), and whether the listener is installed. */
const strays: string[] = [];
let catchingStrays = false;

/**
 * On Deno, an error thrown uncaught (a timer's, an event handler's) ends the whole process, and
 * with it every scenario after it. Old Deno's node:net and postgres.js throw such errors now and
 * then, long after their scenario: keep them, print them, and report them with the next report.
 */
function catchStrays(): void {
  if (catchingStrays || !isDeno()) return;
  catchingStrays = true;
  globalThis.addEventListener("error", (event) => {
    event.preventDefault();
    const error = (event as ErrorEvent).error ?? (event as ErrorEvent).message;
    strays.push(describe(error));
    console.log(`[${runtimeLabel()}] an error thrown uncaught, outside any scenario's promise (kept, not judged): ${describe(error)}`);
  });
}
const strayed = (): { stray?: readonly string[] } => (strays.length > 0 ? { stray: strays.splice(0) } : {});

/** Runs one scenario in this process with `adapter`, closing everything it opened. */
export async function runScenario(scenario: Scenario, adapter: Adapter): Promise<Report> {
  const started = Date.now();
  const base = { id: scenario.id, runtime: runtimeLabel() };
  // A runtime version pinned as unable to provoke this failure, then this machine's own limits.
  const pin = expectationOf(scenario);
  const skipped = pin.kind === "not testable" ? pin.why ?? "pinned as not testable here" : await scenario.skip?.();
  if (skipped) return { ...base, skipped, ...strayed(), ms: 0 };
  catchStrays();
  const scope = new Scope();
  const leaks: unknown[] = [];
  const onLeak = (reason: unknown): void => {
    leaks.push(reason);
    // Tell a test runner that this leak is the scenario's to report (conformance/vitest-shim/vitest.ts).
    if (reason !== null && typeof reason === "object") expectedLeaks().add(reason);
  };
  // Deno dispatches unhandled rejections as a global event first (and a test runner's listener may
  // prevent its default, which hides them from process.on): listen there where there is one.
  const events = globalThis as unknown as Partial<Pick<EventTarget, "addEventListener" | "removeEventListener">>;
  const onEvent = (event: Event): void => {
    event.preventDefault(); // reported in the scenario's report, not a crash of the runner
    onLeak((event as Event & { reason?: unknown }).reason);
  };
  const useEvents = typeof events.addEventListener === "function" && isDeno();
  if (useEvents) events.addEventListener!("unhandledrejection", onEvent);
  else process.on("unhandledRejection", onLeak);
  const leaked = (): { leaked?: readonly string[] } => (leaks.length > 0 ? { leaked: leaks.map((r) => describe(r)) } : {});
  try {
    const provoked = await scenario.provoke(scope);
    if (provoked.report) return { ...provoked.report, ms: Date.now() - started };
    const native = provoked.error;
    const mapped = provoked.mapped ?? adapter.normalize(native);
    const nativeMessage = (native as { message?: unknown } | null)?.message;
    return {
      ...base,
      native: describe(native),
      nativeMessage: typeof nativeMessage === "string" ? nativeMessage : undefined,
      mapped: isOSError(mapped) ? mappedFieldsOf(mapped) : undefined,
      causeIsNative: isOSError(mapped) ? mapped.cause === native : mapped === native,
      known: provoked.known,
      ...leaked(),
      ...strayed(),
      ms: Date.now() - started,
    };
  } catch (error) {
    if (error instanceof Silence) return { ...base, silent: error.message, ...leaked(), ...strayed(), ms: Date.now() - started };
    return { ...base, failed: error instanceof Error ? error.message : String(error), ...leaked(), ...strayed(), ms: Date.now() - started };
  } finally {
    await scope.close();
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (useEvents) events.removeEventListener!("unhandledrejection", onEvent);
    else process.off("unhandledRejection", onLeak);
  }
}

const LEAKS = Symbol.for("@neterr/conformance/expected-leaks");
function expectedLeaks(): WeakSet<object> {
  const slot = globalThis as unknown as Record<symbol, WeakSet<object> | undefined>;
  return (slot[LEAKS] ??= new WeakSet());
}
