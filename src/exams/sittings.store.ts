import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, ExamSittingsTable } from '../db/schema.ts';
import type { SittingFacts } from './plans.model.ts';
import type { Sitting, SittingWithSite } from './sittings.model.ts';

type Db = Kysely<Database> | Transaction<Database>;

function toSitting(row: Selectable<ExamSittingsTable>): Sitting {
  return {
    id: row.id,
    planId: row.plan_id,
    institutionId: row.institution_id,
    siteId: row.site_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    capacity: row.capacity,
    booked: row.booked,
    createdAt: row.created_at,
  };
}

export async function getSitting(
  db: Db,
  planId: string,
  id: string,
  forUpdate = false,
): Promise<Sitting | undefined> {
  let q = db.selectFrom('exam_sittings').selectAll().where('id', '=', id).where('plan_id', '=', planId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toSitting(row);
}

/** A plan's sittings with their sites, in time order. */
export async function listSittings(db: Db, planId: string): Promise<SittingWithSite[]> {
  const rows = await db
    .selectFrom('exam_sittings as s')
    .innerJoin('institution_sites as t', 't.id', 's.site_id')
    .selectAll('s')
    .select(['t.name as site_name', 't.address as site_address', 't.region as site_region'])
    .where('s.plan_id', '=', planId)
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    ...toSitting(r),
    site: { id: r.site_id, name: r.site_name, address: r.site_address, region: r.site_region },
  }));
}

/** Where and when a plan's sittings are, for the plan's filing and schedule checks. */
export async function getSittingFacts(db: Db, planId: string): Promise<SittingFacts[]> {
  const rows = await db
    .selectFrom('exam_sittings')
    .select(['id', 'institution_id', 'starts_at', 'ends_at'])
    .where('plan_id', '=', planId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    institutionId: r.institution_id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
  }));
}

export async function insertSitting(trx: Transaction<Database>, s: Sitting): Promise<void> {
  await trx
    .insertInto('exam_sittings')
    .values({
      id: s.id,
      plan_id: s.planId,
      institution_id: s.institutionId,
      site_id: s.siteId,
      starts_at: s.startsAt,
      ends_at: s.endsAt,
      capacity: s.capacity,
      booked: s.booked,
      created_at: s.createdAt,
    })
    .execute();
}

/** Capacity and times; `booked` belongs to registration and is never written here. */
export async function updateSittingRow(trx: Transaction<Database>, s: Sitting): Promise<void> {
  await trx
    .updateTable('exam_sittings')
    .set({ starts_at: s.startsAt, ends_at: s.endsAt, capacity: s.capacity })
    .where('id', '=', s.id)
    .execute();
}

export async function deleteSitting(trx: Transaction<Database>, id: string): Promise<void> {
  await trx.deleteFrom('exam_sittings').where('id', '=', id).execute();
}

/** Any registration, even a cancelled one, keeps its sitting (it is part of the person's record). */
export async function hasRegistrations(db: Db, sittingId: string): Promise<boolean> {
  const row = await db
    .selectFrom('exam_registrations')
    .select('id')
    .where('sitting_id', '=', sittingId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Institutions of a plan that still have sittings (they cannot leave a joint plan). */
export async function institutionsWithSittings(db: Db, planId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('exam_sittings')
    .select('institution_id')
    .distinct()
    .where('plan_id', '=', planId)
    .execute();
  return new Set(rows.map((r) => r.institution_id));
}
