import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type AuditVerification, verifyAuditLog } from '../audit/audit.service.ts';
import type { Config } from '../config.ts';
import { SIGNING_KEY_FILE, signingKeyOf } from '../credentials/keys.ts';
import { openDatabase } from '../db/database.ts';
import {
  checkPayload,
  extractPayload,
  hashFile,
  readBackupHeader,
  siblingTemp,
  writeBackupFile,
} from './backup.file.ts';
import {
  type ConfiguredKeys,
  type KeyMaterial,
  MASTER_KEY_FILE,
  masterFingerprint,
  openKeys,
  readConfiguredKeys,
  sealKeys,
} from './backup.keys.ts';
import {
  BACKUP_VERSION,
  type BackupEngine,
  type BackupManifest,
  compareKey,
  diffCounts,
  type KeyMatch,
  type KeyPart,
} from './backup.model.ts';
import { isPgliteDirInUse, loadPgliteDir } from './backup.pglite.ts';
import { restorePostgres } from './backup.postgres.ts';
import { countUserRelations, describeStore, masterOpensDataKeys, type StoreFacts } from './backup.store.ts';

export const engineOf = (config: Config): BackupEngine => (config.databaseUrl ? 'postgres' : 'pglite');
export const pgdataOf = (config: Config): string => path.join(config.dataDir, 'pgdata');

export interface BackupOptions {
  engine: BackupEngine;
  /** Writes the payload to the given file and returns the facts of the very snapshot it wrote. */
  snapshot: (payloadFile: string) => Promise<StoreFacts>;
  keys: ConfiguredKeys;
  includeKeys: KeyPart[];
  passphrase?: string | undefined;
  now: Date;
}

export interface BackupResult {
  manifest: BackupManifest;
  warnings: string[];
}

/** Takes the snapshot, then writes manifest + payload atomically to `file`. Keys only when asked, sealed. */
export async function createBackup(file: string, options: BackupOptions): Promise<BackupResult> {
  const { keys } = options;
  if (options.includeKeys.length > 0 && !options.passphrase)
    throw new Error('--include-keys needs a passphrase (HUTONG_BACKUP_PASSPHRASE or --passphrase-file)');
  for (const part of options.includeKeys)
    if (part === 'master' ? !keys.master : !keys.signingPem)
      throw new Error(`--include-keys ${part}: no ${part} key is configured`);
  const payloadFile = siblingTemp(file, 'payload');
  try {
    const facts = await options.snapshot(payloadFile);
    const warnings: string[] = [];
    let fingerprint: string | null = null;
    if (!keys.master)
      warnings.push('no master key is configured here: the manifest cannot name the key this data needs');
    else if (!masterOpensDataKeys(keys.master, facts.dataKeys))
      warnings.push(`the configured master key (${keys.masterSource}) does not open this store's data keys`);
    else fingerprint = masterFingerprint(keys.master);
    const payload = await hashFile(payloadFile);
    const material: KeyMaterial = {
      ...(options.includeKeys.includes('master') &&
        keys.master && { master: keys.master.toString('base64') }),
      ...(options.includeKeys.includes('signing') && keys.signingPem && { signingPem: keys.signingPem }),
    };
    const manifest: BackupManifest = {
      format: 'hutong-backup',
      version: BACKUP_VERSION,
      engine: options.engine,
      createdAt: options.now.toISOString(),
      migration: facts.migration,
      payload: {
        kind: options.engine === 'pglite' ? 'pglite-datadir-tar-gz' : 'pg-dump-custom',
        ...payload,
      },
      counts: facts.counts,
      auditHead: facts.auditHead,
      keys: {
        master: { fingerprint, dataKeyIds: facts.dataKeys.map((k) => k.id) },
        signing: { active: keys.signingThumbprint, published: facts.signingKeys },
        included:
          options.includeKeys.length > 0 && options.passphrase
            ? sealKeys(material, options.passphrase, payload.sha256, facts.profile)
            : null,
      },
    };
    await writeBackupFile(file, manifest, payloadFile);
    return { manifest, warnings };
  } finally {
    fs.rmSync(payloadFile, { force: true });
  }
}

