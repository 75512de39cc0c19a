/**
 * @module
 * The web platform's dialect, which every runtime speaks: a WebSocket `ErrorEvent`, which carries
 * the failure in its `error` (when the runtime kept it) and a text. (A wrapper's `cause`,
 * `AggregateError`'s `errors`, the `TimeoutError` DOMException and a user's `AbortError` are
 * read by core itself: tables.ts and mapper.ts.)
 *
 * It has no message patterns: no WebSocket text is the web platform's own. A browser's `error`
 * event is a bare `Event`; undici's (Node 26.10.0 and 26.12.1) is an `ErrorEvent` whose `error` is a TypeError
 * with an empty message, and Node 20.20.2's (behind `--experimental-websocket`) says "Received
 * network error or non-101 status code." of a refusal, a reset and an HTTP 200 alike (seen live;
 * Node 22.23.5 says the same as Node 20; Node 24.22.3 is as Node 26). A non-101 answer is no network failure, so neither
 * text can claim one: both stay unchanged, as the live `websocket-*` scenarios pin on Node 26.
 * Deno's and Bun's texts are in their own dialects.
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

