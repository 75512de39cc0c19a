/**
 * @module
 * The web platform's dialect, which every runtime speaks: a WebSocket `ErrorEvent`, which carries
 * the failure in its `error` (when the runtime kept it) and a text. (A wrapper's `cause`,
 * `AggregateError`'s `errors`, the `TimeoutError` DOMException and a user's `AbortError` are
 * read by core itself: tables.ts and mapper.ts.)
 */

import type { Dialect } from "../spec.ts";

/** What every runtime's errors nest, as one dialect. */
export const WEB_DIALECT: Dialect = {
  follow: [
    // WebSocket ErrorEvent: its error (Bun 1.4, Deno) says more than its text (Bun 1.1 keeps only the text)
    {
      field: "error",
      when: { field: "type", equals: "error" },
      before: true,
    },
  ],
};

