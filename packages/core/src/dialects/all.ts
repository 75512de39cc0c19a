/**
 * @module
 * Every vocabulary core carries, as one list.
 */

import type { Dialect } from "../spec.ts";
import { BUN_DIALECT } from "./bun.ts";
import { CLIENT_DIALECTS } from "./clients/index.ts";
import { DENO_DIALECT } from "./deno.ts";
import { NODE_DIALECT } from "./node.ts";
import { WEB_DIALECT } from "./web.ts";

/**
 * Every vocabulary core carries: the web's, Node's (its API and undici), Deno's and Bun's, and the clients'. Core's
 * own `normalize` reads them all, so that library code importing only `@neterr/core` maps what
 * any runtime throws; a runtime's adapter lists only the dialects its runtime speaks, and its
 * users' bundles carry no other.
 */
export const CORE_DIALECTS: readonly Dialect[] = [WEB_DIALECT, NODE_DIALECT, DENO_DIALECT, BUN_DIALECT, ...CLIENT_DIALECTS];
