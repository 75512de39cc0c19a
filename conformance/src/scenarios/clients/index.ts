/**
 * @module
 * The client scenarios: each popular client driven into a real fault against a real server on
 * loopback (PostgreSQL, Redis and MariaDB from Debian's packages; HTTP and WebSocket peers of
 * the suite's own), with the client's error as what the user holds. One file per client family.
 */

import type { Scenario } from "../../types.ts";
import { fetcherClients } from "./fetchers.ts";
import { httpClients } from "./http.ts";
import { ioredisClients } from "./ioredis.ts";
import { mysql2Clients } from "./mysql2.ts";
import { pgClients } from "./pg.ts";
import { postgresClients } from "./postgres.ts";
import { redisClients } from "./redis.ts";
import { wsClients } from "./ws.ts";

export const clients: readonly Scenario[] = [...pgClients, ...postgresClients, ...mysql2Clients, ...ioredisClients, ...redisClients, ...httpClients, ...fetcherClients, ...wsClients];
