/**
 * @module
 * The clients the suite drives, as data: each one's npm name, what it is, and the hook it offers
 * that carries more than what it throws (for docs/clients.md, which `npm run demo -- --clients
 * docs/clients.md` writes from a live run; docs.ts renders the README's summary from the pins).
 */

import { readFileSync } from "node:fs";

export interface ClientInfo {
  /** The npm name, as in the scenarios' `client` field. */
  readonly name: string;
  /** What it is, in a sentence. */
  readonly about: string;
  /** Where the client keeps more than it throws, and how to use that with neterr. */
  readonly hook: string;
}

/** Every client the suite drives, in the order of docs/clients.md. */
export const CLIENTS: readonly ClientInfo[] = [
  { name: "pg", about: "node-postgres, the PostgreSQL client.", hook: "" },
  { name: "postgres", about: "postgres.js, the PostgreSQL client.", hook: "" },
  { name: "mysql2", about: "The MySQL and MariaDB client.", hook: "" },
  { name: "ioredis", about: "The Redis client.", hook: "" },
  { name: "redis", about: "node-redis, Redis's own client.", hook: "" },
  { name: "undici", about: "The HTTP client behind Node's fetch, as the npm package (on every runtime).", hook: "" },
  { name: "axios", about: "The HTTP client.", hook: "" },
  { name: "got", about: "The HTTP client.", hook: "" },
  { name: "ky", about: "The HTTP client on the runtime's fetch.", hook: "" },
  { name: "ofetch", about: "The HTTP client on the runtime's fetch.", hook: "" },
  { name: "node-fetch", about: "fetch for Node, on node:http.", hook: "" },
  { name: "ws", about: "The WebSocket client.", hook: "" },
];

/** The version of `name` the suite runs (its devDependency, as installed). */
export function clientVersion(name: string): string {
  try {
    const url = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, "utf8")) as { version?: string }).version ?? "?";
  } catch {
    return "?";
  }
}

