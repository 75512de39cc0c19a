/**
 * @module
 * fetchers: scenarios to come.
 */

import type { Scenario } from "../../types.ts";

export const fetcherClients: readonly Scenario[] = [];
