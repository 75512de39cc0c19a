/**
 * @module
 * Installs the Deno adapter into `@neterr/core`. Library code that imports only core
 * (`normalize`, `toOSError`, `isTransient`) already maps what Deno throws, with the same class and
 * the same `isTransient` answer; this import adds what core cannot know by itself: the `runtime`
 * field (`"deno"`) and the platform's errno numbers (on macOS and Windows). One line at the
 * application's entry point, and optional.
 *
 * @example
 * ```ts
 * import "@neterr/deno/register";
 * import { installedAdapter } from "@neterr/core/adapter";
 *
 * console.log(installedAdapter().runtime); // deno
 * ```
 */

import { installAdapter } from "@neterr/core/adapter";
import { adapter } from "./map.ts";

installAdapter(adapter);
