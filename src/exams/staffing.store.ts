import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A sitting with its plan's standard facts and the running institution (its name and its province in the plan). */
export function findSittingForStaffing(db: Db, sittingId: string) {
  return db
    .selectFrom('exam_sittings as s')
    .innerJoin('exam_plans as p', 'p.id', 's.plan_id')
    .innerJoin('institutions as i', 'i.id', 's.institution_id')
    .innerJoin('exam_plan_institutions as pi', (j) =>
      j.onRef('pi.plan_id', '=', 'p.id').onRef('pi.institution_id', '=', 'i.id'),
    )
    .select([
      's.id',
      's.plan_id',
      's.institution_id',
      'p.occupation',
      'p.level',
      'p.subjects',
      'i.name as institution_name',
      'pi.province',
    ])
    .where('s.id', '=', sittingId)
    .executeTakeFirst();
}
export type StaffingSitting = NonNullable<Awaited<ReturnType<typeof findSittingForStaffing>>>;

export function findStaff(db: Db, sittingId: string) {
  return db
    .selectFrom('exam_staff')
    .selectAll()
    .where('sitting_id', '=', sittingId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function countRegistered(db: Db, sittingId: string): Promise<number> {
  const row = await db
    .selectFrom('exam_registrations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('sitting_id', '=', sittingId)
    .where('status', '=', 'registered')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The employers candidates declared at registration (issue 7 §3 recusal): active registrations only. */
export async function findCandidateEmployers(db: Db, sittingId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('exam_registrations')
    .select('employer')
    .distinct()
    .where('sitting_id', '=', sittingId)
    .where('status', '=', 'registered')
    .where('employer', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.employer ? [r.employer] : []));
}
