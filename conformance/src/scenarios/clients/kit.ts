/**
 * @module
 * What every client scenario shares: loading the client (a client that cannot load on a runtime
 * is a finding, reported as the scenario's failure), and the skip reasons of servers that are
 * missing here.
 */

import { missing, type ServerKind } from "../../servers.ts";

/** A scenario's `skip` for one that needs a real `kind` server: the printed reason where it is missing. */
export const needs = (kind: ServerKind) => (): string | undefined => missing(kind);

/** The client module `name`, its default export where it has one (CommonJS clients). */
export async function load<T>(name: string): Promise<T> {
  const module = (await import(name)) as { default?: T } & T;
  return (module.default ?? module) as T;
}
