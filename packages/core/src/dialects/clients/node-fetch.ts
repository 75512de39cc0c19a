/**
 * @module
 * node-fetch: what its errors say, as a table. Each row names the client version and the operation
 * that gave it, seen live in conformance/src/scenarios/clients/.
 */

import type { Dialect } from "../../spec.ts";

/** node-fetch's vocabulary. */
export const NODE_FETCH_DIALECT: Dialect = {};
