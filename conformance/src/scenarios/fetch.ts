/**
 * @module
 * fetch: to a closed port, to a server that resets or closes before answering, and responses
 * whose body the server cuts short with a FIN or a RST.
 */

import { closedPort, peer, rejection } from "../peers.ts";
import { httpHead, V4 } from "../provoke.ts";
import type { Expectation, Expectations, KnownField, Scenario } from "../types.ts";

/**
 * Bun's fetch: `errno: 0`, no cause, the URL in `path` (read back as address and port). Bun 1.1.45
 * names the failure after a Zig error (`ConnectionRefused`, `ConnectionClosed`) on a plain Error;
 * Bun 1.2.23 and 1.3.14 still say ConnectionRefused, but a closed connection is ECONNRESET on a
 * plain Error; Bun 1.4.5 gives the POSIX code on a TypeError. A FIN and a RST give the same code.
 */
function bunFetchPins(
  kind: "ConnectionRefusedError" | "ConnectionResetError",
  knownFields: readonly KnownField[] = ["address", "port"],
): Pick<Expectations, "bun" | "bun@1.1" | "bun@1.2" | "bun@1.3"> {
  const [code, errno, zig] = kind === "ConnectionRefusedError" ? ["ECONNREFUSED", 111, "ConnectionRefused"] : ["ECONNRESET", 104, "ConnectionClosed"];
  // A refusal is a connect's; a closed connection Bun reports alike wherever it happened (a cut
  // TLS handshake too): where, and whether the request went out, is lost.
  const where = kind === "ConnectionRefusedError" ? ({ phase: "connect", requestSent: false } as const) : ({ phase: null, requestSent: null } as const);
  const lost = kind === "ConnectionRefusedError" ? "" : ", and says nothing of where it failed";
  const bun11: Expectation = { kind, code, errno, knownFields, ...where, native: new RegExp(`^Error ${zig}$`), why: `fetch names the failure after a Zig error (${zig}) on a plain Error${lost}` };
  // Bun 1.2 and 1.3: a refusal as on 1.1; a closed connection with the POSIX code, on a plain Error.
  const bun12: Expectation =
    kind === "ConnectionRefusedError" ? bun11 : { kind, code, errno, knownFields, ...where, native: new RegExp(`^Error ${code}$`), why: `fetch gives the POSIX code (${code}) on a plain Error${lost}` };
  return {
    "bun@1.1": bun11,
    "bun@1.2": bun12,
    "bun@1.3": bun12,
    bun: { kind, code, errno, knownFields, ...where, native: new RegExp(`^TypeError ${code}$`), why: `fetch gives the POSIX code on a TypeError, errno 0, the URL in path${lost}` },
  };
}

/** Deno's fetch: a body cut short by a FIN or by a RST gives the same text, and no code or cause. */
const DENO_BODY_CUT: Expectation = {
  kind: "ConnectionResetError",
  code: "ECONNRESET",
  phase: "receive", requestSent: true,
  native: /^TypeError "error reading a body from connection"$/,
  why: "a body cut short by a FIN or by a RST gives the same text, and no code or cause",
};

/**
 * Deno's fetch up to 2.9.1 (live on 2.1.14, 2.2.15, 2.3.7, 2.4.4, 2.5.7, 2.6.8, 2.7.14, 2.8.3 and 2.9.0; a reset and a close as on 2.0.6):
 * the text on the TypeError itself. From 2.9.2 the TypeError says "fetch failed" and the text is on its cause (the `deno` pins).
 */
