import type { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from './app.ts';
import { loadCatalog } from './catalog/catalog.load.ts';
import type { Catalog } from './catalog/catalog.model.ts';
import type { Config } from './config.ts';
import { loadSigningKey, loadSm2SigningKey, registerSigningKey } from './credentials/keys.ts';
import { type DatabaseHandle, migrateToLatest, openDatabase } from './db/database.ts';
import { pgliteDir } from './db/pglite.open.ts';
import { openReadReplicas } from './db/read-replicas.ts';
import { type DemoAccount, seedDemo } from './demo/demo.seed.ts';
import { loadMasterKey, openKeyring } from './protection/protection.service.ts';
import { configureLease } from './registry/import/import.workdir.ts';
import { systemClock } from './shared/clock.ts';

/**
 * Opens the configured database and brings its schema up to date: used by `serve` and every CLI command. The
 * embedded store may already be starting (server.ts starts it before loading the rest).
 */
export async function openConfiguredDatabase(
  config: Config,
  embedded?: Promise<PGlite>,
): Promise<DatabaseHandle> {
  const handle = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: pgliteDir(config.dataDir),
    ...(embedded && !config.databaseUrl && { pglite: await embedded }),
  });
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

export interface Running {
  app: FastifyInstance;
  handle: DatabaseHandle;
  catalog: Catalog;
  demoAccounts: DemoAccount[];
  close(): Promise<void>;
}

export async function startServer(config: Config, embedded?: Promise<PGlite>): Promise<Running> {
  const catalog = loadCatalog(config.catalogDir);
  // The key's thumbprint waits on a WebCrypto digest (the thread pool): ~0.2 s at start-up, so it is taken
  // while the database opens, not after (issue 16 §6). Awaited below, where a failure is reported.
  const signingLoad = loadSigningKey(config.signingKey, config.dataDir);
  signingLoad.catch(() => undefined);
  const handle = await openConfiguredDatabase(config, embedded);
  const keyring = await openKeyring(handle.db, loadMasterKey(config.dataKey, config.dataDir), 30_000, {
    profile: config.cryptoProfile,
  });
  const registry = { db: handle.db, catalog, keyring, clock: systemClock, bulk: handle.bulk };
  configureLease(config.importLeaseMs);
  // Imports interrupted by a dead process are found by the import routes at start (they queue them again).
  // The embedded store seeds itself; PostgreSQL only through `hutong demo seed` (issue 3 §6).
  const demoAccounts =
    handle.engine === 'pglite' && config.demo ? await seedDemo(registry, config.dataDir) : [];
  // PGlite runs no autovacuum: the planner has statistics only when asked (imports analyze too).
  if (demoAccounts.length > 0) await sql`analyze certificate_rows, holders`.execute(handle.db);
  const signing = await signingLoad;
  // 国密 profile (issue 18): credentials carry an SM2 signature beside the Ed25519 one.
  if (keyring.protector().profile === 'gm')
    signing.sm2 = await loadSm2SigningKey(config.sm2SigningKey, config.dataDir);
  await registerSigningKey(handle.db, signing, systemClock.now());
  // Issue 16 §1: an api process serves HTTP and leaves background work to workers (an interval of 0 turns a loop
  // off); a worker runs the loops and the jobs (imports included: their uploads wait in the database) and opens
  // no port.
  const appConfig =
    config.role === 'api'
      ? { ...config, outboxIntervalMs: 0, supervisionIntervalMs: 0, statisticsRefreshMs: 0 }
      : config;
  // Issue 16 §3: public reads from the streaming replicas, falling back to the primary with a warning.
  // Warnings go to the server's log once it exists (a replica is first tried by a request, after start-up).
  let warn = (message: string): void => {
    process.stderr.write(`warning: ${message}\n`);
  };
  const replicas =
    config.databaseUrl && config.databaseReadUrls.length > 0
      ? openReadReplicas(config.databaseReadUrls, config.databaseUrl, (message) => warn(message))
      : undefined;
  const app = await buildApp({
    config: appConfig,
    db: handle.db,
    ...(replicas && { readDb: replicas.db }),
    engine: handle.engine,
    script: handle.script,
    catalog,
    clock: systemClock,
    keyring,
    bulk: handle.bulk,
    signing,
  });
  warn = (message) => app.log.warn(message);
  if (config.role === 'worker') await app.ready();
  else await app.listen({ port: config.port, host: config.host });
  return {
    app,
    handle,
    catalog,
    demoAccounts,
    close: async () => {
      keyring.close();
      await app.close();
      await replicas?.close();
      await handle.close();
    },
  };
}
