/**
 * @module
 * mysql2: scenarios to come.
 */

import type { Scenario } from "../../types.ts";

export const mysql2Clients: readonly Scenario[] = [];
