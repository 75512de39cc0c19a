/**
 * @module
 * Core's `normalize` and `toOSError`. Core carries every runtime's vocabulary, so library code that
 * imports only `@neterr/core` maps what Node, Deno and Bun throw with no other import. An
 * application's `import "@neterr/<runtime>/register"` adds only what core cannot know by itself:
 * the runtime's name and platform (the `runtime` field, and errno numbers on macOS and Windows).
 * The slot lives on `globalThis` under a `Symbol.for` key, so every copy of core sees the same one.
 */

import { CORE_DIALECTS } from "./dialects/all.ts";
import type { OSError } from "./errors.ts";
import { createAdapter } from "./mapper.ts";
import type { Adapter, Context } from "./spec.ts";

const SLOT: unique symbol = Symbol.for("@neterr/core/adapter") as never;
type Slot = { [SLOT]?: Adapter };

// Pure: a bundle that only installs an adapter (`@neterr/node/register`) drops it, and every
// dialect with it.
/** Core's own mapper: every vocabulary core carries, no runtime name, Linux's errno numbers. */
const generic: Adapter = /* @__PURE__ */ createAdapter({ dialects: CORE_DIALECTS });

/**
 * Installs `adapter` as the mapper used by core's {@link normalize}, {@link toOSError} and
 * `isTransient`. The runtime packages' `register` entry points call this; installing again
 * replaces the previous adapter.
 */
export function installAdapter(adapter: Adapter): void {
  (globalThis as Slot)[SLOT] = adapter;
}

/** The adapter installed by the application, or core's generic one if none was. */
export function installedAdapter(): Adapter {
  return (globalThis as Slot)[SLOT] ?? generic;
}

/**
 * Maps any thrown value with the installed adapter: a neterr error if it is a network or OS
 * failure (the native error is its `cause`), the same value otherwise. Never throws.
 * `context` fills the fields the native error does not carry (Deno's carry no address).
 *
 * @example
 * ```ts
 * import { ConnectionRefusedError, normalize } from "@neterr/core";
 *
 * const native = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
 * const error = normalize(native);
 * console.log(error instanceof ConnectionRefusedError, (error as Error).cause === native); // true true
 * ```
 */
export function normalize(error: unknown, context?: Context): unknown {
  return installedAdapter().normalize(error, context);
}

/** Like {@link normalize}, but undefined when `error` is not a network or OS failure. Never throws. */
export function toOSError(error: unknown, context?: Context): OSError | undefined {
  return installedAdapter().toOSError(error, context);
}
