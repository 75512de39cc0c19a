/**
 * @module
 * mysql2: what its errors say, as a table. Each row names the client version and the operation
 * that gave it, seen live in conformance/src/scenarios/clients/.
 */

import type { Dialect } from "../../spec.ts";

/** mysql2's vocabulary. */
export const MYSQL2_DIALECT: Dialect = {};
