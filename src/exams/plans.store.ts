import { type Expression, type Kysely, type Selectable, type SqlBool, sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { StandardLevel } from '../catalog/catalog.model.ts';
import type { Database, ExamPlansTable } from '../db/schema.ts';
import type {
  InstitutionFacts,
  ListPlansInput,
  Plan,
  PlanInstitution,
  PlanKind,
  PlanStatus,
  Subject,
} from './plans.model.ts';
import { subjectKindSchema } from './plans.standards.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type PlanRow = Selectable<ExamPlansTable>;

const subjectsSchema = z.array(
  z.object({
    kind: subjectKindSchema,
    durationMinutes: z.number(),
    passMark: z.number(),
    fullMark: z.number(),
  }),
);

export function toPlan(row: PlanRow, institutions: PlanInstitution[]): Plan {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    occupation: row.occupation,
    level: row.level as StandardLevel,
    kind: row.kind as PlanKind,
    leadProvince: row.lead_province,
    status: row.status as PlanStatus,
    subjects: subjectsSchema.parse(row.subjects) as Subject[],
    registrationOpens: row.registration_opens,
    registrationCloses: row.registration_closes,
    createdBy: row.created_by,
    createdAt: row.created_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    updatedAt: row.updated_at,
    version: row.version,
    institutions,
  };
}

export async function getPlan(db: Db, id: string, forUpdate = false): Promise<Plan | undefined> {
  let q = db.selectFrom('exam_plans').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  return toPlan(row, await getPlanInstitutions(db, id));
}

export async function getPlanInstitutions(db: Db, planId: string): Promise<PlanInstitution[]> {
  const rows = await db
    .selectFrom('exam_plan_institutions')
    .select(['institution_id', 'province'])
    .where('plan_id', '=', planId)
    .orderBy('province')
    .orderBy('institution_id')
    .execute();
  return rows.map((r) => ({ institutionId: r.institution_id, province: r.province }));
}

export async function insertPlan(trx: Transaction<Database>, plan: Plan): Promise<void> {
  await trx
    .insertInto('exam_plans')
    .values({
      id: plan.id,
      code: plan.code,
      name: plan.name,
      occupation: plan.occupation,
      level: plan.level,
      kind: plan.kind,
      lead_province: plan.leadProvince,
      status: plan.status,
      subjects: JSON.stringify(plan.subjects),
      registration_opens: plan.registrationOpens,
      registration_closes: plan.registrationCloses,
      created_by: plan.createdBy,
      created_at: plan.createdAt,
      approved_by: plan.approvedBy,
      approved_at: plan.approvedAt,
      updated_at: plan.updatedAt,
      version: plan.version,
    })
    .execute();
  await replacePlanInstitutions(trx, plan.id, plan.institutions);
}

export async function updatePlanRow(trx: Transaction<Database>, plan: Plan): Promise<void> {
  await trx
    .updateTable('exam_plans')
    .set({
      name: plan.name,
      status: plan.status,
      subjects: JSON.stringify(plan.subjects),
      registration_opens: plan.registrationOpens,
      registration_closes: plan.registrationCloses,
      approved_by: plan.approvedBy,
      approved_at: plan.approvedAt,
      updated_at: plan.updatedAt,
      version: plan.version,
    })
    .where('id', '=', plan.id)
    .execute();
}

export async function replacePlanInstitutions(
  trx: Transaction<Database>,
  planId: string,
  institutions: readonly PlanInstitution[],
): Promise<void> {
  await trx.deleteFrom('exam_plan_institutions').where('plan_id', '=', planId).execute();
  if (institutions.length === 0) return;
  await trx
    .insertInto('exam_plan_institutions')
    .values(
      institutions.map((i) => ({ plan_id: planId, institution_id: i.institutionId, province: i.province })),
    )
    .execute();
}

const PLAN_CODE_LOCK = 7_262_006;

/**
 * The next sequence number for codes starting with `prefix`. A transaction-scoped advisory lock per prefix makes
 * concurrent creations in one province and year wait for each other instead of colliding on the unique code.
 */
