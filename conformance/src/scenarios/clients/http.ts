/**
 * @module
 * http: scenarios to come.
 */

import type { Scenario } from "../../types.ts";

export const httpClients: readonly Scenario[] = [];
