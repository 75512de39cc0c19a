/**
 * @module
 * The OpenTelemetry attributes of a network failure, as the semantic conventions name them.
 */

import { isOSError } from "./errors.ts";
import { jsonOf } from "./json.ts";
import { num } from "./util.ts";

/** OpenTelemetry attribute values: strings and numbers. */
export type Attributes = Record<string, string | number>;

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * The OpenTelemetry attributes of a failure, as the semantic conventions name them, for a span or
 * a log record. `error.type` is the neterr class name, one of a fixed list of 23 (low
 * cardinality, as the conventions ask). Where the failure happened: `network.peer.address` and
 * `network.peer.port` (the address it failed with), `network.type` (`ipv4`, `ipv6`),
 * `server.address` and `server.port` (the host name asked for, else the address), and
 * `network.transport` (`unix`, for a socket path). Anything else gives only
 * `error.type: "_OTHER"`, the conventions' fallback: pass what `normalize` returned. Never throws.
 *
 * @example
 * ```ts
 * import { fromErrno, otelAttributes } from "@neterr/core";
 *
 * const error = fromErrno("ECONNREFUSED", { address: "127.0.0.1", port: 5432, hostname: "localhost" });
 * console.log(JSON.stringify(otelAttributes(error)));
 * // {"error.type":"ConnectionRefusedError","network.peer.address":"127.0.0.1","network.peer.port":5432,"network.type":"ipv4","server.address":"localhost","server.port":5432}
 * ```
 */
export function otelAttributes(error: unknown): Attributes {
  if (!isOSError(error)) return { "error.type": "_OTHER" };
  const json = jsonOf(error, true);
  const attributes: Attributes = { "error.type": json.name };
  const port = num(json.port);
  if (json.address !== undefined) {
    attributes["network.peer.address"] = json.address;
    if (port !== undefined) attributes["network.peer.port"] = port;
    if (IPV4.test(json.address)) attributes["network.type"] = "ipv4";
    else if (json.address.includes(":")) attributes["network.type"] = "ipv6";
  }
  const server = json.hostname ?? json.address;
  if (server !== undefined) {
    attributes["server.address"] = server;
    if (port !== undefined) attributes["server.port"] = port;
  }
  if (json.path !== undefined) attributes["network.transport"] = "unix";
  return attributes;
}
