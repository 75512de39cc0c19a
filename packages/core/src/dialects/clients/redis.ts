/**
 * @module
 * redis (node-redis): what its errors say, as a table. Each row names the client version and the operation
 * that gave it, seen live in conformance/src/scenarios/clients/.
 */

import type { Dialect } from "../../spec.ts";

/** redis (node-redis)'s vocabulary. */
export const NODE_REDIS_DIALECT: Dialect = {};
