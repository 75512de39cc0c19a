/**
 * @module
 * A peer process (see `peer()` in peers.ts): always run by Node. Starts the peer its JSON
 * argument plans, prints `{"port":N}` on one line, and exits when its parent closes stdin, or
 * after two minutes at most.
 */
import { type PeerPlan, Scope, serveDns, serveTcp } from "./peers.ts";

const plan = JSON.parse(process.argv[2] ?? "{}") as PeerPlan;
const scope = new Scope();
const port = plan.kind === "dns" ? await serveDns(scope, plan.mode) : await serveTcp(scope, plan);
process.stdout.write(`${JSON.stringify({ port })}\n`);
const stop = (): void => {
  void scope.close().then(() => process.exit(0));
};
process.stdin.on("end", stop).on("error", stop).resume();
setTimeout(stop, 120_000).unref();
