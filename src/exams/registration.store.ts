import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A plan with one of its sittings and the sitting's institution: what a registration is made against. */
export async function findTarget(db: Db, planId: string, sittingId: string) {
  const row = await db
    .selectFrom('exam_sittings as s')
    .innerJoin('exam_plans as p', 'p.id', 's.plan_id')
    .innerJoin('institutions as i', 'i.id', 's.institution_id')
    .innerJoin('exam_plan_institutions as pi', (j) =>
      j.onRef('pi.plan_id', '=', 'p.id').onRef('pi.institution_id', '=', 'i.id'),
    )
    .select([
      'p.id as plan_id',
      'p.code as plan_code',
      'p.name as plan_name',
      'p.occupation',
      'p.level',
      'p.status as plan_status',
      'p.approved_at as plan_approved_at',
      'p.lead_province',
      'p.registration_opens',
      'p.registration_closes',
      's.id as sitting_id',
      's.starts_at',
      's.ends_at',
      's.capacity',
      's.booked',
      'i.id as institution_id',
      'i.name as institution_name',
      'i.status as institution_status',
      'i.valid_from',
      'i.valid_until',
      'pi.province',
    ])
    .where('s.id', '=', sittingId)
    .where('p.id', '=', planId)
    .executeTakeFirst();
  if (!row) return undefined;
  const scopes = await db
    .selectFrom('institution_scopes')
    .select(['occupation', 'level'])
    .where('institution_id', '=', row.institution_id)
    .execute();
  return { ...row, scopes };
}
export type Target = NonNullable<Awaited<ReturnType<typeof findTarget>>>;

export function findPlan(db: Db, planId: string) {
  return db.selectFrom('exam_plans').selectAll().where('id', '=', planId).executeTakeFirst();
}

export function planProvinces(db: Db, planId: string) {
  return db
    .selectFrom('exam_plan_institutions')
    .select(['institution_id', 'province'])
    .where('plan_id', '=', planId)
    .execute();
}

/** Serialises one person's registrations (overlap and duplicate checks) across concurrent transactions. */
export async function lockHolder(trx: Transaction<Database>, holderId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`registration:${holderId}`}))`.execute(trx);
}

export function findActiveForHolder(trx: Db, holderId: string) {
  return trx
    .selectFrom('exam_registrations')
    .select(['id', 'plan_id', 'sitting_id', 'starts_at', 'ends_at'])
    .where('holder_id', '=', holderId)
    .where('status', '=', 'registered')
    .execute();
}

/**
 * Takes one seat if one is left, atomically: the row lock of the UPDATE serialises concurrent registrations for the
 * sitting, and `booked < capacity` is re-checked under it, so the sitting can never be overbooked (issue 6 §3).
 */
export async function takeSeat(trx: Db, sittingId: string): Promise<boolean> {
  const row = await trx
    .updateTable('exam_sittings')
    .set((eb) => ({ booked: eb('booked', '+', 1) }))
    .where('id', '=', sittingId)
    .where((eb) => eb('booked', '<', eb.ref('capacity')))
    .returning('booked')
    .executeTakeFirst();
  return row !== undefined;
}

export async function releaseSeat(trx: Db, sittingId: string): Promise<void> {
  await trx
    .updateTable('exam_sittings')
    .set((eb) => ({ booked: eb('booked', '-', 1) }))
    .where('id', '=', sittingId)
    .execute();
}

export function selectRegistrations(db: Db) {
  return db
    .selectFrom('exam_registrations as r')
    .innerJoin('exam_plans as p', 'p.id', 'r.plan_id')
    .innerJoin('institutions as i', 'i.id', 'r.institution_id')
    .innerJoin('holders as h', 'h.id', 'r.holder_id')
    .selectAll('r')
    .select([
      'p.code as plan_code',
      'p.name as plan_name',
      'p.occupation',
      'p.level',
      'i.name as institution_name',
      'h.name as holder_name',
      'h.id_masked as holder_id_masked',
    ]);
}
export type RegistrationRow = Awaited<
  ReturnType<ReturnType<typeof selectRegistrations>['executeTakeFirstOrThrow']>
>;
