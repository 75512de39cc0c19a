/**
 * @module
 * Small helpers every adapter needs, written once: read a field without throwing, keep a value
 * only if it has the right type, tell an IP literal from a host name, and tell a promise.
 */

/** `target[key]`, or undefined where reading throws (a throwing getter, a hostile Proxy). */
export function read(target: unknown, key: PropertyKey): unknown {
  if (target === null || (typeof target !== "object" && typeof target !== "function")) return undefined;
  try {
    return (target as Record<PropertyKey, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** The value if it is a string. */
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** The value if it is a finite number. */
export const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** Is it an object (or a function), something whose fields can be read? */
export const isObject = (v: unknown): v is object => v !== null && (typeof v === "object" || typeof v === "function");

/** Is it a promise, or anything with a `then` method? Never throws. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return isObject(value) && typeof read(value, "then") === "function";
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * A host as neterr's fields: `address` for an IP literal (IPv4, or IPv6 with or without
 * brackets), `hostname` for a name. Linear in the length of `host`.
 *
 * @example
 * ```ts
 * import { hostFields } from "@neterr/core/adapter";
 *
 * console.log(JSON.stringify(hostFields("[::1]")), JSON.stringify(hostFields("db.internal")));
 * // {"address":"::1"} {"hostname":"db.internal"}
 * ```
 */
export function hostFields(host: string): { address: string } | { hostname: string } {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  return IPV4.test(bare) || bare.includes(":") ? { address: bare } : { hostname: bare };
}

declare const URL: new (url: string) => { readonly hostname: string; readonly port: string; readonly protocol: string };

/**
 * The peer a URL names (`http:`, `https:`, `ws:`, `wss:`): its host, as {@link hostFields} says it,
 * and its port (the scheme's default where it names none). Undefined where it does not parse.
 */
export function urlPeer(value: string): { readonly port: number; readonly host: { address: string } | { hostname: string } } | undefined {
  try {
    const url = new URL(value);
    const port = url.port !== "" ? Number(url.port) : url.protocol === "https:" || url.protocol === "wss:" ? 443 : 80;
    return { port, host: hostFields(url.hostname) };
  } catch {
    return undefined;
  }
}

/**
 * The promise, rejecting with `normalize`'s answer instead of the native error: `guard(promise)`
 * of every adapter.
 */
export function mapRejection<T>(promise: PromiseLike<T>, normalize: (error: unknown) => unknown): Promise<T> {
  return Promise.resolve(promise).catch((error: unknown) => {
    throw normalize(error);
  });
}