export interface RestoreOptions {
  config: Config;
  force: boolean;
  passphrase?: string | undefined;
  pgBin?: string | undefined;
  /** Migrations this build knows: a backup from a newer schema is refused. */
  knownMigrations: readonly string[];
}

export interface RestoreReport {
  manifest: BackupManifest;
  master: {
    needed: string | null;
    configured: string | null;
    match: KeyMatch;
    opensDataKeys: boolean | null;
  };
  signing: { active: string | null; configured: string | null; match: KeyMatch };
  keysWritten: string[];
  movedAside: string[];
  countDifferences: string[];
  audit: AuditVerification;
  auditHeadMatches: boolean;
}

interface KeyPlan {
  /** Key files to write from the backup; `replaces` when an existing, different file is moved aside first. */
  writes: Array<{ file: string; content: string; replaces: boolean }>;
  conflicts: string[];
  master: Buffer | null;
}

/** Which key files the restore writes from the backup's sealed keys, and which configured keys disagree. */
async function planKeys(
  config: Config,
  configured: ConfiguredKeys,
  material: KeyMaterial | null,
): Promise<KeyPlan> {
  const plan: KeyPlan = { writes: [], conflicts: [], master: configured.master };
  if (material?.master) {
    const fromBackup = Buffer.from(material.master, 'base64');
    const file = path.join(config.dataDir, MASTER_KEY_FILE);
    if (!configured.master) {
      plan.writes.push({ file, content: material.master, replaces: false });
      plan.master = fromBackup;
    } else if (!configured.master.equals(fromBackup)) {
      plan.conflicts.push(`master key: ${configured.masterSource} differs from the one in the backup`);
      if (!config.dataKey) {
        plan.writes.push({ file, content: material.master, replaces: true });
        plan.master = fromBackup;
      }
    }
  }
  if (material?.signingPem) {
    const thumbprint = (await signingKeyOf(createPrivateKey(material.signingPem))).thumbprint;
    const file = path.join(config.dataDir, SIGNING_KEY_FILE);
    if (!configured.signingPem) plan.writes.push({ file, content: material.signingPem, replaces: false });
    else if (configured.signingThumbprint !== thumbprint) {
      plan.conflicts.push(`signing key: ${configured.signingSource} differs from the one in the backup`);
      if (!config.signingKey) plan.writes.push({ file, content: material.signingPem, replaces: true });
    }
  }
  return plan;
}

function moveAside(target: string, stamp: string): string {
  const aside = `${target}.replaced-${stamp}`;
  fs.renameSync(target, aside);
  return aside;
}

/**
 * Restores a backup into the configured store. Every check runs before anything is touched: the header and the
 * payload's hash, the engine, the schema (not newer than this build), the keys (the one the data needs against the
 * one configured), and an empty target (or `force`). Then keys, then data, then the restored store is read back:
 * counts against the manifest, the audit chain verified, the master key tried on the data keys.
 */
