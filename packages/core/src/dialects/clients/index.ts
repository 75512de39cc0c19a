/**
 * @module
 * The clients' vocabularies: what the popular HTTP, database, cache and WebSocket clients make
 * of a socket failure, one table per client (undici's codes are Node's: dialects/node.ts).
 */

import type { Dialect } from "../../spec.ts";
import { AXIOS_DIALECT } from "./axios.ts";
import { GOT_DIALECT } from "./got.ts";
import { IOREDIS_DIALECT } from "./ioredis.ts";
import { KY_DIALECT } from "./ky.ts";
import { MYSQL2_DIALECT } from "./mysql2.ts";
import { NODE_FETCH_DIALECT } from "./node-fetch.ts";
import { NODE_REDIS_DIALECT } from "./redis.ts";
import { OFETCH_DIALECT } from "./ofetch.ts";
import { PG_DIALECT } from "./pg.ts";
import { POSTGRES_JS_DIALECT } from "./postgres.ts";
import { WS_DIALECT } from "./ws.ts";

export { AXIOS_DIALECT, GOT_DIALECT, IOREDIS_DIALECT, KY_DIALECT, MYSQL2_DIALECT, NODE_FETCH_DIALECT, NODE_REDIS_DIALECT, OFETCH_DIALECT, PG_DIALECT, POSTGRES_JS_DIALECT, WS_DIALECT };

/**
 * Every client vocabulary neterr carries, as one list: every adapter reads them, on every
 * runtime (a client's error looks the same wherever it runs).
 */
export const CLIENT_DIALECTS: readonly Dialect[] = [
  PG_DIALECT,
  POSTGRES_JS_DIALECT,
  MYSQL2_DIALECT,
  IOREDIS_DIALECT,
  NODE_REDIS_DIALECT,
  AXIOS_DIALECT,
  GOT_DIALECT,
  KY_DIALECT,
  OFETCH_DIALECT,
  NODE_FETCH_DIALECT,
  WS_DIALECT,
];
