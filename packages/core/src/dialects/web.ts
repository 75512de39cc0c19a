/**
 * @module
 * The web platform's dialect, which every runtime speaks: a wrapper's `cause`, and a WebSocket
 * `ErrorEvent`, which carries the failure in its `error` (when the runtime kept it) and a text.
 * (`AggregateError`'s `errors`, the `TimeoutError` DOMException and a user's `AbortError` are
 * read by core itself: mapper.ts.)
 */

import type { Dialect } from "../spec.ts";

/** What every runtime's errors nest, as one dialect. */
export const WEB_DIALECT: Dialect = {
  follow: [
    {
      field: "error",
      when: { field: "type", equals: "error" },
      before: true,
      why: "WebSocket ErrorEvent: its error (Bun 1.4, Deno) says more than its text (Bun 1.1 keeps only the text)",
    },
    { field: "cause", why: "ES2022 error cause: fetch's TypeError, a client's wrapper" },
  ],
};
