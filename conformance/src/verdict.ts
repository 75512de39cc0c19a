/**
 * @module
 * How a report becomes a verdict, decided once: against the scenario's pin for the runtime that
 * ran it, every disagreement as one line of text. The live test asserts there is none; the demo
 * prints the outcome and counts the disagreements.
 */

import { ERRNO_TABLE } from "@neterr/core/adapter";
import type { Expectation, Report } from "./types.ts";

/** A report, judged. */
export interface Verdict {
  /** What happened, in a few words: `ConnectionResetError ECONNRESET`, `no error reported`, `skipped: why`... */
  readonly outcome: string;
  /** Set when the scenario did not run here (the reason). */
  readonly skipped?: string;
  /** Every way the report disagrees with the pin; empty when it agrees. */
  readonly problems: readonly string[];
}

/** What happened, in a few words (the demo's class column). */
function outcomeOf(r: Report): string {
  if (r.skipped) return `skipped: ${r.skipped}`;
  if (r.failed) return `FAILED: ${r.failed}`;
  if (r.silent) return `no error reported${r.leaked ? " (an unhandled rejection leaked)" : ""}`;
  if (r.mapped) return `${r.mapped.kind}${r.mapped.code ? ` ${r.mapped.code}` : ""}`;
  return "(unchanged)";
}

/** `report` judged against `want`, the pin of the runtime version that made it. */
export function verdict(report: Report, want: Expectation): Verdict {
  const outcome = outcomeOf(report);
  if (report.skipped) return { outcome, skipped: report.skipped, problems: [] };
  return { outcome, problems: problemsOf(report, want) };
}

const show = (value: unknown): string => (value instanceof RegExp ? String(value) : JSON.stringify(value) ?? "undefined");

function problemsOf(report: Report, want: Expectation): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok) problems.push(what);
  };
  if (report.failed !== undefined) return [`provoking the failure went wrong: ${report.failed}`];
  if (want.kind === "not testable") return [`pinned as not testable here (${want.why}), yet it ran`];
  const leaked = report.leaked?.join("\n");
  if (want.kind === "no error") {
    // Pinned: this runtime version reports nothing where the failure happened.
    check(report.silent !== undefined, `${report.runtime} was expected to report nothing, and said: ${report.native}`);
    if (want.leaks) check(leaked !== undefined && want.leaks.test(leaked), `the leaked rejection ${show(leaked)} does not match ${want.leaks}`);
    else if (want.mayLeak) check(leaked === undefined || want.mayLeak.test(leaked), `the leaked rejection ${show(leaked)} does not match ${want.mayLeak}`);
    else check(leaked === undefined, `no rejection left unhandled, but: ${leaked}`);
    return problems;
  }
  if (report.silent !== undefined) return [`the runtime reported no failure (${report.silent})`];
  check(leaked === undefined, `no rejection left unhandled, but: ${leaked}`);
  if (want.native) check(report.native !== undefined && want.native.test(report.native), `native ${show(report.native)} does not match ${want.native}`);
  check(report.causeIsNative === true, "the native error must be kept as cause (or returned as is)");
  const mapped = report.mapped;
  if (want.kind === "unchanged") {
    check(mapped === undefined, `expected unchanged, got ${mapped?.kind} (native: ${report.native})`);
    return problems;
  }
  if (mapped === undefined) return [...problems, `expected ${want.kind}, got the input unchanged (native: ${report.native})`];
  check(mapped.kind === want.kind, `kind ${show(mapped.kind)}, expected ${show(want.kind)} (native: ${report.native})`);
  check(mapped.runtime === report.runtime.split("@")[0], `runtime ${show(mapped.runtime)}, expected ${show(report.runtime.split("@")[0])}`);
  if (report.nativeMessage) check(mapped.message.includes(report.nativeMessage), `message ${show(mapped.message)} lacks the native ${show(report.nativeMessage)}`);
  if (want.code !== undefined) check(mapped.code === want.code, `code ${show(mapped.code)}, expected ${show(want.code)}`);
  if (want.errno !== undefined) check(mapped.errno === want.errno, `errno ${show(mapped.errno)}, expected ${want.errno}`);
  if (want.syscall !== undefined) check(mapped.syscall === want.syscall, `syscall ${show(mapped.syscall)}, expected ${show(want.syscall)}`);
  if (want.errors !== undefined) {
    check(mapped.errors?.length === want.errors, `${mapped.errors?.length ?? "no"} inner errors, expected ${want.errors}`);
    for (const inner of mapped.errors ?? []) check(inner === want.kind, `inner error ${show(inner)}, expected ${show(want.kind)}`);
  }
  // Where it failed, whether the request was sent, which clock ran out: every pin says (null:
  // this runtime version keeps no evidence, and neterr must not guess).
  const said = (value: unknown): unknown => (value === null ? undefined : value);
  check(want.phase !== undefined, `the pin must say the phase (null where the evidence is lost); neterr says ${show(mapped.phase)}`);
  check(want.requestSent !== undefined, `the pin must say requestSent (null where the evidence is lost); neterr says ${show(mapped.requestSent)}`);
  if (want.phase !== undefined) check(mapped.phase === said(want.phase), `phase ${show(mapped.phase)}, expected ${show(said(want.phase))}`);
  if (want.requestSent !== undefined) check(mapped.requestSent === said(want.requestSent), `requestSent ${show(mapped.requestSent)}, expected ${show(said(want.requestSent))}`);
  if (want.kind === "TimeoutError") {
    check(want.timeout !== undefined, `the pin of a TimeoutError must say which clock (null where the evidence is lost); neterr says ${show(mapped.timeout)}`);
    if (want.timeout !== undefined) check(mapped.timeout === said(want.timeout), `timeout ${show(mapped.timeout)}, expected ${show(said(want.timeout))}`);
  }
  for (const field of want.knownFields ?? []) {
    check(report.known?.[field] !== undefined, `the scenario knows its ${field}`);
    check(mapped[field] === report.known?.[field], `${field} ${show(mapped[field])} not kept (the scenario knows ${show(report.known?.[field])})`);
  }
  // errno, where given, is the platform's number for the code, never libuv's negative one.
  if (mapped.errno !== undefined) check(mapped.errno > 0, `errno ${mapped.errno} is not positive`);
  if (mapped.code && want.errno) {
    const linux = ERRNO_TABLE.find((r) => r.code === mapped.code)?.linux;
    check(linux === want.errno, `ERRNO_TABLE says ${mapped.code} is ${linux} on Linux, expected ${want.errno}`);
  }
  return problems;
}
