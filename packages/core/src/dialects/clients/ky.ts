/**
 * @module
 * ky: what its errors say, as a table. Each row names the client version and the operation
 * that gave it, seen live in conformance/src/scenarios/clients/fetchers.ts.
 *
 * ky 2.1.0 wraps the runtime's own fetch and needs no row of its own:
 * - `NetworkError` ("Request failed due to a network error: GET URL") keeps the fetch error as its
 *   `cause`, which core always follows: the socket's fields (Node's `code`, `syscall`, `address`,
 *   `port`) are kept. ky wraps only the fetch errors its text test knows (Node's "fetch failed",
 *   Deno's "error sending request for url"); Bun's fetch errors (`ConnectionRefused`,
 *   `ECONNRESET`...) and a body cut short ("terminated", read by `.text()`) are thrown as they are.
 * - `TimeoutError` ("Request timed out: GET URL"), ky's `timeout` option, its own clock on the
 *   whole attempt up to the response head: named like the web platform's, which core reads as the
 *   caller's deadline (`timeout: "deadline"`); it keeps no word of where the request was.
 * - `HTTPError` (a 4xx or 5xx status): no code, no cause, no text any table knows: unchanged.
 * - A user's abort: the signal's own `AbortError`, as is: unchanged.
 * (A names row for `TimeoutError` would also catch every runtime's DOMException: none is added.)
 */

import type { Dialect } from "../../spec.ts";

/** ky's vocabulary: empty (see above; core's cause chain and web timeout already read it). */
export const KY_DIALECT: Dialect = {};
