/**
 * @module
 * `@neterr/core/adapter`: the kit for adapter authors. The spec an adapter gives core, the
 * vocabularies core carries (each a table), the errno table and its lookups, and the helpers
 * every adapter needs. Users need none of this: `@neterr/core` is their face.
 *
 * @example
 * ```ts
 * import { ConnectionResetError } from "@neterr/core";
 * import { CORE_DIALECTS, createAdapter } from "@neterr/core/adapter";
 *
 * const adapter = createAdapter({ runtime: "mine", codes: { PEER_GONE: "ConnectionResetError" }, dialects: CORE_DIALECTS });
 * console.log(adapter.normalize(Object.assign(new Error("gone"), { code: "PEER_GONE" })) instanceof ConnectionResetError); // true
 * ```
 */

export { CORE_DIALECTS } from "./dialects/all.ts";
export {
  AXIOS_DIALECT,
  CLIENT_DIALECTS,
  GOT_DIALECT,
  IOREDIS_DIALECT,
  KY_DIALECT,
  MYSQL2_DIALECT,
  NODE_FETCH_DIALECT,
  NODE_REDIS_DIALECT,
  OFETCH_DIALECT,
  PG_DIALECT,
  POSTGRES_JS_DIALECT,
  WS_DIALECT,
} from "./dialects/clients/index.ts";
export { BUN_DIALECT, BUN_FETCH_CODES, BUN_MESSAGES, BUN_NAMES, BUN_PLACES } from "./dialects/bun.ts";
export { DENO_DIALECT, DENO_ERRORS, DENO_MESSAGES, DENO_PLACES } from "./dialects/deno.ts";
export { NODE_API_CODES, NODE_DIALECT, NODE_PLACES, UNDICI_CODES } from "./dialects/node.ts";
export { WEB_DIALECT } from "./dialects/web.ts";
export { classOf } from "./classes.ts";
export { type ErrnoRow, errnoOf, ERRNO_TABLE, type Lookup, lookupCode, lookupNumber, type Platform, platformOf, RESOLVER_CODES, STRERROR } from "./errno.ts";
export { ancestry } from "./errors.ts";
export { createAdapter } from "./mapper.ts";
export { installAdapter, installedAdapter } from "./registry.ts";
export type { Adapter, AdapterSpec, Context, Dialect, Follow, Location, Match, MessagePattern, NativeFields, PlacePattern, Row, Where } from "./spec.ts";
export { TRANSIENT } from "./transient.ts";
export { hostFields, isObject, isThenable, mapRejection, read } from "./util.ts";
export { type CloseEventLike, closedWith, type WebSocketLike } from "./websocket.ts";
