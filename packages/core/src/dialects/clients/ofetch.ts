/**
 * @module
 * ofetch: what its errors say, as a table. Each row names the client version and the operation
 * that gave it, seen live in conformance/src/scenarios/clients/fetchers.ts.
 *
 * ofetch 1.5.1 wraps the runtime's own fetch and needs no row of its own:
 * - `FetchError` ("[GET] \"URL\": <no response> fetch failed") keeps the fetch error as its
 *   `cause`, which core always follows: the socket's fields are kept.
 * - its `timeout` option aborts the fetch with an `Error` named `TimeoutError` (`code: 23`, a
 *   number) that the fetch rejects with: the FetchError's cause, read as the caller's deadline.
 * - a user's abort: the FetchError's cause is the signal's `AbortError`: unchanged.
 * - a 4xx or 5xx status: a FetchError with no cause, no code: unchanged.
 * - reading the body happens outside its try: a body cut short rejects with the runtime's own
 *   fetch error, not wrapped.
 * (Its class name is node-fetch's too: a names row here would be read for both.)
 */

import type { Dialect } from "../../spec.ts";

/** ofetch's vocabulary: empty (see above; core's cause chain and web timeout already read it). */
export const OFETCH_DIALECT: Dialect = {};
