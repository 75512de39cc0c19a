/**
 * @module
 * Name resolution with node:dns, against a DNS server of our own on 127.0.0.1: one row per
 * answer of that server (NXDOMAIN, SERVFAIL, silence), with the code Node's resolver gives.
 */

import type { DnsMode } from "../peers.ts";
import { rejection } from "../peers.ts";
import { resolverAgainst } from "../provoke.ts";
import type { Expectation, Expectations, Scenario } from "../types.ts";

/** Deno 2.0.6's pin of dns-timeout, which Deno 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7 and 2.6.8 give too. */
const DENO20_RESOLVER_SILENT: Expectation = { kind: "no error", why: "node:dns ignores the Resolver's timeout: a silent server leaves the query pending for ever" };

/** What each runtime version gives for `mode`, whose answer is `code` by Linux's resolver (and Node's). */
function dnsPins(mode: DnsMode, code: string): Expectations {
  const answered = { kind: "NameResolutionError", phase: "resolve", requestSent: false, knownFields: ["hostname"] } as const;
  if (mode === "servfail") {
    return {
      default: { ...answered, code },
      deno: { ...answered, code: "ENOTFOUND", why: "node:dns says ENOTFOUND for SERVFAIL too" },
    };
  }
  if (mode === "silent") {
    return {
      default: { ...answered, code },
      "deno@2.0": DENO20_RESOLVER_SILENT,
      "deno@2.1": DENO20_RESOLVER_SILENT,
      "deno@2.2": DENO20_RESOLVER_SILENT,
      "deno@2.3": DENO20_RESOLVER_SILENT,
      "deno@2.4": DENO20_RESOLVER_SILENT,
      "deno@2.5": DENO20_RESOLVER_SILENT,
      "deno@2.6": DENO20_RESOLVER_SILENT,
    };
  }
  return { default: { ...answered, code } };
}

export const dns: readonly Scenario[] = (
  [
    ["dns-nxdomain", "nxdomain", "answered NXDOMAIN by", "ENOTFOUND", 2000],
    ["dns-servfail", "servfail", "answered SERVFAIL by", "ESERVFAIL", 2000],
    ["dns-timeout", "silent", "to", "ETIMEOUT", 200],
  ] as const
).map(
  ([id, mode, how, code, timeout]): Scenario => ({
    id,
    title: `dns Resolver.resolve4 ${how} a loopback name server${mode === "silent" ? " that never answers" : ""}`,
    expect: dnsPins(mode, code),
    async provoke(scope) {
      const { resolver } = await resolverAgainst(scope, mode, timeout);
      const hostname = `${mode}.neterr.test`;
      return { error: await rejection(resolver.resolve4(hostname), 10_000), known: { hostname } };
    },
  }),
);
