/**
 * @module
 * Installs the Node adapter into `@neterr/core`. Library code that imports only core
 * (`normalize`, `toOSError`, `isTransient`) already maps what Node throws, with the same class and
 * the same `isTransient` answer; this import adds what core cannot know by itself: the `runtime`
 * field (`"node"`) and the platform's errno numbers (on macOS and Windows). One line at the
 * application's entry point, and optional.
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
