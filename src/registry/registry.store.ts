import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { CertificatesTable, Database, HoldersTable } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type CertificateRow = Selectable<CertificatesTable>;
export type HolderRow = Selectable<HoldersTable>;
export type CertificateWithHolder = CertificateRow & {
  holder_name: string;
  holder_id_type: string;
  holder_id_cipher: string;
  holder_id_masked: string;
};

export function selectCertificates(db: Db) {
  return db
    .selectFrom('certificates as c')
    .innerJoin('holders as h', 'h.id', 'c.holder_id')
    .selectAll('c')
    .select([
      'h.name as holder_name',
      'h.id_type as holder_id_type',
      'h.id_cipher as holder_id_cipher',
      'h.id_masked as holder_id_masked',
    ]);
}

export function getCertificateRow(db: Db, id: string): Promise<CertificateWithHolder | undefined> {
  return selectCertificates(db).where('c.id', '=', id).executeTakeFirst();
}

export function getCertificateForUpdate(db: Db, id: string): Promise<CertificateWithHolder | undefined> {
  return selectCertificates(db).where('c.id', '=', id).forUpdate('c').executeTakeFirst();
}

/** `numberIndex`: one index, or each version's during a blind-index rebuild (`numberIndexes`). */
export function findCertificateByNumber(db: Db, type: string, numberIndex: string | readonly string[]) {
  return db
    .selectFrom('certificates')
    .select(['id'])
    .where('type', '=', type)
    .where('number_index', 'in', typeof numberIndex === 'string' ? [numberIndex] : [...numberIndex])
    .executeTakeFirst();
}

export function getHolderByIndex(
  db: Db,
  idIndex: string | readonly string[],
): Promise<HolderRow | undefined> {
  return db
    .selectFrom('holders')
    .selectAll()
    .where('id_index', 'in', typeof idIndex === 'string' ? [idIndex] : [...idIndex])
    .executeTakeFirst();
}

export function getHolder(db: Db, id: string): Promise<HolderRow | undefined> {
  return db.selectFrom('holders').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertHolder(
  db: Db,
  row: Insertable<HoldersTable>,
  /** The person's other index versions during a rebuild (issue 18): a row under one of them is the holder. */
  alsoMatch: readonly string[] = [],
): Promise<HolderRow> {
  const others = alsoMatch.filter((index) => index !== row.id_index);
  if (others.length > 0) {
    const existing = await getHolderByIndex(db, others);
    if (existing) return existing;
  }
  // Two departments may register the same person at the same moment: the second insert finds the first.
  const inserted = await db
    .insertInto('holders')
    .values(row)
    .onConflict((oc) => oc.column('id_index').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return inserted;
  const existing = await getHolderByIndex(db, row.id_index);
  if (!existing) throw new Error('holder vanished during insert');
  return existing;
}

export async function insertCertificate(db: Db, row: Insertable<CertificatesTable>): Promise<void> {
  await db.insertInto('certificates').values(row).execute();
}

export async function insertHistory(
  db: Db,
  row: {
    certificateId: string;
    at: Date;
    actorId: string | null;
    actorLabel: string;
    action: string;
    reason: string | null;
    before: unknown;
    after: unknown;
    requestId: string | null;
    importId?: string | null;
  },
): Promise<void> {
  await db
    .insertInto('certificate_history')
    .values({
      certificate_id: row.certificateId,
      at: row.at,
      actor_id: row.actorId,
      actor_label: row.actorLabel,
      action: row.action,
      reason: row.reason,
      before: row.before === null ? null : JSON.stringify(row.before),
      after: row.after === null ? null : JSON.stringify(row.after),
      request_id: row.requestId,
      import_id: row.importId ?? null,
    })
    .execute();
}

export function findHistory(db: Db, certificateId: string) {
  return db
    .selectFrom('certificate_history')
    .selectAll()
    .where('certificate_id', '=', certificateId)
    .orderBy('id')
    .execute();
}
