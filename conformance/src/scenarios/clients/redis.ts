/**
 * @module
 * redis: scenarios to come.
 */

import type { Scenario } from "../../types.ts";

export const redisClients: readonly Scenario[] = [];
