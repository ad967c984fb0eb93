import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import {
  type CryptoProfile,
  indexVersionOf,
  isCryptoProfile,
  profileOfIndexVersion,
} from './crypto-profile.ts';
import {
  createProtector,
  deriveHmacKey,
  deriveWrappingKey,
  openDataKey,
  type Protector,
  profileOfSealed,
  sealWithKey,
} from './protection.model.ts';
import {
  findCryptoProfileRow,
  findDataKeys,
  insertCryptoProfile,
  insertDataKey,
  setIndexVersionDefault,
} from './protection.store.ts';

/**
 * The master key: `HUTONG_DATA_KEY` (32 bytes, base64 or hex), or for embedded use a key generated once into
 * `<data dir>/keys/master.key` (mode 600). It never encrypts data itself: it derives the blind-index key and
 * wraps the data keys kept in `data_keys`.
 */
export function loadMasterKey(envKey: string | undefined, dataDir: string): Buffer {
  if (envKey) {
    const key = /^[0-9a-fA-F]{64}$/.test(envKey) ? Buffer.from(envKey, 'hex') : Buffer.from(envKey, 'base64');
    if (key.length !== 32) throw new Error('HUTONG_DATA_KEY must be 32 bytes, base64 or hex encoded');
    return key;
  }
  const file = path.join(dataDir, 'keys', 'master.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
  return key;
}

export const KEYRING_LOCK = 7_262_002;

/**
 * Holds the current protector and refreshes it from the database, so servers pick up a rotated key without a
 * restart: a rotation waits longer than the refresh interval before it writes under the new key.
 */
export interface Keyring {
  protector(): Protector;
  refresh(): Promise<void>;
  close(): void;
}

/**
 * The installed crypto profile (issue 18). The first start records the requested one (`HUTONG_CRYPTO_PROFILE`,
 * default international); an install that already has data keys predates profiles and is international. A later
 * start that asks for another profile fails: switching is `hutong keys migrate --profile <p>`.
 */
export async function ensureCryptoProfile(
  db: Kysely<Database>,
  requested: CryptoProfile | undefined,
): Promise<CryptoProfile> {
  let row = await findCryptoProfileRow(db);
  if (!row) {
    await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${KEYRING_LOCK})`.execute(trx);
      if (await findCryptoProfileRow(trx)) return;
      const installed = (await findDataKeys(trx)).length > 0;
      const chosen = installed ? 'international' : (requested ?? 'international');
      await insertCryptoProfile(trx, chosen, new Date());
      // A fresh gm install writes HMAC-SM3 blind indexes from its first row.
      if (chosen === 'gm') await setIndexVersionDefault(trx, indexVersionOf('gm'));
    });
    row = await findCryptoProfileRow(db);
  }
  const stored = row?.profile;
  if (!isCryptoProfile(stored)) throw new Error(`unknown crypto profile in the database: ${String(stored)}`);
  if (requested && requested !== stored)
    throw new Error(
      `this database uses the ${stored} crypto profile; HUTONG_CRYPTO_PROFILE=${requested} needs \`hutong keys migrate --profile ${requested}\` first`,
    );
  return stored;
}

