/**
 * @module
 * postgres: scenarios to come.
 */

import type { Scenario } from "../../types.ts";

export const postgresClients: readonly Scenario[] = [];
