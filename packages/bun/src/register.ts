/**
 * @module
 * Installs the Bun adapter into `@neterr/core`. Library code that imports only core
 * (`normalize`, `toOSError`, `isTransient`) already maps what Bun throws, with the same class and
 * the same `isTransient` answer; this import adds what core cannot know by itself: the `runtime`
 * field (`"bun"`) and the platform's errno numbers (on macOS and Windows). One line at the
 * application's entry point, and optional.
 *
 * @example
 * ```ts
 * import "@neterr/bun/register";
 * import { installedAdapter } from "@neterr/core/adapter";
 *
 * console.log(installedAdapter().runtime); // bun
 * ```
 */

import { installAdapter } from "@neterr/core/adapter";
import { adapter } from "./map.ts";

installAdapter(adapter);
