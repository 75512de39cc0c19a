/**
 * @module
 * ws: scenarios to come.
 */

import type { Scenario } from "../../types.ts";

export const wsClients: readonly Scenario[] = [];
