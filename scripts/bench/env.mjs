// Which runtime this is, and real failures provoked with its own API on loopback (a port that was
// just closed: nothing listens there). Runs in Node, Deno and Bun.
import { createServer } from "node:net";

export const runtime = typeof Deno !== "undefined" ? "deno" : typeof Bun !== "undefined" ? "bun" : "node";
export const version = runtime === "deno" ? Deno.version.deno : runtime === "bun" ? Bun.version : process.versions.node;

/** A loopback port that nothing listens on: bound, then closed. */
export async function closedPort() {
  const server = createServer();
  await new Promise((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One refused connect, with the runtime's own socket API: node:net, Deno.connect, Bun.connect. */
async function refusedConnect(port) {
  if (runtime === "deno") {
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
    } catch (error) {
      return error;
    }
  } else if (runtime === "bun") {
    try {
      (await Bun.connect({ hostname: "127.0.0.1", port, socket: { data() {}, error() {} } })).end();
    } catch (error) {
      return error;
    }
  } else {
    const { connect } = await import("node:net");
    return await new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("error", resolve);
      socket.once("connect", () => (socket.destroy(), resolve(undefined)));
    });
  }
  return undefined;
}

/** One failed fetch (the runtime's own fetch), with whatever cause chain the runtime gives. */
async function refusedFetch(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`);
    await response.body?.cancel();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** `count` real failures of each kind, each a distinct object. Throws if loopback did not refuse. */
export async function provoke(count) {
  const port = await closedPort();
  const connects = [];
  const fetches = [];
  for (let i = 0; i < count; i++) connects.push(await refusedConnect(port));
  for (let i = 0; i < count; i++) fetches.push(await refusedFetch(port));
  if (connects.some((e) => e === undefined) || fetches.some((e) => e === undefined)) {
    throw new Error(`something listens on 127.0.0.1:${port}: no failure to measure`);
  }
  return { port, connects, fetches };
}

/** A short description of a thrown error and its cause chain. */
export function shape(error, depth = 0) {
  if (error === null || typeof error !== "object" || depth > 3) return String(error);
  const code = typeof error.code === "string" ? ` ${error.code}` : "";
  const head = `${error.constructor?.name ?? "?"}${error.name !== error.constructor?.name ? `(${error.name})` : ""}${code}`;
  return error.cause !== undefined ? `${head} <- ${shape(error.cause, depth + 1)}` : head;
}
