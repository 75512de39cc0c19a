/**
 * @module
 * Addresses: listen on a TCP port or a Unix path already taken, and on an address this host
 * does not have.
 */

import { createServer } from "node:net";
import { join } from "node:path";
import { nextError } from "../peers.ts";
import { V4 } from "../provoke.ts";
import type { Expectation, Scenario } from "../types.ts";

const NOT_AVAILABLE: Expectation = { kind: "AddressNotAvailableError", code: "EADDRNOTAVAIL", errno: 99, syscall: "listen", phase: "listen", requestSent: false, knownFields: ["address"] };

/** Bun 1.1's pin of unix-address-in-use, which Bun 1.2 gives too. */
const BUN11_UNIX_ADDRESS_IN_USE: Expectation = { kind: "no error", why: "node:net listens without an error: the path's first server is cut off" };

export const addresses: readonly Scenario[] = [
  {
    id: "tcp-address-in-use",
    title: "listen on a TCP port already taken",
    expect: {
      default: { kind: "AddressInUseError", code: "EADDRINUSE", errno: 98, syscall: "listen", phase: "listen", requestSent: false, knownFields: ["port"] },
      "bun@1.1": {
        kind: "AddressInUseError",
        code: "EADDRINUSE",
        errno: 98,
        phase: null,
        requestSent: null,
        native: /^Error EADDRINUSE$/,
        why: "node:net's error says neither the syscall nor the address or port (so neither where it failed)",
      },
    },
    async provoke(scope) {
      const { port } = await scope.server(() => {}, { host: V4 });
      const second = createServer();
      scope.defer(() => second.close());
      second.listen(port, V4);
      return { error: await nextError(second), known: { address: V4, port } };
    },
  },
  {
    id: "unix-address-in-use",
    title: "listen on a Unix socket path already taken",
    expect: {
      default: { kind: "AddressInUseError", code: "EADDRINUSE", errno: 98, syscall: "listen", phase: "listen", requestSent: false },
      "bun@1.1": BUN11_UNIX_ADDRESS_IN_USE,
      "bun@1.2": BUN11_UNIX_ADDRESS_IN_USE,
    },
    async provoke(scope) {
      const path = join(scope.tmpdir(), "taken.sock");
      await scope.server(() => {}, { path });
      const second = createServer();
      scope.defer(() => second.close());
      second.listen(path);
      return { error: await nextError(second), known: { path } };
    },
  },
  {
    id: "tcp-address-not-available",
    title: "listen on an address this host does not have (192.0.2.1, TEST-NET-1; nothing is sent)",
    expect: {
      default: NOT_AVAILABLE,
      "deno@2.0": NOT_AVAILABLE,
      "deno@2.1": NOT_AVAILABLE,
      "deno@2.2": NOT_AVAILABLE,
      "deno@2.3": NOT_AVAILABLE,
      "deno@2.4": NOT_AVAILABLE,
      "deno@2.5": NOT_AVAILABLE,
      "deno@2.6": NOT_AVAILABLE,
      deno: { kind: "OSError", code: "EINVAL", errno: 22, syscall: "listen", phase: "listen", requestSent: false, native: /^Error EINVAL listen$/, why: "node:net reports EINVAL (earlier versions said EADDRNOTAVAIL, as Linux does)" },
      "bun@1.1": {
        kind: "AddressNotAvailableError",
        code: "EADDRNOTAVAIL",
        errno: 99,
        phase: null,
        requestSent: null,
        native: /^Error EADDRNOTAVAIL$/,
        why: "node:net's error says neither the syscall nor the address (so neither where it failed)",
      },
    },
    async provoke(scope) {
      const server = createServer();
      scope.defer(() => server.close());
      server.listen(0, "192.0.2.1");
      return { error: await nextError(server), known: { address: "192.0.2.1" } };
    },
  },
];
