/**
 * @module
 * Installs the Bun adapter into `@neterr/core`, so that library code which imports only core
 * (`normalize`, `toOSError`, `isTransient`) maps what Bun throws. One line at the application's
 * entry point.
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
