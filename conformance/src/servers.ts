/**
 * @module
 * Real servers for the client scenarios: PostgreSQL, Redis and MariaDB, from the machine's own
 * packages (Debian's `postgresql`, `redis-server`, `mariadb-server`; `.ci/run` installs them).
 * Each scenario starts its own on a free loopback port and kills it (by PID) at its scope's
 * close, so a scenario may kill its server mid-query without touching the next one. A watchdog
 * kills a server whose runtime died before cleaning up. Where a server is missing, `missing()`
 * says why, and the scenario is skipped with that reason.
 */

import { spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { closedPort, type Scope, sleep } from "./peers.ts";

/** A server of a scenario's own: its port on 127.0.0.1 and the PID of the server process. */
export interface RealServer {
  readonly port: number;
  readonly pid: number;
  /** Kills the server process at once (SIGKILL), as a crash would. */
  kill(): void;
}

export type ServerKind = "postgres" | "redis" | "mariadb";

const isRoot = (): boolean => typeof process.getuid === "function" && process.getuid() === 0;

/** The first of `dirs/name` that exists. */
const firstExisting = (paths: readonly string[]): string | undefined => paths.find((p) => existsSync(p));

/** PostgreSQL's binaries: Debian keeps them in /usr/lib/postgresql/<major>/bin (newest first). */
function postgresBin(): string | undefined {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return undefined;
  const majors = readdirSync(base)
    .filter((d) => /^\d+$/.test(d))
    .sort((a, b) => Number(b) - Number(a));
  return majors.map((m) => join(base, m, "bin")).find((dir) => existsSync(join(dir, "postgres")) && existsSync(join(dir, "initdb")));
}

const BINARIES: Readonly<Record<ServerKind, () => string | undefined>> = {
  postgres: () => {
    const bin = postgresBin();
    if (bin === undefined) return undefined;
    // PostgreSQL refuses to run as root: as root, it runs as Debian's `postgres` user.
    if (isRoot() && spawnSync("id", ["-u", "postgres"], { timeout: 5000 }).status !== 0) return undefined;
    return bin;
  },
  redis: () => firstExisting(["/usr/bin/redis-server", "/usr/local/bin/redis-server"]),
  mariadb: () => firstExisting(["/usr/sbin/mariadbd", "/usr/bin/mariadbd"]),
};

const PACKAGE: Readonly<Record<ServerKind, string>> = { postgres: "postgresql", redis: "redis-server", mariadb: "mariadb-server" };

/** Why `kind` cannot be started here (its package is not installed), or undefined if it can. */
export function missing(kind: ServerKind): string | undefined {
  if (process.platform !== "linux") return `the ${kind} server is started from Debian's packages, on Linux only`;
  return BINARIES[kind]() === undefined ? `no ${kind} server on this machine (Debian's ${PACKAGE[kind]}; .ci/run installs it)` : undefined;
}

/** Resolves once something accepts on 127.0.0.1:`port`; throws after `ms`. */
async function accepting(port: number, ms: number, alive: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  for (let i = 0; i < 400 && Date.now() < until; i++) {
    if (!alive()) throw new Error("the server exited before it accepted a connection");
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: "127.0.0.1", port });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`nothing accepted on 127.0.0.1:${port} within ${ms} ms`);
}

/**
 * Runs `argv` under a watchdog shell that kills it when this process is gone, and returns the
 * server's own PID (the shell prints it first).
 */
