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
 * Deno 2.6.8 and 2.7.14 (live): node:dns's lookup says ENOTFOUND of a name server that never
 * answers, where 2.8 and later say EAI_AGAIN (every client that resolves through node:dns): that
 * it was a timeout, worth another try, is lost.
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
