import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import type { Principal } from '../src/accounts/accounts.model.ts';
import { getUserByUsername, toPrincipal } from '../src/accounts/accounts.store.ts';
import { loadCatalog } from '../src/catalog/catalog.load.ts';
import { loadConfig } from '../src/config.ts';
import { loadMasterKey, openKeyring } from '../src/protection/protection.service.ts';
import type { ImportProgress } from '../src/registry/import/import.engine.ts';
import {
  createImportJob,
  executeImportJob,
  failInterruptedImports,
} from '../src/registry/import/import.service.ts';
import { configureLease } from '../src/registry/import/import.workdir.ts';
import { openConfiguredDatabase } from '../src/runtime.ts';
import { systemClock } from '../src/shared/clock.ts';
import { AppError } from '../src/shared/errors.ts';
import { neutraliseCsvCell } from '../src/shared/spreadsheet-cells.ts';

const operator = (): Principal => ({
  via: 'session',
  userId: null,
  username: `cli:${process.env.USER ?? 'operator'}`,
  role: 'system-admin',
  department: null,
  province: null,
  institution: null,
  holderId: null,
});

/** `hutong import FILE`: the same job as the API's, run in this process with a progress bar (rows, rows/s, ETA). */
export async function importFile(
  file: string,
  opts: { acceptValid?: boolean; as?: string; errors?: string },
): Promise<number> {
  if (!fs.existsSync(file)) throw new AppError('not_found', `no file ${file}`);
  const config = loadConfig();
  const catalog = loadCatalog(config.catalogDir);
  const handle = await openConfiguredDatabase(config);
  const keyring = await openKeyring(handle.db, loadMasterKey(config.dataKey, config.dataDir), 0, {
    profile: config.cryptoProfile,
  });
  const deps = { db: handle.db, catalog, keyring, clock: systemClock, bulk: handle.bulk };
  configureLease(config.importLeaseMs);
  try {
    const workDir = path.join(config.dataDir, 'imports');
    const interrupted = await failInterruptedImports(deps, {
      workDir,
      exclusive: handle.engine === 'pglite',
    });
    if (interrupted > 0)
      process.stderr.write(
        `${interrupted} interrupted import(s) marked failed; nothing of them was written\n`,
      );
    let principal = operator();
    if (opts.as) {
      const user = await getUserByUsername(handle.db, opts.as);
      if (!user) throw new AppError('not_found', `no user ${opts.as}`);
      principal = toPrincipal(user, 'session');
    }
    const request = {
      filePath: path.resolve(file),
      filename: path.basename(file),
      acceptValid: Boolean(opts.acceptValid),
      workDir,
    };
    const id = await createImportJob(deps, principal, request);
    const ctx = {
      actorId: principal.userId,
      actorLabel: principal.username,
      requestId: null,
      at: systemClock.now(),
    };
    const tty = process.stderr.isTTY;
    const bar = new cliProgress.SingleBar(
      {
        format: '导入 {bar} {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}',
        stream: process.stderr,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    if (tty) bar.start(1000, 0, { rows: 0, rate: 0 });
    const onProgress = (p: ImportProgress) => {
      const payload = { rows: p.rows, rate: Math.round(p.rowsPerSecond) };
      if (tty) bar.update(Math.round(p.fraction * 1000), payload);
      else
        process.stderr.write(
          `progress rows=${p.rows} rate=${payload.rate} fraction=${p.fraction.toFixed(3)}\n`,
        );
    };
    const outcome = await executeImportJob(deps, ctx, principal, id, request, onProgress);
    if (tty) bar.stop();
    const line = `import ${id} ${outcome.status}: ${outcome.total} rows, ${outcome.created} created, ${outcome.updated} updated, ${outcome.unchanged} unchanged, ${outcome.invalid} invalid`;
    process.stdout.write(`${line}${outcome.message ? ` — ${outcome.message}` : ''}\n`);
    const query = handle.db
      .selectFrom('import_errors')
      .select(['row', 'column', 'code', 'message'])
      .where('import_id', '=', id)
      .orderBy('row');
    const first = await query.limit(21).execute();
    for (const e of first.slice(0, 20))
      process.stdout.write(`  row ${e.row} ${e.column}: ${e.code} — ${e.message}\n`);
    if (first.length > 20) process.stdout.write(`  … ${outcome.invalid - 20} more invalid rows\n`);
    if (opts.errors) {
      // The full report, a page at a time: a file of a million bad rows must not sit in memory.
      const out = fs.openSync(opts.errors, 'w');
      fs.writeSync(out, stringify([['row', 'column', 'code', 'message']]));
      for (let offset = 0; ; offset += 5000) {
        const page = await query.limit(5000).offset(offset).execute();
        if (page.length > 0)
          fs.writeSync(
            out,
            stringify(
              page.map((e) => [e.row, e.column, e.code, e.message].map((v) => neutraliseCsvCell(String(v)))),
            ),
          );
        if (page.length < 5000) break;
      }
      fs.closeSync(out);
    }
    return outcome.status === 'succeeded' ? 0 : 1;
  } finally {
    keyring.close();
    await handle.close();
  }
}