async function launch(scope: Scope, argv: readonly string[], user: string | undefined): Promise<{ pid: number; alive: () => boolean; log: () => string }> {
  const command = asUser(user, argv);
  const watchdog = [
    `"$@" & s=$!`,
    `echo "$s"`,
    // The runtime that started us is $PPID: when it is gone (killed mid-run), so is the server.
    `while kill -0 "$PPID" 2>/dev/null && kill -0 "$s" 2>/dev/null; do sleep 0.5; done`,
    `kill -9 "$s" 2>/dev/null; wait "$s" 2>/dev/null; exit 0`,
  ].join("\n");
  const shell = spawn("sh", ["-c", watchdog, "sh", ...command], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  shell.stderr.setEncoding("utf8").on("data", (d: string) => (err = (err + d).slice(-2000)));
  let exited = false;
  shell.once("exit", () => (exited = true));
  const pid = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${argv[0]} did not start within 5 s`)), 5000);
    shell.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      const line = out.split("\n")[0];
      if (out.includes("\n")) {
        clearTimeout(timer);
        resolve(Number(line));
      }
    });
    shell.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  const alive = (): boolean => {
    if (exited) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  scope.defer(async () => {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone (a scenario killed it)
    }
    for (let i = 0; i < 40 && !exited; i++) await sleep(50);
  });
  return { pid, alive, log: () => err };
}

/** `argv` run as `user` (setpriv execs it: the PID stays the server's own, for a kill -9). */
const asUser = (user: string | undefined, argv: readonly string[]): string[] =>
  user === undefined ? [...argv] : ["setpriv", `--reuid=${user}`, `--regid=${user}`, "--init-groups", "--", ...argv];

/** A directory `user` may write (PostgreSQL runs as `postgres` when we are root). */
function ownedDir(scope: Scope, user: string | undefined): string {
  const dir = scope.tmpdir();
  if (user !== undefined) {
    const id = spawnSync("id", ["-u", user], { encoding: "utf8", timeout: 5000 });
    const gid = spawnSync("id", ["-g", user], { encoding: "utf8", timeout: 5000 });
    chownSync(dir, Number(id.stdout.trim()), Number(gid.stdout.trim()));
  }
  return dir;
}

/**
 * Starts a server of `kind` of the scenario's own on a free port of 127.0.0.1, closed at the
 * scope's close. Throws if it does not accept within 20 s (check {@link missing} first).
 *
 * - PostgreSQL: a fresh cluster (`initdb`, trust authentication, user `postgres`, database `postgres`);
 * - Redis: no persistence, no protected mode;
 * - MariaDB: a fresh data directory, user `root` with no password over TCP, database `mysql`.
 */
export async function startServer(scope: Scope, kind: ServerKind): Promise<RealServer> {
  const bin = BINARIES[kind]();
  if (bin === undefined) throw new Error(missing(kind));
  const port = await closedPort("127.0.0.1");
  let started: { pid: number; alive: () => boolean; log: () => string };
  if (kind === "postgres") {
    const user = isRoot() ? "postgres" : undefined;
    const dir = ownedDir(scope, user);
    const data = join(dir, "data");
    const [cmd, ...args] = asUser(user, [join(bin, "initdb"), "-D", data, "--auth=trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
    const init = spawnSync(cmd!, args, { encoding: "utf8", timeout: 60_000 });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr?.slice(-500) ?? init.error?.message}`);
    started = await launch(
      scope,
      [join(bin, "postgres"), "-D", data, "-h", "127.0.0.1", "-p", String(port), "-k", dir, "-c", "fsync=off", "-c", "max_connections=20", "-c", "shared_buffers=16MB"],
      user,
    );
  } else if (kind === "redis") {
    const dir = scope.tmpdir();
    started = await launch(scope, [bin, "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no", "--dir", dir], undefined);
  } else {
    const dir = scope.tmpdir();
    const data = join(dir, "data");
    mkdirSync(data);
    // Its temporary tables in the scenario's own directory, not /tmp: two runtimes run side by
    // side, and a bootstrap once failed on a temporary table it could not remove there.
    const install = spawnSync("mariadb-install-db", [`--datadir=${data}`, "--user=root", "--auth-root-authentication-method=normal", "--skip-test-db", `--tmpdir=${dir}`], {
      encoding: "utf8",
      timeout: 60_000,
    });
    if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr?.slice(-500) ?? install.error?.message}`);
    started = await launch(
      scope,
      [bin, "--no-defaults", `--datadir=${data}`, "--user=root", "--bind-address=127.0.0.1", `--port=${port}`, `--socket=${join(dir, "mysqld.sock")}`, `--pid-file=${join(dir, "mysqld.pid")}`, `--tmpdir=${dir}`, "--skip-log-bin", "--innodb-buffer-pool-size=16M"],
      undefined,
    );
  }
  try {
    await accepting(port, 20_000, started.alive);
  } catch (error) {
    throw new Error(`${kind} did not start: ${(error as Error).message}\n${started.log()}`);
  }
  const { pid } = started;
  return {
    port,
    pid,
    kill: () => {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    },
  };
}

/** Kills a process of the server (a PostgreSQL backend, by the PID it reported) at once. */
export function killPid(pid: number): void {
  process.kill(pid, "SIGKILL");
}
