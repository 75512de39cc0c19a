/**
 * @module
 * Installs the Deno adapter into `@neterr/core`, so that library code which imports only core
 * (`normalize`, `toOSError`, `isTransient`) maps what Deno throws. One line at the application's
 * entry point.
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
