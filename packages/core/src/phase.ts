/**
 * @module
 * Where an operation failed (`phase`), whether the request reached the peer (`requestSent`), and
 * which clock ran out (`timeout`), from the evidence a native error carries: a row of a runtime's
 * or a library's table says it where its code alone tells (undici's `UND_ERR_HEADERS_TIMEOUT`);
 * otherwise the system call, then the class. Never `requestSent: false` without evidence.
 */

import type { ErrorKind, Phase, TimeoutKind } from "./errors.ts";
import type { Context, Match, PlacePattern } from "./spec.ts";
import { read } from "./util.ts";

/** The system call (or a runtime's name for the operation) -> the phase it belongs to. */
const SYSCALL_PHASE: Readonly<Record<string, Phase>> = {
  connect: "connect",
  // Deno's guarded `conn.handshake()`, node:tls's handshake failures.
  handshake: "tls",
  getaddrinfo: "resolve",
  getnameinfo: "resolve",
  read: "receive",
  recv: "receive",
  recvfrom: "receive",
  recvmsg: "receive",
  write: "send",
  writev: "send",
  send: "send",
  sendto: "send",
  sendmsg: "send",
  shutdown: "send",
  bind: "listen",
  listen: "listen",
  accept: "listen",
};
/** node:dns's operations (`queryA`, `resolve6`, `getHostByAddr`...). */
const RESOLVER_OPERATION = /^(?:query|resolve|getHostBy)[A-Za-z0-9]{0,16}$/;

/** A class that says its phase where no syscall does. */
const KIND_PHASE: Readonly<Partial<Record<ErrorKind, Phase>>> = {
  // A stream is refused only on connect (a UDP socket's refusal comes on a receive, and says so).
  ConnectionRefusedError: "connect",
  NameResolutionError: "resolve",
};

/**
 * Whether the request reached the peer, by phase: nothing is sent before the connection is up
 * (urllib3's connect errors, gRPC's transparent retries); a failure while receiving came after the
 * request was written; a failure while sending may have come after part of it arrived.
 */
const SENT: Readonly<Record<Phase, boolean | undefined>> = {
  resolve: false,
  connect: false,
  tls: false,
  listen: false,
  send: undefined,
  receive: true,
};

/** A timeout in a phase -> the clock that ran out (a read's ETIMEDOUT is the kernel's probes giving up). */
const PHASE_TIMEOUT: Readonly<Partial<Record<Phase, TimeoutKind>>> = {
  resolve: "resolve",
  connect: "connect",
  tls: "tls",
  receive: "keepalive",
};

export interface Place {
  readonly phase: Phase | undefined;
  readonly requestSent: boolean | undefined;
  readonly timeout: TimeoutKind | undefined;
}

/** What a text says of where the failure happened: the first pattern of `places` that matches. */
function placed(places: readonly PlacePattern[], message: string): PlacePattern | undefined {
  for (const p of places) {
    p.pattern.lastIndex = 0;
    if (p.pattern.test(message)) return p;
  }
  return undefined;
}

/** A caller's `phase` (a {@link Context}'s), if it is one. */
const phaseOf = (value: unknown): Phase | undefined => (typeof value === "string" && Object.hasOwn(SENT, value) ? (value as Phase) : undefined);

/**
 * The phase, `requestSent` and (for a timeout) the clock of a match, from the best evidence there
 * is: the match's row, the system call, the class, then the texts of `places`.
 */
export function placeOf(match: Match, syscall: string | undefined, message: string, places: readonly PlacePattern[], context: Context | undefined): Place {
  const said =
    match.phase ??
    (syscall === undefined ? undefined : Object.hasOwn(SYSCALL_PHASE, syscall) ? SYSCALL_PHASE[syscall] : RESOLVER_OPERATION.test(syscall) ? "resolve" : undefined) ??
    KIND_PHASE[match.kind];
  // The texts are read only where nothing else said it (most errors name their syscall).
  const text = said === undefined && places.length > 0 ? placed(places, message) : undefined;
  const phase = said ?? text?.phase ?? phaseOf(read(context, "phase"));
  const told = read(context, "requestSent");
  const requestSent = typeof told === "boolean" ? told : (match.requestSent ?? text?.requestSent ?? (phase === undefined ? undefined : SENT[phase]));
  const timeout = match.kind !== "TimeoutError" ? undefined : (match.timeout ?? text?.timeout ?? (phase === undefined ? undefined : PHASE_TIMEOUT[phase]));
  return { phase, requestSent, timeout };
}
