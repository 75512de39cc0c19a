/**
 * @module
 * What every client scenario shares: loading the client (a client that cannot load on a runtime
 * is a finding, reported as the scenario's failure), and the skip reasons of servers that are
 * missing here.
 */

import { missing, type ServerKind } from "../../servers.ts";
import type { Expectation } from "../../types.ts";

/** A scenario's `skip` for one that needs a real `kind` server: the printed reason where it is missing. */
export const needs = (kind: ServerKind) => (): string | undefined => missing(kind);

/** The client module `name`, its default export where it has one (CommonJS clients). */
export async function load<T>(name: string): Promise<T> {
  const module = (await import(name)) as { default?: T } & T;
  return (module.default ?? module) as T;
}

/**
 * node:net emits 'close' before 'error' when a socket is destroyed with an error
 * (`socket.destroy(err)`), where Node and Deno 2.0.6, 2.1.14, 2.6.8 and 2.7.14 emit 'error' first
 * (a probe: net.connect to a loopback listener, then destroy). A client whose own clock destroys
 * its socket with a timeout error sees the close first, and says the connection closed: the
 * timeout is lost. Deno 2.2.15, 2.3.7, 2.4.4 and 2.5.7.
 */
export const DENO22_CLOSE_FIRST = "node:net emits 'close' before 'error' when a socket is destroyed with an error";

/**
 * node:dns's lookup says ENOTFOUND of a name server that never answers, where 2.8 and later say
 * EAI_AGAIN (every client that resolves through node:dns): that it was a timeout, worth another
 * try, is lost.
 * Deno 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7, 2.6.8 and 2.7.14.
 */
export const DENO27_SILENT_DNS: Expectation = {
  kind: "NameResolutionError",
  code: "ENOTFOUND",
  syscall: "getaddrinfo",
  phase: "resolve",
  requestSent: false,
  knownFields: ["hostname"],
  why: "node:dns's lookup says ENOTFOUND of a name server that never answers, as of a name that does not exist: that it was a timeout is lost",
};
