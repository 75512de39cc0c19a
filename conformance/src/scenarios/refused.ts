/**
 * @module
 * Connection refused: net.connect to a closed port (one row per loopback address), to
 * `localhost` with both addresses closed, and to a Unix socket that is missing or stale.
 */

import { createServer, connect } from "node:net";
import { join } from "node:path";
import { closedPort, nextError, staleUnixSocket } from "../peers.ts";
import { noIPv6, V4, V6 } from "../provoke.ts";
import type { Expectation, Scenario } from "../types.ts";

// A refused connect: nothing of any request was sent.
const REFUSED: Expectation = { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect", phase: "connect", requestSent: false };

/** Pinned: Bun 1.1.45's node:net says "Failed to connect" (errno 1), with no address or port. */
const BUN11_REFUSED: Expectation = {
  ...REFUSED,
  native: /^Error ECONNREFUSED connect$/,
  why: `node:net says "Failed to connect" (errno 1), with no address or port`,
};

/** Bun 1.1's pin of unix-stale, which Bun 1.3 gives too. */
const BUN11_UNIX_STALE: Expectation = {
        kind: "FileNotFoundError",
        code: "ENOENT",
        errno: 2,
        syscall: "connect",
        phase: "connect",
        requestSent: false,
        native: /^Error ENOENT connect/,
        why: "node:net says ENOENT, as if there were no file (Linux says ECONNREFUSED)",
      };

export const refused: readonly Scenario[] = [
  // One row per loopback address.
  ...(
    [
      ["tcp-refused-v4", V4, undefined],
      ["tcp-refused-v6", V6, noIPv6],
    ] as const
  ).map(
    ([id, host, skip]): Scenario => ({
      id,
      title: `net.connect to a closed port on ${host}`,
      ...(skip ? { skip } : {}),
      expect: {
        default: { ...REFUSED, knownFields: ["address", "port"] },
        "bun@1.1": BUN11_REFUSED,
      },
      async provoke(scope) {
        const port = await closedPort(host);
        const socket = connect({ host, port });
        scope.defer(() => socket.destroy());
        return { error: await nextError(socket), known: { address: host, port } };
      },
    }),
  ),
  {
    id: "tcp-refused-localhost-both",
    title: "net.connect to localhost with two addresses (::1, 127.0.0.1), both closed",
    skip: noIPv6,
    expect: {
      default: { ...REFUSED, knownFields: ["port"], errors: 2, native: /^AggregateError/ },
      "deno@2.0": {
        ...REFUSED,
        knownFields: ["port"],
        native: /^Error ECONNREFUSED connect$/,
        why: "node:net tries one address only (no happy eyeballs): a plain ECONNREFUSED",
      },
      "bun@1.1": { ...BUN11_REFUSED, why: "node:net tries one address only (no happy eyeballs), and says \"Failed to connect\" (errno 1)" },
    },
    async provoke(scope) {
      // Both families on one port number: find one that is closed on both.
      let port = 0;
      for (let i = 0; i < 20 && port === 0; i++) {
        const candidate = await closedPort(V4);
        const probe = createServer();
        const free = await new Promise<boolean>((resolve) => {
          probe.once("error", () => resolve(false));
          probe.listen(candidate, V6, () => probe.close(() => resolve(true)));
        });
        if (free) port = candidate;
      }
      // The lookup answers like /etc/hosts with both entries would, without asking any resolver.
      const lookup = (_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void): void => {
        const all = [
          { address: V6, family: 6 },
          { address: V4, family: 4 },
        ];
        if (options.all) callback(null, all);
        else callback(null, V6, 6);
      };
      const socket = connect({ host: "localhost", port, lookup: lookup as never, autoSelectFamily: true });
      scope.defer(() => socket.destroy());
      return { error: await nextError(socket), known: { port } };
    },
  },
  {
    id: "unix-missing",
    title: "net.connect to a Unix socket path that does not exist",
    expect: { default: { kind: "FileNotFoundError", code: "ENOENT", errno: 2, syscall: "connect", phase: "connect", requestSent: false } },
    async provoke(scope) {
      const path = join(scope.tmpdir(), "missing.sock");
      const socket = connect({ path });
      scope.defer(() => socket.destroy());
      return { error: await nextError(socket), known: { path } };
    },
  },
  {
    id: "unix-stale",
    title: "net.connect to a stale Unix socket (its server was killed)",
    expect: {
      default: REFUSED,
      "bun@1.1": BUN11_UNIX_STALE,
      "bun@1.3": BUN11_UNIX_STALE,
      "bun@1.2": { ...BUN11_UNIX_STALE, native: /^ExceptionWithHostPort\[Error\] ENOENT connect/ },
    },
    async provoke(scope) {
      const path = await staleUnixSocket(scope);
      const socket = connect({ path });
      scope.defer(() => socket.destroy());
      return { error: await nextError(socket), known: { path } };
    },
  },
];
