/**
 * @module
 * Every live scenario, written once. Each provokes one failure for real, on loopback, a Unix
 * socket, a DNS server of its own on 127.0.0.1, or a network namespace of its own, through the
 * APIs every runtime offers (`node:net`, `node:http`, `node:dns`, `node:dgram`, `node:tls`,
 * `fetch`), and says by hand, in a table per runtime version, which neterr class it must give.
 * The rows are split by family, one file each; this module composes them: the shared ones, then
 * each runtime's own.
 */

import { inNamespace } from "../provoke.ts";
import { currentRuntime, type RuntimeName } from "../runtime.ts";
import type { Scenario } from "../types.ts";
import { addresses } from "./addresses.ts";
import { bunScenarios } from "./bun.ts";
import { clients } from "./clients/index.ts";
import { denoScenarios } from "./deno.ts";
import { dns } from "./dns.ts";
import { fetches } from "./fetch.ts";
import { pipe } from "./pipe.ts";
import { refused } from "./refused.ts";
import { reset } from "./reset.ts";
import { timeouts } from "./timeouts.ts";
import { udpTls } from "./udp-tls.ts";
import { webSockets } from "./websocket.ts";

/** Every row as written: a namespace row's `provoke` is what runs inside its namespace. */
export const rows: readonly Scenario[] = [...refused, ...reset, ...pipe, ...timeouts, ...addresses, ...dns, ...fetches, ...udpTls, ...denoScenarios, ...bunScenarios, ...webSockets, ...clients];

/** Every scenario, ready to run here: a namespace row runs its `provoke` in a namespace of its own. */
export const scenarios: readonly Scenario[] = rows.map(inNamespace);

/** The rows a namespace scenario runs inside its namespace, by id (the child runner, `cli.ts --inner ID`, looks here). */
export const innerScenarios: ReadonlyMap<string, Scenario> = new Map(
  rows.filter((row) => row.namespace !== undefined).map((row) => [row.id, { ...row, namespace: undefined, skip: undefined }]),
);

/** The scenarios of `runtime` (the current one by default): the shared ones and its own. */
export function scenariosFor(runtime: RuntimeName = currentRuntime().name): readonly Scenario[] {
  return scenarios.filter((s) => s.only === undefined || s.only === runtime);
}
