/**
 * @module
 * postgres (postgres.js): what its errors say, as a table. Each row names the client version and the operation
 * that gave it, seen live in conformance/src/scenarios/clients/.
 */

import type { Dialect } from "../../spec.ts";

/** postgres (postgres.js)'s vocabulary. */
export const POSTGRES_JS_DIALECT: Dialect = {};
