/**
 * @module
 * Installs the Node adapter into `@neterr/core`, so that library code which imports only core
 * (`normalize`, `toOSError`, `isTransient`) maps what Node throws. One line at the application's
 * entry point.
 *
 * @example
 * ```ts
 * import "@neterr/node/register";
 * import { installedAdapter } from "@neterr/core/adapter";
 *
 * console.log(installedAdapter().runtime); // node
 * ```
 */

import { installAdapter } from "@neterr/core/adapter";
import { adapter } from "./map.ts";

installAdapter(adapter);
