/**
 * @module
 * `@neterr/core/adapter`: the kit for adapter authors. The spec an adapter gives core, the tables
 * core reads, and the helpers every adapter needs. Users need none of this: `@neterr/core` is
 * their face.
 */

export {
  type ErrnoRow,
  errnoOf,
  ERRNO_TABLE,
  type Lookup,
  lookupCode,
  lookupNumber,
  type Platform,
  RESOLVER_CODES,
} from "./errno.ts";
export { ancestry, classOf } from "./errors.ts";
export {
  type Adapter,
  type AdapterSpec,
  createAdapter,
  type Match,
  type MessagePattern,
  type NativeFields,
} from "./mapper.ts";
export { NODE_API_CODES } from "./node-api.ts";
export { installAdapter, installedAdapter } from "./registry.ts";
export { TRANSIENT } from "./transient.ts";
