/**
 * @module
 * The suite's data types, in one place: a scenario, the table of what it must give per runtime
 * version, what provoking gave, and the report a run makes. Every other module of the suite
 * imports its types from here; this module imports no other module of the suite at run time.
 */

import type { ErrorKind, OSError, Phase, TimeoutKind } from "@neterr/core";
import type { Scope } from "./peers.ts";
import type { RuntimeName } from "./runtime.ts";

/** The fields a scenario may know independently of the error (the peer it made). */
export type KnownField = "address" | "port" | "path" | "hostname";

/** What a scenario knows independently of the error: the peer it made. */
export interface Known {
  readonly address?: string;
  readonly port?: number;
  readonly path?: string;
  readonly hostname?: string;
}

/** What a scenario must give in one runtime version. Written by hand from what the failure is, never from neterr's output. */
export interface Expectation {
  /**
   * The neterr class; "unchanged" when normalize must return the input itself; "no error" when
   * this runtime version reports nothing at all (pinned: the runtime lost the failure); "not
   * testable" when this runtime version cannot provoke the failure (`why` says why: the test skips).
   */
  readonly kind: ErrorKind | "unchanged" | "no error" | "not testable";
  /** With "no error": the runtime leaves an unhandled rejection instead (its description, pinned). */
  readonly leaks?: RegExp;
  /**
   * With "no error": in some runs (a race inside the runtime) it also leaves this unhandled
   * rejection, in others none; either is this pin.
   */
  readonly mayLeak?: RegExp;
  readonly code?: string;
  /** The positive Linux errno. */
  readonly errno?: number;
  readonly syscall?: string;
  /** Fields the mapped error must carry, equal to what the scenario knows (the port it allocated...). */
  readonly knownFields?: readonly KnownField[];
  /** The runtime's native shape, pinned (tested against `describe(native)`). */
  readonly native?: RegExp;
  /** For AggregateErrors: how many inner errors. */
  readonly errors?: number;
  /**
   * Where it failed, and whether the request reached the peer, as the scenario knows it (it made
   * the failure): required of every pin of a mapped class. `null` where this runtime version kept
   * no evidence (the mapped error must then say undefined; `why` says what was lost).
   */
  readonly phase?: Phase | null;
  readonly requestSent?: boolean | null;
  /** With a TimeoutError: which clock ran out (required), or `null` where the evidence is lost. */
  readonly timeout?: TimeoutKind | null;
  /** Why this runtime version gives this (for the docs; with "not testable", the skip reason). */
  readonly why?: string;
}

/**
 * A key of an {@link Expectations} table: "default", a runtime (`"bun"`), or a runtime and a
 * version prefix (`"bun@1.1"`, `"node@20"`, `"deno@2.0"`).
 */
export type PinKey = "default" | RuntimeName | `${RuntimeName}@${string}`;

/**
 * What a scenario gives, per runtime version: the most specific key that matches the running
 * runtime wins (`bun@1.1` beats `bun` beats `default`). Adding a runtime version is adding a key.
 */
export type Expectations = { readonly default: Expectation } & { readonly [key in PinKey]?: Expectation };

/** What provoking gave: the native error and what the scenario knows, or a whole report from a child. */
export interface Provoked {
  readonly error?: unknown;
  /**
   * What one of the adapter's wrappers (`guard`, `connect`) made of `error`, which must be its
   * cause: judged instead of `normalize(error)`, for what only the wrapper knows (the bytes it saw
   * written, the operation).
   */
  readonly mapped?: unknown;
  readonly known?: Known;
  readonly report?: Omit<Report, "ms">;
}

export interface Scenario {
  /** Stable id, used by the child runner and the demo. */
  readonly id: string;
  /** What is done, in a few words (the test name and the demo's first column). */
  readonly title: string;
  /** What it must give, per runtime version (see {@link Expectations}). */
  readonly expect: Expectations;
  /** The one runtime whose own API the scenario uses (`Deno.connect`); every runtime if omitted. */
  readonly only?: RuntimeName;
  /** Why it cannot run on this machine (no IPv6, not root...), or undefined. A skipped scenario prints its reason. */
  readonly skip?: () => string | undefined | Promise<string | undefined>;
  /**
   * Set when the scenario runs in a network namespace of its own: the parent makes the namespace
   * (with these sysctls) and runs `provoke` inside it, in a child of this same runtime.
   */
  readonly namespace?: {
    readonly sysctls: Readonly<Record<string, string>>;
    readonly budget: number;
    /**
     * The system resolver of the namespace asks 127.0.0.1:53 only (its `resolv.conf`): the
     * scenario serves DNS there itself (`serveDns` with port 53), so a client's own
     * lookup of a name meets the suite's server and no other.
     */
    readonly resolver?: true;
  };
  /**
   * The client library the scenario drives (its npm name: `"pg"`, `"ioredis"`): its error is
   * what the user holds, and the row goes to docs/clients.md instead of the runtimes' tables.
   */
  readonly client?: string;
  provoke(scope: Scope): Promise<Provoked>;
}

/** The fields of a mapped error, as the report carries them (JSON: inner errors by class name). */
export type MappedFields = Pick<OSError, "code" | "errno" | "syscall" | "address" | "port" | "path" | "hostname" | "runtime" | "message" | "phase" | "requestSent"> & {
  readonly kind: string | undefined;
  readonly errors: readonly string[] | undefined;
  readonly timeout: TimeoutKind | undefined;
};

/** What one scenario gave in one runtime. */
export interface Report {
  readonly id: string;
  /** `name@version` of the runtime that ran it. */
  readonly runtime: string;
  /** Set when the scenario could not run here, with the reason. */
  readonly skipped?: string;
  /** Set when provoking the failure went wrong (the scenario's own machinery failed). */
  readonly failed?: string;
  /** Set when the runtime reported no failure within the scenario's bound: what was awaited. */
  readonly silent?: string;
  /** Rejections the runtime left unhandled while the scenario ran (a runtime bug), described. */
  readonly leaked?: readonly string[];
  /**
   * Errors thrown uncaught, outside any promise, since the previous scenario's report (Deno: a
   * client's timer that outlives its own scenario, as postgres.js's `nextWrite` on Deno 2.0 to
   * 2.6). Printed and reported, not judged: which scenario left it is unknown.
   */
  readonly stray?: readonly string[];
  readonly native?: string;
  readonly nativeMessage?: string;
  readonly mapped?: MappedFields;
  /** `normalize(native).cause === native` */
  readonly causeIsNative?: boolean;
  /** What the scenario knows independently of the error: the peer it made. */
  readonly known?: Known;
  readonly ms: number;
}
