/**
 * @module
 * ioredis: scenarios to come.
 */

import type { Scenario } from "../../types.ts";

export const ioredisClients: readonly Scenario[] = [];
