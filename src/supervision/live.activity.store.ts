/**
 * The activity snapshot's aggregates (issue 8 §1): plans in progress, today's sittings and open warnings in a
 * viewer's scope, each counted with GROUP BY in SQL, never row by row. Reads only.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { closedWarningStatuses, type LiveScope } from './live.model.ts';

type Db = Kysely<Database>;

const count = (v: string | number | bigint | null | undefined) => Number(v ?? 0);

/** Approved plans (not closed or cancelled) touching the scope: lead province, or an institution in it. */
export async function findActivePlans(db: Db, scope: LiveScope, limit: number) {
  return db
    .selectFrom('exam_plans as p')
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.occupation',
      'p.level',
      'p.kind',
      'p.lead_province',
      'p.registration_opens',
      'p.registration_closes',
    ])
    .where('p.status', '=', 'approved')
    .where((eb) => {
      const partyIn = (column: 'province' | 'institution_id', value: string) =>
        eb.exists(
          eb
            .selectFrom('exam_plan_institutions as pi')
            .select(sql<number>`1`.as('one'))
            .whereRef('pi.plan_id', '=', 'p.id')
            .where(`pi.${column}`, '=', value),
        );
      const conditions = [];
      if (scope.province !== null)
        conditions.push(
          eb.or([eb('p.lead_province', '=', scope.province), partyIn('province', scope.province)]),
        );
      if (scope.institution !== null) conditions.push(partyIn('institution_id', scope.institution));
      return eb.and(conditions);
    })
    .$if(scope.occupation !== null, (qb) => qb.where('p.occupation', '=', scope.occupation as string))
    .orderBy('p.registration_opens', 'desc')
    .orderBy('p.code')
    .limit(limit)
    .execute();
}

/** Per plan, within the scope's province and institution: registrations, attempts, results, certificates. */
export async function countPlanActivity(db: Db, scope: LiveScope, planIds: readonly string[]) {
  if (planIds.length === 0) return [];
  const rows = await db
    .selectFrom('exam_registrations as r')
    .leftJoin('exam_attempts as a', 'a.registration_id', 'r.id')
    .leftJoin('exam_results as x', 'x.registration_id', 'r.id')
    .select((eb) => [
      'r.plan_id',
      eb.fn.count('r.id').distinct().filterWhere('r.status', '=', 'registered').as('registered'),
      eb.fn.count('a.id').distinct().as('started'),
      eb.fn.count('a.id').distinct().filterWhere('a.status', '=', 'submitted').as('submitted'),
      eb.fn.count('x.registration_id').distinct().as('computed'),
      eb.fn
        .count('x.registration_id')
        .distinct()
        .filterWhere('x.published_at', 'is not', null)
        .as('published'),
      eb.fn
        .count('x.registration_id')
        .distinct()
        .filterWhere('x.certificate_id', 'is not', null)
        .as('issued'),
    ])
    .where('r.plan_id', 'in', planIds)
    .$if(scope.province !== null, (qb) => qb.where('r.province', '=', scope.province as string))
    .$if(scope.institution !== null, (qb) => qb.where('r.institution_id', '=', scope.institution as string))
    .groupBy('r.plan_id')
    .execute();
  return rows.map((r) => ({
    planId: r.plan_id,
    registered: count(r.registered),
    attemptsStarted: count(r.started),
    attemptsSubmitted: count(r.submitted),
    resultsComputed: count(r.computed),
    resultsPublished: count(r.published),
    certificatesIssued: count(r.issued),
  }));
}

export async function countPlanSittings(db: Db, scope: LiveScope, planIds: readonly string[]) {
  const out = new Map<string, { n: number; firstStartsAt: Date | null; lastEndsAt: Date | null }>();
  if (planIds.length === 0) return out;
  const rows = await db
    .selectFrom('exam_sittings as s')
    .innerJoin('institutions as i', 'i.id', 's.institution_id')
    .select((eb) => [
      's.plan_id',
      eb.fn.countAll().as('n'),
      eb.fn.min('s.starts_at').as('first_starts_at'),
      eb.fn.max('s.ends_at').as('last_ends_at'),
    ])
    .where('s.plan_id', 'in', planIds)
    .$if(scope.province !== null, (qb) => qb.where('i.province', '=', scope.province as string))
    .$if(scope.institution !== null, (qb) => qb.where('s.institution_id', '=', scope.institution as string))
    .groupBy('s.plan_id')
    .execute();
  for (const r of rows)
    out.set(r.plan_id, {
      n: count(r.n),
      firstStartsAt: r.first_starts_at === null ? null : new Date(r.first_starts_at),
      lastEndsAt: r.last_ends_at === null ? null : new Date(r.last_ends_at),
    });
  return out;
}

/** Sittings of approved plans overlapping [from, to), in scope, with their registered/started/submitted counts. */
export async function findSittingsBetween(db: Db, scope: LiveScope, from: Date, to: Date, limit: number) {
  const sittings = await db
    .selectFrom('exam_sittings as s')
    .innerJoin('exam_plans as p', 'p.id', 's.plan_id')
    .innerJoin('institutions as i', 'i.id', 's.institution_id')
    .innerJoin('institution_sites as site', 'site.id', 's.site_id')
    .select([
      's.id',
      's.plan_id',
      'p.code as plan_code',
      'p.occupation',
      's.institution_id',
      'i.name as institution_name',
      'i.province',
      'site.name as site_name',
      's.starts_at',
      's.ends_at',
      's.capacity',
    ])
    .where('p.status', '=', 'approved')
    .where('s.starts_at', '<', to)
    .where('s.ends_at', '>', from)
    .$if(scope.province !== null, (qb) => qb.where('i.province', '=', scope.province as string))
    .$if(scope.institution !== null, (qb) => qb.where('s.institution_id', '=', scope.institution as string))
    .$if(scope.occupation !== null, (qb) => qb.where('p.occupation', '=', scope.occupation as string))
    .orderBy('s.starts_at')
    .limit(limit)
    .execute();
  if (sittings.length === 0) return [];
  const counts = await db
    .selectFrom('exam_registrations as r')
    .leftJoin('exam_attempts as a', 'a.registration_id', 'r.id')
    .select((eb) => [
      'r.sitting_id',
      eb.fn.count('r.id').distinct().filterWhere('r.status', '=', 'registered').as('registered'),
      eb.fn.count('a.id').distinct().as('started'),
      eb.fn.count('a.id').distinct().filterWhere('a.status', '=', 'submitted').as('submitted'),
    ])
    .where(
      'r.sitting_id',
      'in',
      sittings.map((s) => s.id),
    )
    .groupBy('r.sitting_id')
    .execute();
  const bySitting = new Map(counts.map((c) => [c.sitting_id, c]));
  return sittings.map((s) => {
    const c = bySitting.get(s.id);
    return {
      ...s,
      starts_at: new Date(s.starts_at),
      ends_at: new Date(s.ends_at),
      registered: count(c?.registered),
      started: count(c?.started),
      submitted: count(c?.submitted),
    };
  });
}

export async function countOpenWarnings(db: Db, scope: LiveScope): Promise<number> {
  const row = await db
    .selectFrom('warnings')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('status', 'not in', [...closedWarningStatuses])
    .$if(scope.province !== null, (qb) => qb.where('province', '=', scope.province as string))
    .$if(scope.institution !== null, (qb) => qb.where('institution_id', '=', scope.institution as string))
    .$if(scope.occupation !== null, (qb) => qb.where('occupation', '=', scope.occupation as string))
    .executeTakeFirst();
  return count(row?.n);
}