export async function loadProtector(
  db: Kysely<Database>,
  master: Buffer,
  profile: CryptoProfile,
): Promise<Protector> {
  const wrapping = deriveWrappingKey(master, profile);
  let rows = await findDataKeys(db);
  if (rows.length === 0) {
    await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${KEYRING_LOCK})`.execute(trx);
      if ((await findDataKeys(trx)).length > 0) return;
      await createDataKey(trx, wrapping, profile);
    });
    rows = await findDataKeys(db);
  }
  const keys = new Map<string, Buffer>();
  for (const row of rows) {
    try {
      keys.set(row.id, openDataKey(master, row.wrapped));
    } catch {
      throw new Error(
        'the data keys cannot be opened: HUTONG_DATA_KEY (or keys/master.key) is not the key they were made with',
      );
    }
  }
  const current = rows.filter((r) => !r.retired_at).at(-1) ?? rows.at(-1);
  if (!current) throw new Error('no data key');
  // New values are sealed under the current key's profile: during `hutong keys migrate` that is the target's.
  const row = await findCryptoProfileRow(db);
  const indexProfile = isCryptoProfile(row?.index_profile) ? row.index_profile : profile;
  const writeProfile = row?.index_version ? profileOfIndexVersion(row.index_version) : indexProfile;
  const fallbackProfile = row?.index_fallback_version
    ? profileOfIndexVersion(row.index_fallback_version)
    : undefined;
  return createProtector(
    deriveHmacKey(master, indexProfile),
    keys,
    current.id,
    profileOfSealed(current.wrapped),
    indexProfile,
    {
      write: { profile: writeProfile, key: deriveHmacKey(master, writeProfile) },
      fallback: fallbackProfile && { profile: fallbackProfile, key: deriveHmacKey(master, fallbackProfile) },
    },
  );
}

export async function createDataKey(
  db: Kysely<Database>,
  wrapping: Buffer,
  profile: CryptoProfile = 'international',
): Promise<string> {
  const id = `k${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  await insertDataKey(db, {
    id,
    wrapped: sealWithKey(wrapping, id, randomBytes(32), profile),
    createdAt: new Date(),
  });
  return id;
}

/** The profile recorded in the database (international until one is recorded). */
export async function installedProfile(db: Kysely<Database>): Promise<CryptoProfile> {
  const stored = (await findCryptoProfileRow(db))?.profile;
  return isCryptoProfile(stored) ? stored : 'international';
}

export async function openKeyring(
  db: Kysely<Database>,
  master: Buffer,
  refreshMs = 30_000,
  options: { profile?: CryptoProfile | undefined } = {},
): Promise<Keyring> {
  await ensureCryptoProfile(db, options.profile);
  let current = await loadProtector(db, master, await installedProfile(db));
  const timer = refreshMs > 0 ? setInterval(() => void refresh().catch(() => {}), refreshMs) : undefined;
  timer?.unref();
  async function refresh() {
    current = await loadProtector(db, master, await installedProfile(db));
  }
  return { protector: () => current, refresh, close: () => clearInterval(timer) };
}

/** Columns that hold ciphertexts: [table, primary key, cipher column]. */
export const sealedColumns = [
  ['holders', 'id', 'id_cipher'],
  ['certificate_rows', 'id', 'number_cipher'], // the table behind the view: pending rows too
  ['sources', 'id', 'issuance_secret_cipher'],
  ['issuance_requests', 'id', 'body_cipher'],
  // 回应关切 (issue 14): contacts, message bodies, comments, attachment names, notifications.
  ['tickets', 'id', 'contact_cipher'],
  ['tickets', 'id', 'rating_comment_cipher'],
  ['ticket_events', 'id', 'body_cipher'],
  ['ticket_attachments', 'id', 'filename_cipher'],
  ['ticket_outbox', 'id', 'recipient_cipher'],
  ['ticket_outbox', 'id', 'body_cipher'],
] as const;

export interface RotationProgress {
  table: string;
  reencrypted: number;
}

/**
 * `hutong keys rotate`: adds a data key, waits `graceMs` so running servers load it, re-encrypts every sealed
 * column in small transactions (readers can open both keys meanwhile), then retires the older keys. Each row is
 * updated only if unchanged since it was read, so concurrent writes are never overwritten.
 */
export async function rotateDataKey(
  db: Kysely<Database>,
  master: Buffer,
  ctx: AuditContext,
  options: { graceMs: number; batchSize?: number; onProgress?: (p: RotationProgress) => void },
): Promise<{ newKeyId: string; reencrypted: number }> {
  const profile = await installedProfile(db);
  const wrapping = deriveWrappingKey(master, profile);
  const newKeyId = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${KEYRING_LOCK})`.execute(trx);
    const id = await createDataKey(trx, wrapping, profile);
    await appendAudit(trx, ctx, { action: 'keys.rotate.start', targetType: 'data-key', targetId: id });
    return id;
  });
  if (options.graceMs > 0) await new Promise((r) => setTimeout(r, options.graceMs));
  const protector = await loadProtector(db, master, profile);
  if (protector.currentKeyId !== newKeyId) throw new Error('another rotation started meanwhile');
  const batchSize = options.batchSize ?? 1000;
  let total = 0;
  for (const [table, pk, column] of sealedColumns) {
    let done = 0;
    for (;;) {
      const rows = await sql<{ id: string; sealed: string }>`
        select ${sql.ref(pk)} as id, ${sql.ref(column)} as sealed from ${sql.table(table)}
        where ${sql.ref(column)} is not null and ${sql.ref(column)} not like ${`${newKeyId}.%`}
        limit ${batchSize}`.execute(db);
      if (rows.rows.length === 0) break;
      await db.transaction().execute(async (trx) => {
        for (const row of rows.rows) {
          const resealed = protector.encrypt(protector.decrypt(row.sealed));
          await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${resealed}
            where ${sql.ref(pk)} = ${row.id} and ${sql.ref(column)} = ${row.sealed}`.execute(trx);
        }
      });
      done += rows.rows.length;
      options.onProgress?.({ table, reencrypted: done });
    }
    total += done;
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('data_keys')
      .set({ retired_at: ctx.at })
      .where('id', '!=', newKeyId)
      .where('retired_at', 'is', null)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'keys.rotate.finish',
      targetType: 'data-key',
      targetId: newKeyId,
      after: { reencrypted: total },
    });
  });
  return { newKeyId, reencrypted: total };
}
