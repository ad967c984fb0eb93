import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

/** How long a replica that refused a connection is left alone before it is tried again. */
const RETRY_AFTER_MS = 30_000;

export interface ReadReplicas {
  /** Reads that may lag the primary by replication delay: a replica's when one answers, else the primary's. */
  readonly db: Kysely<Database>;
  close(): Promise<void>;
}

/** Where a URL points, without its credentials: what a warning may name. */
function hostOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/**
 * `DATABASE_READ_URL` (issue 16 §3): a Kysely whose connections come from the streaming replicas in turn. A replica
 * that cannot be reached is skipped for 30 s with a warning, and when none can, the connection comes from a small
 * pool on the primary: the public keeps its answers while a replica is down. The replicas are PostgreSQL's own
 * streaming standbys (`pg_basebackup -R`); nothing here replicates.
 */
export function openReadReplicas(
  replicaUrls: readonly string[],
  primaryUrl: string,
  warn: (message: string) => void,
  now: () => number = Date.now,
): ReadReplicas {
  const onIdleError = (error: Error) =>
    warn(`read pool: an idle connection failed and was dropped (${error.message})`);
  const replicas = replicaUrls.map((url) => {
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 2000 });
    pool.on('error', onIdleError);
    return { pool, host: hostOf(url), downUntil: 0 };
  });
  const primary = new pg.Pool({ connectionString: primaryUrl, max: 5 });
  primary.on('error', onIdleError);
  let next = 0;
  const pool = {
    async connect(): Promise<pg.PoolClient> {
      for (let tried = 0; tried < replicas.length; tried++) {
        const replica = replicas[next++ % replicas.length];
        if (!replica || replica.downUntil > now()) continue;
        try {
          return await replica.pool.connect();
        } catch (error) {
          replica.downUntil = now() + RETRY_AFTER_MS;
          warn(
            `read replica ${replica.host} cannot be reached (${error instanceof Error ? error.message : String(error)}): reading from the primary, retrying it in ${RETRY_AFTER_MS / 1000} s`,
          );
        }
      }
      return primary.connect();
    },
    async end(): Promise<void> {
      await Promise.all([...replicas.map((r) => r.pool.end()), primary.end()]);
    },
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, close: () => db.destroy() };
}