const DENO27_FETCH_REFUSED: Expectation = { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, phase: "connect", requestSent: false, native: /^TypeError "error sending request for url/, why: "fetch keeps only text, on the TypeError itself" };
const DENO20_FETCH_RESET: Expectation = {
  kind: "ConnectionResetError",
  code: "ECONNRESET",
  errno: 104,
  phase: null,
  requestSent: null,
  native: /^TypeError "error sending request from [^"]*" <- Error "Connection reset by peer/,
  why: "fetch's text (client error (SendRequest)) says the connection was up, not whether the request had gone out",
};
const DENO20_FETCH_CLOSED: Expectation = { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true, native: /^TypeError "error sending request from/, why: "fetch says it as text only" };

export const fetches: readonly Scenario[] = [
  {
    id: "fetch-refused",
    title: "fetch to a closed port",
    // Deno's fetch keeps only text: "... tcp connect error: Connection refused (os error 111)",
    // on the cause (Deno >= 2.9.2) or on the TypeError itself (before).
    expect: {
      default: {
        kind: "ConnectionRefusedError",
        code: "ECONNREFUSED",
        errno: 111,
        syscall: "connect",
        phase: "connect",
        requestSent: false,
        knownFields: ["address", "port"],
        native: /^TypeError "fetch failed" <- Error ECONNREFUSED/,
      },
      "deno@2.0": { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, phase: "connect", requestSent: false, native: /^TypeError/, why: "fetch keeps only text, on the TypeError itself" },
      "deno@2.1": DENO27_FETCH_REFUSED,
      "deno@2.2": DENO27_FETCH_REFUSED,
      "deno@2.3": DENO27_FETCH_REFUSED,
      "deno@2.4": DENO27_FETCH_REFUSED,
      "deno@2.5": DENO27_FETCH_REFUSED,
      "deno@2.6": DENO27_FETCH_REFUSED,
      "deno@2.7": DENO27_FETCH_REFUSED,
      "deno@2.8": DENO27_FETCH_REFUSED,
      deno: {
        kind: "ConnectionRefusedError",
        code: "ECONNREFUSED",
        errno: 111,
        phase: "connect",
        requestSent: false,
        native: /^TypeError "fetch failed" <- Error "error sending request for url/,
        why: "fetch keeps only text, on the cause",
      },
      ...bunFetchPins("ConnectionRefusedError"),
    },
    async provoke() {
      const port = await closedPort(V4);
      return { error: await rejection(fetch(`http://${V4}:${port}/`)), known: { address: V4, port } };
    },
  },
  {
    id: "fetch-reset",
    title: "fetch to a server that resets the connection",
    expect: {
      // The server read the request, then reset.
      default: { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true, native: /^TypeError "fetch failed" <- / },
      "deno@2.0": DENO20_FETCH_RESET,
      "deno@2.1": DENO20_FETCH_RESET,
      "deno@2.2": DENO20_FETCH_RESET,
      "deno@2.3": DENO20_FETCH_RESET,
      "deno@2.4": DENO20_FETCH_RESET,
      "deno@2.5": DENO20_FETCH_RESET,
      "deno@2.6": DENO20_FETCH_RESET,
      "deno@2.7": DENO20_FETCH_RESET,
      "deno@2.8": DENO20_FETCH_RESET,
      deno: {
        kind: "ConnectionResetError",
        code: "ECONNRESET",
        errno: 104,
        phase: null,
        requestSent: null,
        native: /^TypeError "fetch failed" <- Error "Connection reset by peer/,
        why: "fetch keeps only the errno's text on the cause: not where it failed",
      },
      ...bunFetchPins("ConnectionResetError", []),
    },
    async provoke(scope) {
      const port = await peer(scope, { kind: "tcp", on: "data", then: "reset" });
      return { error: await rejection(fetch(`http://${V4}:${port}/`)) };
    },
  },
  {
    id: "fetch-closed-before-response",
    title: "fetch to a server that closes (FIN) before answering",
    // Deno (hyper): "connection closed before message completed", as text only.
    expect: {
      // The server read the request, then closed: it was sent.
      default: { kind: "ConnectionResetError", code: "UND_ERR_SOCKET", phase: "receive", requestSent: true, native: /^TypeError "fetch failed" <- \w+ UND_ERR_SOCKET/ },
      "deno@2.0": DENO20_FETCH_CLOSED,
      "deno@2.1": DENO20_FETCH_CLOSED,
      "deno@2.2": DENO20_FETCH_CLOSED,
      "deno@2.3": DENO20_FETCH_CLOSED,
      "deno@2.4": DENO20_FETCH_CLOSED,
      "deno@2.5": DENO20_FETCH_CLOSED,
      "deno@2.6": DENO20_FETCH_CLOSED,
      "deno@2.7": DENO20_FETCH_CLOSED,
      "deno@2.8": DENO20_FETCH_CLOSED,
      deno: { kind: "ConnectionResetError", code: "ECONNRESET", phase: "receive", requestSent: true, native: /^TypeError "fetch failed" <- Error "error sending request from/, why: "fetch says it as text only" },
      ...bunFetchPins("ConnectionResetError"),
    },
    async provoke(scope) {
      const { port } = await scope.server((socket) => socket.once("data", () => socket.end()), { host: V4 });
      return { error: await rejection(fetch(`http://${V4}:${port}/`)), known: { address: V4, port } };
    },
  },
  {
    id: "fetch-closed-mid-body",
    title: "fetch response whose body the server cuts short (FIN after 10 of 100 bytes)",
    expect: {
      default: {
        kind: "ConnectionResetError",
        code: "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
        phase: "receive", requestSent: true,
        native: /^TypeError "terminated" <- \w+ UND_ERR_RES_CONTENT_LENGTH_MISMATCH/,
      },
      deno: DENO_BODY_CUT,
      ...bunFetchPins("ConnectionResetError"),
    },
    async provoke(scope) {
      const { port } = await scope.server((socket) => {
        socket.once("data", () => {
          socket.write(httpHead(100) + "0123456789");
          setTimeout(() => socket.end(), 20);
        });
      }, { host: V4 });
      const response = await fetch(`http://${V4}:${port}/`);
      return { error: await rejection(response.text()), known: { address: V4, port } };
    },
  },
  {
    id: "fetch-reset-mid-body",
    title: "fetch response whose body the server resets (RST after 10 of 100 bytes)",
    // Both undici codes are the same failure to neterr. (Seen 5 runs out of 5 on each Node.)
    expect: {
      default: {
        kind: "ConnectionResetError",
        code: "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
        phase: "receive", requestSent: true,
        native: /^TypeError "terminated" <- \w+ UND_ERR_RES_CONTENT_LENGTH_MISMATCH$/,
      },
      "node@20": {
        kind: "ConnectionResetError",
        code: "UND_ERR_SOCKET",
        phase: "receive", requestSent: true,
        native: /^TypeError "terminated" <- SocketError UND_ERR_SOCKET$/,
        why: `undici reports the RST as SocketError UND_ERR_SOCKET ("closed"); Node 26's reports the body it did not get`,
      },
      deno: DENO_BODY_CUT,
      ...bunFetchPins("ConnectionResetError"),
    },
    async provoke(scope) {
      const port = await peer(scope, { kind: "tcp", on: "data", write: httpHead(100) + "0123456789", then: "reset", delay: 20 });
      const response = await fetch(`http://${V4}:${port}/`);
      return { error: await rejection(response.text()), known: { address: V4, port } };
    },
  },
];
