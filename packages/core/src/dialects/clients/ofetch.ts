/**
 * @module
 * ofetch: what its errors say, as a table. Each row names the client version and the operation
 * that gave it, seen live in conformance/src/scenarios/clients/.
 */

import type { Dialect } from "../../spec.ts";

/** ofetch's vocabulary. */
export const OFETCH_DIALECT: Dialect = {};
