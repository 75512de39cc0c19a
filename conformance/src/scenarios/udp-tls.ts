/**
 * @module
 * UDP and TLS: a datagram to a closed loopback port on a connected socket, tls.connect and
 * fetch https:// to a plain server that closes at once, and fetch https:// to a server whose
 * certificate is self-signed (a certificate error: not a socket failure, so left unchanged).
 */

import { createSocket } from "node:dgram";
import { createServer as httpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { connect as tls } from "node:tls";
import { nextError, rejection, sleep } from "../peers.ts";
import { closedUdpPort, selfSigned, V4 } from "../provoke.ts";
import type { Expectation, Scenario } from "../types.ts";

/** Bun 1.1's pin of udp-refused, which Bun 1.2 gives too. */
const BUN11_UDP_REFUSED: Expectation = { kind: "no error", why: "node:dgram never reports the ICMP port-unreachable" };

/** Bun 1.2 and 1.3, fetch https:// to a plain server that closes: one of two answers, at random. */
const BUN12_HTTPS_TO_PLAIN: Expectation = {
  kind: "not testable",
  why: "Bun 1.2.23 and 1.3.14 give ECONNRESET or UNKNOWN_CERTIFICATE_VERIFICATION_ERROR at random here (a certificate code in 1 of 10 runs alone, 2026-12-03; also under load): nothing to pin",
};

/** Deno 2.0.6's pin of tls-to-plain-server-closed, which Deno 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7 and 2.6.8 give too. */
const DENO20_TLS_EOF: Expectation = { kind: "ConnectionResetError", phase: null, requestSent: null, native: /^UnexpectedEof "unexpected end of file"$/, why: "node:tls lets Deno's own UnexpectedEof through, with no code (and no word of the handshake)" };

/** Bun 1.1's pin of fetch-self-signed, which Bun 1.2 and 1.3 give too. */
const BUN11_FETCH_SELF_SIGNED: Expectation = { kind: "unchanged", native: /^Error DEPTH_ZERO_SELF_SIGNED_CERT$/ };

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
      "deno@2.0": DENO20_TLS_EOF,
      "deno@2.1": DENO20_TLS_EOF,
      "deno@2.2": DENO20_TLS_EOF,
      "deno@2.3": DENO20_TLS_EOF,
      "deno@2.4": DENO20_TLS_EOF,
      "deno@2.5": DENO20_TLS_EOF,
      "deno@2.6": DENO20_TLS_EOF,
      "bun@1.1": { kind: "no error", why: "node:tls emits no 'error' at all" },
    },
    async provoke(scope) {
      const { port } = await scope.server((socket) => socket.end(), { host: V4 });
      const socket = tls({ host: V4, port, rejectUnauthorized: false });
      scope.defer(() => socket.destroy());
      return { error: await nextError(socket), known: { address: V4, port } };
    },
  },
  {
    id: "fetch-https-to-plain",
    title: "fetch https:// to a plain TCP server that closes at once",
    // Bun 1.1.45 answers this at random: ConnectionClosed in 10 of 20 runs, a certificate code
    // (UNABLE_TO_GET_ISSUER_CERT, as if a certificate had been seen) in the other 10. Neither can
    // be pinned; Bun 1.4.5 said ECONNRESET in 8 of 8. (Until 2026-12-04 this ran on Bun only.)
    expect: {
      // The server closed during the TLS handshake: no byte of the request was sent. Node's fetch
      // (undici) keeps the peer only as node:tls's `host` and a string `port`, which neterr does
      // not read (a `host` may be a name); Deno's keeps it in the URL of its text alone.
      default: { kind: "ConnectionResetError", code: "ECONNRESET", phase: "tls", requestSent: false },
      bun: { kind: "ConnectionResetError", code: "ECONNRESET", errno: 104, phase: null, requestSent: null, knownFields: ["address", "port"], native: /^TypeError ECONNRESET$/, why: "fetch says the connection closed, as for a response cut short: that it was the TLS handshake (nothing sent) is lost" },
      "bun@1.1": {
        kind: "not testable",
        why: "Bun 1.1.45 gives ConnectionClosed or UNABLE_TO_GET_ISSUER_CERT at random here (10 and 10 of 20 runs): nothing to pin",
      },
      // Bun 1.2.23 and 1.3.14 answer mostly ECONNRESET (9 of 9 and 9 of 10 runs alone), but a
      // certificate code now and then, more often with another runtime running beside them.
      "bun@1.2": BUN12_HTTPS_TO_PLAIN,
      "bun@1.3": BUN12_HTTPS_TO_PLAIN,
    },
    async provoke(scope) {
      const { port } = await scope.server((socket) => socket.end(), { host: V4 });
      return { error: await rejection(fetch(`https://${V4}:${port}/`)), known: { address: V4, port } };
    },
  },
  {
    id: "fetch-self-signed",
    title: "fetch https:// to a server whose certificate is self-signed (a certificate error, not a socket failure)",
    expect: {
      default: { kind: "unchanged" },
      bun: { kind: "unchanged", native: /^TypeError DEPTH_ZERO_SELF_SIGNED_CERT$/ },
      "bun@1.1": BUN11_FETCH_SELF_SIGNED,
      "bun@1.2": BUN11_FETCH_SELF_SIGNED,
      "bun@1.3": BUN11_FETCH_SELF_SIGNED,
    },
    async provoke(scope) {
      const server = httpsServer({ cert: selfSigned("cert"), key: selfSigned("key") }, (_request, response) => response.end("hi"));
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, V4, resolve);
      });
      scope.defer(() => {
        server.closeAllConnections?.();
        server.close();
      });
      const { port } = server.address() as AddressInfo;
      return { error: await rejection(fetch(`https://${V4}:${port}/`)), known: { address: V4, port } };
    },
  },
];
