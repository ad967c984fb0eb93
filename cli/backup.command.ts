import fs from 'node:fs';
import { z } from 'zod';
import { readConfiguredKeys } from '../src/backup/backup.keys.ts';
import type { KeyPart } from '../src/backup/backup.model.ts';
import { dumpStoppedPglite, isPgliteDirInUse } from '../src/backup/backup.pglite.ts';
import { dumpPostgres } from '../src/backup/backup.postgres.ts';
import {
  createBackup,
  engineOf,
  pgdataOf,
  type RestoreReport,
  restoreBackup,
} from '../src/backup/backup.service.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { systemClock } from '../src/shared/clock.ts';

export interface BackupCommandOptions {
  includeKeys?: string | boolean;
  passphraseFile?: string;
  pgBin?: string;
  assumeStopped?: boolean;
}

export interface RestoreCommandOptions {
  force?: boolean;
  passphraseFile?: string;
  pgBin?: string;
}

const partsSchema = z.array(z.enum(['master', 'signing']));

function parseParts(value: string | boolean | undefined): KeyPart[] {
  if (value === undefined || value === false) return [];
  if (value === true || value === 'all') return ['master', 'signing'];
  return [...new Set(partsSchema.parse(value.split(',').map((p) => p.trim())))];
}

/** The passphrase from a file (first line) or HUTONG_BACKUP_PASSPHRASE; never an argument (process lists). */
function readPassphrase(file: string | undefined): string | undefined {
  if (file) return fs.readFileSync(file, 'utf8').split(/\r?\n/)[0];
  return process.env.HUTONG_BACKUP_PASSPHRASE || undefined;
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** `hutong backup FILE`: exit 0 when written. */
export async function backupCommand(file: string, opts: BackupCommandOptions): Promise<number> {
  const config = loadConfig();
  const engine = engineOf(config);
  const includeKeys = parseParts(opts.includeKeys);
  const pgdata = pgdataOf(config);
  if (engine === 'pglite' && isPgliteDirInUse(pgdata) && !opts.assumeStopped) {
    err(
      `error: ${pgdata} is held by a running Hutong server. The embedded store is one process's files, so the CLI ` +
        'cannot read it while the server runs: stop the server (a backup takes seconds) and run this again, or ' +
        'use PostgreSQL (DATABASE_URL), whose backups run online. If no server runs (one was killed), pass ' +
        '--assume-stopped.',
    );
    return 1;
  }
  const common = {
    engine,
    keys: await readConfiguredKeys(config),
    includeKeys,
    passphrase: readPassphrase(opts.passphraseFile),
    now: systemClock.now(),
  };
  let result: Awaited<ReturnType<typeof createBackup>>;
  if (engine === 'pglite') {
    result = await createBackup(file, {
      ...common,
      snapshot: (payload) => dumpStoppedPglite(pgdata, payload),
    });
  } else {
    const handle = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 2 });
    try {
      result = await createBackup(file, {
        ...common,
        snapshot: (payload) => dumpPostgres(handle.bulk, config.databaseUrl ?? '', payload, opts.pgBin),
      });
    } finally {
      await handle.close();
    }
  }
  const m = result.manifest;
  const rows = Object.values(m.counts).reduce((a, b) => a + b, 0);
  out(`backup written: ${file} (${m.engine}, ${m.payload.bytes} bytes, schema ${m.migration ?? '(none)'})`);
  out(`  ${Object.keys(m.counts).length} tables, ${rows} rows; audit head ${m.auditHead?.hash ?? '(empty)'}`);
  out(
    `  needs master key ${m.keys.master.fingerprint ?? '(unknown)'} (data keys ${m.keys.master.dataKeyIds.join(', ') || 'none'})`,
  );
  out(
    `  signing key ${m.keys.signing.active ?? '(none configured)'}; published ${m.keys.signing.published.length}`,
  );
  out(
    m.keys.included
      ? `  keys included, sealed with the passphrase: ${m.keys.included.parts.join(', ')}`
      : '  keys NOT included: keep the master key (and signing key) safe, apart from this file',
  );
  for (const warning of result.warnings) err(`warning: ${warning}`);
  return 0;
}

const matchText: Record<RestoreReport['master']['match'], string> = {
  matches: 'the configured key matches',
  differs: 'the configured key DOES NOT MATCH',
  'not-configured': 'no key is configured here',
  unknown: 'the backup does not name it',
};

/** `hutong restore FILE`: exit 0 when restored and checked, 1 when a check fails. */
export async function restoreCommand(file: string, opts: RestoreCommandOptions): Promise<number> {
  const config = loadConfig();
  const report = await restoreBackup(file, {
    config,
    force: opts.force ?? false,
    passphrase: readPassphrase(opts.passphraseFile),
    pgBin: opts.pgBin,
    knownMigrations: Object.keys(migrations),
  });
  const m = report.manifest;
  out(`restored ${file} (${m.engine}, taken ${m.createdAt}, schema ${m.migration ?? '(none)'})`);
  for (const f of report.movedAside) out(`  moved aside: ${f}`);
  for (const f of report.keysWritten) out(`  key written: ${f}`);
  out(`  master key needed: ${report.master.needed ?? '(unknown)'} — ${matchText[report.master.match]}`);
  out(`  signing key at backup: ${report.signing.active ?? '(none)'} — ${matchText[report.signing.match]}`);
  let failed = false;
  if (report.master.opensDataKeys === false) {
    err('error: the configured master key does not open the restored data keys: the server will not start');
    failed = true;
  } else if (report.master.opensDataKeys === null) {
    err(
      `action needed: configure master key ${report.master.needed ?? '(the one this data was made with)'} ` +
        '(HUTONG_DATA_KEY or <data dir>/keys/master.key) before starting the server',
    );
  }
  if (report.signing.match !== 'matches')
    out(
      '  credentials issued before verify as they did (their public keys are restored); new ones will be signed ' +
        'with the key configured here',
    );
  if (report.countDifferences.length > 0) {
    err(`error: row counts differ from the backup's:\n  ${report.countDifferences.join('\n  ')}`);
    failed = true;
  } else out(`  row counts match the backup (${Object.keys(m.counts).length} tables)`);
  if (!report.audit.ok) {
    err(
      `error: audit log BROKEN at position ${report.audit.problem?.position}: ${report.audit.problem?.kind}`,
    );
    failed = true;
  } else if (!report.auditHeadMatches) {
    err(`error: audit head ${report.audit.headHash} is not the backup's ${m.auditHead?.hash}`);
    failed = true;
  } else out(`  audit log OK: ${report.audit.checked} rows, head ${report.audit.headHash ?? '(empty)'}`);
  return failed ? 1 : 0;
}