export async function restoreBackup(file: string, options: RestoreOptions): Promise<RestoreReport> {
  const { config, force } = options;
  const opened = readBackupHeader(file);
  const { manifest } = opened;
  const engine = engineOf(config);
  if (manifest.engine !== engine)
    throw new Error(
      `this is a ${manifest.engine} backup and the configured store is ${engine}: restore it into a ${manifest.engine} store (${manifest.engine === 'postgres' ? 'set DATABASE_URL' : 'unset DATABASE_URL'})`,
    );
  if (manifest.migration && !options.knownMigrations.includes(manifest.migration))
    throw new Error(
      `the backup's schema (${manifest.migration}) is newer than this Hutong knows: upgrade Hutong first`,
    );
  await checkPayload(file, opened);

  const configured = await readConfiguredKeys(config);
  let material: KeyMaterial | null = null;
  if (manifest.keys.included && options.passphrase) {
    material = openKeys(manifest.keys.included, options.passphrase, manifest.payload.sha256);
    if (
      material.master &&
      manifest.keys.master.fingerprint &&
      masterFingerprint(Buffer.from(material.master, 'base64')) !== manifest.keys.master.fingerprint
    )
      throw new Error('the master key inside the backup does not match its manifest');
  }
  const plan = await planKeys(config, configured, material);
  if (plan.conflicts.length > 0 && !force)
    throw new Error(
      `keys already configured differ from the backup's (pass --force to move them aside):\n  ${plan.conflicts.join('\n  ')}`,
    );
  const masterNeeded = manifest.keys.master.fingerprint;
  const masterHere = plan.master ? masterFingerprint(plan.master) : null;
  const masterMatch = compareKey(masterNeeded, masterHere);
  if (masterMatch === 'differs' && !force)
    throw new Error(
      `this backup needs master key ${masterNeeded}; the configured one (${configured.masterSource}) is ${masterHere}. ` +
        'Configure the key the backup was made with (or restore with --include-keys and its passphrase); ' +
        '--force restores anyway, but the server will not open the data until the key matches',
    );

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const movedAside: string[] = [];
  const pgdata = pgdataOf(config);
  if (engine === 'pglite') {
    if (isPgliteDirInUse(pgdata))
      throw new Error(
        `${pgdata} is held by a running Hutong server (postmaster.pid): stop it before restoring into this directory`,
      );
    if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length > 0) {
      if (!force)
        throw new Error(`${pgdata} is not empty: restore into a new data directory, or pass --force`);
      movedAside.push(moveAside(pgdata, stamp));
    }
  } else {
    const target = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 });
    try {
      const relations = await countUserRelations(target.db);
      if (relations > 0 && !force)
        throw new Error(
          `the target database is not empty (${relations} relations): restore into a new database, or pass --force`,
        );
    } finally {
      await target.close();
    }
  }

  const keysWritten: string[] = [];
  for (const write of plan.writes) {
    if (write.replaces) movedAside.push(moveAside(write.file, stamp));
    fs.mkdirSync(path.dirname(write.file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(write.file, write.content, { mode: 0o600, flag: 'wx' });
    keysWritten.push(write.file);
  }

  if (engine === 'pglite') {
    const payload = (await fs.openAsBlob(file)).slice(opened.payloadOffset);
    await loadPgliteDir(pgdata, payload);
  } else {
    const payloadFile = siblingTemp(file, 'restore');
    try {
      await extractPayload(file, opened, payloadFile);
      await restorePostgres(config.databaseUrl ?? '', payloadFile, { clean: force, binDir: options.pgBin });
    } finally {
      fs.rmSync(payloadFile, { force: true });
    }
  }

  const restored = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: pgdata, poolSize: 2 });
  try {
    const facts = await describeStore(restored.db);
    const audit = await verifyAuditLog(restored.db);
    const after = await readConfiguredKeys(config);
    const effectiveMaster = after.master;
    const signingHere = after.signingThumbprint;
    return {
      manifest,
      master: {
        needed: masterNeeded,
        configured: effectiveMaster ? masterFingerprint(effectiveMaster) : null,
        match: compareKey(masterNeeded, effectiveMaster ? masterFingerprint(effectiveMaster) : null),
        opensDataKeys: effectiveMaster ? masterOpensDataKeys(effectiveMaster, facts.dataKeys) : null,
      },
      signing: {
        active: manifest.keys.signing.active,
        configured: signingHere,
        match: compareKey(manifest.keys.signing.active, signingHere),
      },
      keysWritten,
      movedAside,
      countDifferences: diffCounts(manifest.counts, facts.counts),
      audit,
      auditHeadMatches: (manifest.auditHead?.hash ?? null) === audit.headHash,
    };
  } finally {
    await restored.close();
  }
}
