import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { BulkRunner } from '../db/database.ts';
import { describeStore, type StoreFacts } from './backup.store.ts';

export type PgTool = 'pg_dump' | 'pg_restore';

/**
 * Where pg_dump and pg_restore are: an explicit directory, else PATH, else the newest Debian/Ubuntu
 * `/usr/lib/postgresql/<major>/bin`. pg_dump must be at least the server's major version.
 */
export function findPgTool(tool: PgTool, binDir?: string): string {
  if (binDir) {
    const file = path.join(binDir, tool);
    if (!fs.existsSync(file)) throw new Error(`${tool} not found in ${binDir}`);
    return file;
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, tool);
    if (fs.existsSync(file)) return file;
  }
  const debian = '/usr/lib/postgresql';
  const majors = fs.existsSync(debian)
    ? fs
        .readdirSync(debian)
        .filter((d) => /^\d+$/.test(d))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const major of majors) {
    const file = path.join(debian, major, 'bin', tool);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`${tool} not found: install the PostgreSQL client tools or pass --pg-bin <dir>`);
}

/** The URL without its password, which goes to the tool through PGPASSWORD (process lists show arguments). */
function connectionArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: password ? { PGPASSWORD: password } : {} };
}

function runTool(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(file)} failed (exit ${code}): ${stderr.trim().slice(0, 2000)}`));
    });
  });
}

/**
 * `pg_dump -Fc` of a snapshot exported from a REPEATABLE READ transaction that also reads the manifest's facts,
 * so the archive and its counts describe the same instant while the server keeps writing. Unlogged tables keep
 * their definitions but not their rows: what a crash may lose a backup need not keep, and a restored server must
 * not inherit the source's rate-limit windows (a backup taken under load would otherwise refuse logins).
 */
export async function dumpPostgres(
  bulk: BulkRunner,
  url: string,
  payloadFile: string,
  binDir?: string,
): Promise<StoreFacts> {
  const pgDump = findPgTool('pg_dump', binDir);
  const { dbname, env } = connectionArgs(url);
  return bulk(async (session) => {
    await sql`begin isolation level repeatable read read only`.execute(session.db);
    try {
      const { rows } = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(session.db);
      const snapshot = rows[0]?.id;
      if (!snapshot) throw new Error('PostgreSQL did not export a snapshot');
      const facts = await describeStore(session.db);
      await runTool(
        pgDump,
        [
          '--format=custom',
          '--no-unlogged-table-data',
          `--snapshot=${snapshot}`,
          `--file=${payloadFile}`,
          `--dbname=${dbname}`,
        ],
        env,
      );
      return facts;
    } finally {
      await sql`commit`.execute(session.db);
    }
  });
}

/**
 * `pg_restore` in one transaction (all or nothing), without the source's owners and grants so any role that
 * owns the target database can restore; `clean` drops the archive's objects first (restore --force).
 */
export async function restorePostgres(
  url: string,
  payloadFile: string,
  options: { clean: boolean; binDir?: string | undefined },
): Promise<void> {
  const pgRestore = findPgTool('pg_restore', options.binDir);
  const { dbname, env } = connectionArgs(url);
  await runTool(
    pgRestore,
    [
      '--exit-on-error',
      '--single-transaction',
      '--no-owner',
      '--no-privileges',
      ...(options.clean ? ['--clean', '--if-exists'] : []),
      `--dbname=${dbname}`,
      payloadFile,
    ],
    env,
  );
}