export async function nextPlanSeq(trx: Transaction<Database>, prefix: string): Promise<number> {
  await sql`select pg_advisory_xact_lock(${PLAN_CODE_LOCK}, hashtext(${prefix}))`.execute(trx);
  const row = await trx
    .selectFrom('exam_plans')
    .select((eb) => eb.fn.max('code').as('code'))
    .where('code', 'like', `${prefix}%`)
    .executeTakeFirst();
  const last = row?.code ? Number(row.code.slice(prefix.length)) : 0;
  return (Number.isFinite(last) ? last : 0) + 1;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filing facts, scope and sites of institutions, from the institution register's tables. */
export async function getInstitutionFacts(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, InstitutionFacts>> {
  const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
  const out = new Map<string, InstitutionFacts>();
  if (wanted.length === 0) return out;
  const rows = await db
    .selectFrom('institutions')
    .select(['id', 'name', 'code', 'province', 'status', 'valid_from', 'valid_until'])
    .where('id', 'in', wanted)
    .execute();
  const scopes = await db
    .selectFrom('institution_scopes')
    .selectAll()
    .where('institution_id', 'in', wanted)
    .execute();
  const sites = await db
    .selectFrom('institution_sites')
    .select(['id', 'institution_id', 'name', 'address', 'region'])
    .where('institution_id', 'in', wanted)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    out.set(r.id, {
      id: r.id,
      name: r.name,
      code: r.code,
      province: r.province,
      status: r.status,
      validFrom: r.valid_from,
      validUntil: r.valid_until,
      scopes: scopes
        .filter((s) => s.institution_id === r.id)
        .map((s) => ({ occupation: s.occupation, level: s.level })),
      sites: sites
        .filter((s) => s.institution_id === r.id)
        .map((s) => ({ id: s.id, name: s.name, address: s.address, region: s.region })),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Lists

/** Whose plans a caller may see beyond the published ones. */
export type PlanScopeFilter =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'province'; province: string }
  | { kind: 'institution'; institution: string };

function scopeCondition(scope: PlanScopeFilter): Expression<SqlBool> {
  switch (scope.kind) {
    case 'all':
      return sql<SqlBool>`true`;
    case 'none':
      return sql<SqlBool>`false`;
    case 'province':
      return sql<SqlBool>`(p.lead_province = ${scope.province} or exists (select 1 from exam_plan_institutions e
        where e.plan_id = p.id and e.province = ${scope.province}))`;
    case 'institution':
      return UUID.test(scope.institution)
        ? sql<SqlBool>`exists (select 1 from exam_plan_institutions e
            where e.plan_id = p.id and e.institution_id = ${scope.institution}::uuid)`
        : sql<SqlBool>`false`;
  }
}

/**
 * One page of plans, keyset-paginated on (registration opens, id), newest first. Visible: published plans (by
 * default only those approved, i.e. open for registration) and, for staff, every plan in their scope; with
 * `scope: 'mine'` only the latter.
 */
export async function findPlanRows(
  db: Db,
  filter: ListPlansInput,
  scope: PlanScopeFilter,
  after: [string, string] | undefined,
): Promise<PlanRow[]> {
  const where: Expression<SqlBool>[] = [];
  if (filter.occupation) where.push(sql<SqlBool>`p.occupation = ${filter.occupation}`);
  if (filter.level) where.push(sql<SqlBool>`p.level = ${filter.level}`);
  if (filter.status) where.push(sql<SqlBool>`p.status = ${filter.status}`);
  if (filter.province)
    where.push(sql<SqlBool>`exists (select 1 from exam_plan_institutions e
      where e.plan_id = p.id and e.province = ${filter.province})`);
  if (filter.openOn)
    where.push(
      sql<SqlBool>`p.registration_opens <= ${filter.openOn}::date and p.registration_closes >= ${filter.openOn}::date`,
    );
  const inScope = scopeCondition(scope);
  const published = filter.status
    ? sql<SqlBool>`p.approved_at is not null`
    : sql<SqlBool>`(p.approved_at is not null and p.status = 'approved')`;
  where.push(filter.scope === 'mine' ? inScope : sql<SqlBool>`(${published} or ${inScope})`);
  if (after) where.push(sql<SqlBool>`(p.registration_opens, p.id) < (${after[0]}::date, ${after[1]}::uuid)`);
  let q = db.selectFrom('exam_plans as p').selectAll('p');
  for (const w of where) q = q.where(w);
  return q
    .orderBy('p.registration_opens', 'desc')
    .orderBy('p.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

export interface InstitutionRef {
  planId: string;
  id: string;
  name: string;
  code: string;
  province: string;
}

export async function getInstitutionRefs(db: Db, planIds: readonly string[]): Promise<InstitutionRef[]> {
  if (planIds.length === 0) return [];
  const rows = await db
    .selectFrom('exam_plan_institutions as e')
    .innerJoin('institutions as i', 'i.id', 'e.institution_id')
    .select(['e.plan_id', 'i.id', 'i.name', 'i.code', 'e.province'])
    .where('e.plan_id', 'in', planIds)
    .orderBy('e.province')
    .orderBy('i.name')
    .execute();
  return rows.map((r) => ({ planId: r.plan_id, id: r.id, name: r.name, code: r.code, province: r.province }));
}

export interface SittingTotals {
  planId: string;
  count: number;
  firstAt: Date | null;
  capacity: number;
  booked: number;
}

export async function getSittingTotals(db: Db, planIds: readonly string[]): Promise<SittingTotals[]> {
  if (planIds.length === 0) return [];
  const rows = await db
    .selectFrom('exam_sittings')
    .select((eb) => [
      'plan_id',
      eb.fn.countAll<number>().as('count'),
      eb.fn.min('starts_at').as('first_at'),
      eb.fn.sum<number>('capacity').as('capacity'),
      eb.fn.sum<number>('booked').as('booked'),
    ])
    .where('plan_id', 'in', planIds)
    .groupBy('plan_id')
    .execute();
  return rows.map((r) => ({
    planId: r.plan_id,
    count: Number(r.count),
    firstAt: r.first_at === null ? null : new Date(r.first_at),
    capacity: Number(r.capacity ?? 0),
    booked: Number(r.booked ?? 0),
  }));
}
