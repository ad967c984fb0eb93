import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A PostgreSQL 15 server for the bench: DATABASE_URL when given; otherwise, when run as root on a machine with
 * Debian's postgresql-15, a throw-away cluster started as the `postgres` user (as .ci/run does).
 */
export interface BenchPostgres {
  url: string;
  stop(): void;
}

const PG_BIN = '/usr/lib/postgresql/15/bin';

export function startBenchPostgres(): BenchPostgres | null {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: () => {} };
  if (process.getuid?.() !== 0 || !fs.existsSync(PG_BIN)) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-bench-pg-'));
  execFileSync('chown', ['postgres:postgres', dir]);
  const port = 55000 + Math.floor(Math.random() * 1000);
  const su = (cmd: string) =>
    execFileSync('su', ['postgres', '-s', '/bin/bash', '-c', cmd], { stdio: 'ignore' });
  su(`${PG_BIN}/initdb -D ${dir}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8`);
  su(
    `${PG_BIN}/pg_ctl -D ${dir}/data -o '-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_wal_size=4GB' -l ${dir}/log -w start`,
  );
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      su(`${PG_BIN}/pg_ctl -D ${dir}/data -m fast stop`);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
