/**
 * @module
 * pg (node-postgres) against a real PostgreSQL server of the scenario's own.
 */

import type { Client as PgClient, ClientConfig } from "pg";
import { closedPort } from "../../peers.ts";
import { rejection } from "../../peers.ts";
import { startServer } from "../../servers.ts";
import type { Scenario } from "../../types.ts";
import { load, needs } from "./kit.ts";

type Pg = { Client: new (config: ClientConfig) => PgClient };

export const pgClients: readonly Scenario[] = [
  {
    id: "pg-refused",
    client: "pg",
    title: "pg Client.connect() to a closed port",
    expect: { default: { kind: "ConnectionRefusedError", code: "ECONNREFUSED", errno: 111, syscall: "connect", phase: "connect", requestSent: false, knownFields: ["address", "port"] } },
    async provoke(scope) {
      const pg = await load<Pg>("pg");
      const port = await closedPort("127.0.0.1");
      const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres" });
      scope.defer(() => client.end().catch(() => {}));
      return { error: await rejection(client.connect()), known: { address: "127.0.0.1", port } };
    },
  },
  {
    id: "pg-backend-killed",
    client: "pg",
    title: "pg query while its PostgreSQL backend is killed (kill -9)",
    skip: needs("postgres"),
    expect: { default: { kind: "ConnectionError", phase: "receive", requestSent: true } },
    async provoke(scope) {
      const pg = await load<Pg>("pg");
      const server = await startServer(scope, "postgres");
      const client = new pg.Client({ host: "127.0.0.1", port: server.port, user: "postgres", database: "postgres" });
      client.on("error", () => {});
      scope.defer(() => client.end().catch(() => {}));
      await client.connect();
      const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
      const pending = client.query("select pg_sleep(30)");
      setTimeout(() => process.kill(rows[0]!.pid, "SIGKILL"), 100);
      return { error: await rejection(pending, 10_000) };
    },
  },
];
