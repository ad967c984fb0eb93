/**
 * Live monitoring's reads of the feeds (issue 8 §1): exam events with the plan facts their scope depends on (by
 * cursor for the poller, in scope for the snapshot and resumes) and changed warnings. The snapshot's aggregates
 * are in `live.activity.store.ts`.
 */
import { type Kysely, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../db/schema.ts';
import type { EventFacts, LiveScope, WarningFacts } from './live.model.ts';

type Db = Kysely<Database>;

function selectEvents(db: Db) {
  return db
    .selectFrom('exam_events as e')
    .leftJoin('exam_plans as p', 'p.id', 'e.plan_id')
    .leftJoin('institutions as i', 'i.id', 'e.institution_id')
    .select((eb) => [
      'e.id',
      'e.at',
      'e.kind',
      'e.actor_label',
      'e.province',
      'e.institution_id',
      'e.plan_id',
      'e.subject_type',
      'e.subject_id',
      'e.payload',
      'i.name as institution_name',
      'p.code as plan_code',
      'p.name as plan_name',
      'p.occupation as plan_occupation',
      'p.lead_province',
      jsonArrayFrom(
        eb
          .selectFrom('exam_plan_institutions as pi')
          .select(['pi.institution_id as institutionId', 'pi.province'])
          .whereRef('pi.plan_id', '=', 'e.plan_id'),
      ).as('parties'),
    ]);
}

type EventRow = Awaited<ReturnType<ReturnType<typeof selectEvents>['execute']>>[number];

function toFacts(r: EventRow): EventFacts {
  const payload = typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload;
  return {
    id: Number(r.id),
    at: new Date(r.at),
    kind: r.kind,
    actorLabel: r.actor_label,
    province: r.province,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    planId: r.plan_id,
    plan:
      r.plan_code !== null && r.plan_name !== null && r.plan_occupation !== null && r.lead_province !== null
        ? {
            code: r.plan_code,
            name: r.plan_name,
            occupation: r.plan_occupation,
            leadProvince: r.lead_province,
            parties: r.parties,
          }
        : null,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    payload: payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {},
  };
}

/** Events with an id above `after`, and those named in `ids` (late commits the poller waits for), oldest first. */
export async function readEvents(
  db: Db,
  after: number,
  ids: readonly number[],
  limit: number,
): Promise<EventFacts[]> {
  const rows = await selectEvents(db)
    .where((eb) =>
      ids.length > 0
        ? eb.or([eb('e.id', '>', String(after)), eb('e.id', 'in', ids.map(String))])
        : eb('e.id', '>', String(after)),
    )
    .orderBy('e.id')
    .limit(limit)
    .execute();
  return rows.map(toFacts);
}

export async function readEventIdsAfter(db: Db, after: number): Promise<number[]> {
  const rows = await db.selectFrom('exam_events').select('id').where('id', '>', String(after)).execute();
  return rows.map((r) => Number(r.id));
}

export async function maxEventId(db: Db): Promise<number> {
  const row = await db
    .selectFrom('exam_events')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max);
}

/**
 * The scope rules of `live.rules.ts` (`isEventInScope`) in SQL: a plan-wide event (subject plan or paper, or no
 * province of its own) belongs to every province and institution its plan touches; any other to its own.
 */
function scopedEvents(db: Db, scope: LiveScope) {
  return selectEvents(db).where((eb) => {
    const touches = (column: 'province' | 'institution_id', value: string) =>
      eb.exists(
        eb
          .selectFrom('exam_plan_institutions as pi')
          .select(sql<number>`1`.as('one'))
          .whereRef('pi.plan_id', '=', 'e.plan_id')
          .where(`pi.${column}`, '=', value),
      );
    const planWide = eb.and([
      eb('e.plan_id', 'is not', null),
      eb.or([eb('e.subject_type', 'in', ['plan', 'paper']), eb('e.province', 'is', null)]),
    ]);
    const conditions = [];
    if (scope.province !== null) {
      const p = scope.province;
      conditions.push(
        eb.or([
          eb.and([planWide, eb.or([eb('p.lead_province', '=', p), touches('province', p)])]),
          eb.and([eb.not(planWide), eb('e.province', '=', p)]),
        ]),
      );
    }
    if (scope.institution !== null) {
      const i = scope.institution;
      conditions.push(
        eb.or([eb('e.institution_id', '=', i), eb.and([planWide, touches('institution_id', i)])]),
      );
    }
    if (scope.occupation !== null) conditions.push(eb('p.occupation', '=', scope.occupation));
    return eb.and(conditions);
  });
}

/** The newest `limit` events in scope, newest first. */
export async function findRecentEvents(db: Db, scope: LiveScope, limit: number): Promise<EventFacts[]> {
  const rows = await scopedEvents(db, scope).orderBy('e.id', 'desc').limit(limit).execute();
  return rows.map(toFacts);
}

/** A resume: events in scope after `after` (plus late commits named in `ids`), the newest `limit`, oldest first. */
export async function findEventsAfter(
  db: Db,
  scope: LiveScope,
  after: number,
  ids: readonly number[],
  limit: number,
): Promise<EventFacts[]> {
  const rows = await scopedEvents(db, scope)
    .where((eb) =>
      ids.length > 0
        ? eb.or([eb('e.id', '>', String(after)), eb('e.id', 'in', ids.map(String))])
        : eb('e.id', '>', String(after)),
    )
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toFacts).reverse();
}

/** Warnings whose row changed after `since`, oldest change first. */
export async function readWarningsChangedSince(db: Db, since: Date, limit: number): Promise<WarningFacts[]> {
  const rows = await db
    .selectFrom('warnings')
    .select([
      'id',
      'rule',
      'severity',
      'status',
      'province',
      'institution_id',
      'plan_id',
      'sitting_id',
      'occupation',
      'summary',
      'updated_at',
    ])
    .where('updated_at', '>', since)
    .orderBy('updated_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    rule: r.rule,
    severity: r.severity,
    status: r.status,
    province: r.province,
    institutionId: r.institution_id,
    planId: r.plan_id,
    sittingId: r.sitting_id,
    occupation: r.occupation,
    summary: r.summary,
    updatedAt: new Date(r.updated_at),
  }));
}
