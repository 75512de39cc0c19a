/**
 * @module
 * got: what its errors say, as a table. Each row names the client version and the operation
 * that gave it, seen live in conformance/src/scenarios/clients/.
 */

import type { Dialect } from "../../spec.ts";

/** got's vocabulary. */
export const GOT_DIALECT: Dialect = {};
