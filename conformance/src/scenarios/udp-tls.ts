/**
 * @module
 * UDP and TLS: a datagram to a closed loopback port on a connected socket, and tls.connect to
 * a plain server that closes at once.
 */

import { createSocket } from "node:dgram";
import { connect as tls } from "node:tls";
import { nextError, sleep } from "../peers.ts";
import { closedUdpPort, V4 } from "../provoke.ts";
import type { Expectation, Scenario } from "../types.ts";

/** Bun 1.1's pin of udp-refused, which Bun 1.2 gives too. */
const BUN11_UDP_REFUSED: Expectation = { kind: "no error", why: "node:dgram never reports the ICMP port-unreachable" };

export const udpTls: readonly Scenario[] = [
  {
    id: "udp-refused",
    title: "UDP send on a connected socket to a closed loopback port",
    expect: {
      // The datagram went out; the refusal (ICMP port unreachable) came back on the next receive.
      default: { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, phase: "receive", requestSent: true },
      deno: { kind: "no error", why: "node:dgram never reports the ICMP port-unreachable" },
      "bun@1.1": BUN11_UDP_REFUSED,
      "bun@1.2": BUN11_UDP_REFUSED,
    },
    async provoke(scope) {
      const port = await closedUdpPort();
      const socket = createSocket("udp4");
      scope.defer(() => socket.close());
      await new Promise<void>((resolve, reject) => {
        socket.once("error", reject);
        socket.connect(port, V4, () => resolve());
      });
      const error = nextError(socket);
      socket.on("error", () => {}); // later datagrams fail the same way
      // The ICMP port-unreachable answer arrives after the first datagram; send a few, bounded.
      for (let i = 0; i < 5; i++) {
        socket.send("ping", () => {});
        await sleep(20);
      }
      return { error: await error };
    },
  },
  {
    id: "tls-to-plain-server-closed",
    title: "tls.connect to a plain TCP server that closes at once",
    expect: {
      // The server closed during the TLS handshake: no byte of a request was sent.
      default: { kind: "ConnectionResetError", code: "ECONNRESET", phase: "tls", requestSent: false },
      "deno@2.0": { kind: "ConnectionResetError", phase: null, requestSent: null, native: /^UnexpectedEof "unexpected end of file"$/, why: "node:tls lets Deno's own UnexpectedEof through, with no code (and no word of the handshake)" },
      "bun@1.1": { kind: "no error", why: "node:tls emits no 'error' at all" },
    },
    async provoke(scope) {
      const { port } = await scope.server((socket) => socket.end(), { host: V4 });
      const socket = tls({ host: V4, port, rejectUnauthorized: false });
      scope.defer(() => socket.destroy());
      return { error: await nextError(socket), known: { address: V4, port } };
    },
  },
];
