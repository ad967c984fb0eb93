/**
 * The read side of exam plans (issue 6 §2, §5): the public list candidates search ("find a plan near me") with the
 * staff's own plans on top, and one plan with its institutions and sittings. Drafts are 404 to whoever may not see
 * them, so their existence is not revealed.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Principal } from '../accounts/accounts.model.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { canSeePlan, planActionsFor } from './plans.access.ts';
import {
  type ListPlansInput,
  type Plan,
  type PlanDetail,
  type PlanSummary,
  type SittingView,
  toChinaIso,
} from './plans.model.ts';
import { staffingFor } from './plans.rules.ts';
import { type ExamStandards, standardFor } from './plans.standards.ts';
import {
  findPlanRows,
  getInstitutionFacts,
  getInstitutionRefs,
  getPlan,
  getSittingTotals,
  type InstitutionRef,
  type PlanScopeFilter,
  type SittingTotals,
  toPlan,
} from './plans.store.ts';
import type { SittingWithSite } from './sittings.model.ts';
import { listSittings } from './sittings.store.ts';

interface ViewDeps {
  db: Kysely<Database>;
  standards: ExamStandards;
}

/** Beyond the published plans, whose a caller also sees (the SQL form of `isInScope`). */
export function scopeFilterOf(principal: Principal | null): PlanScopeFilter {
  if (!principal) return { kind: 'none' };
  switch (principal.role) {
    case 'system-admin':
      return { kind: 'all' };
    case 'supervisor':
      return principal.province ? { kind: 'province', province: principal.province } : { kind: 'all' };
    case 'province-admin':
      return principal.province ? { kind: 'province', province: principal.province } : { kind: 'none' };
    case 'institution-operator':
      return principal.institution
        ? { kind: 'institution', institution: principal.institution }
        : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

function summaryOf(
  plan: Plan,
  refs: readonly InstitutionRef[],
  totals: SittingTotals | undefined,
): PlanSummary {
  return {
    id: plan.id,
    code: plan.code,
    name: plan.name,
    occupation: plan.occupation,
    level: plan.level,
    kind: plan.kind,
    leadProvince: plan.leadProvince,
    status: plan.status,
    registrationOpens: plan.registrationOpens,
    registrationCloses: plan.registrationCloses,
    institutions: refs.map(({ id, name, code, province }) => ({ id, name, code, province })),
    sittingCount: totals?.count ?? 0,
    firstSittingAt: totals?.firstAt ? toChinaIso(totals.firstAt) : null,
    capacity: totals?.capacity ?? 0,
    remaining: (totals?.capacity ?? 0) - (totals?.booked ?? 0),
    version: plan.version,
    createdAt: plan.createdAt.toISOString(),
  };
}

const cursorSchema = z.tuple([z.iso.date(), z.uuid()]);

function decodeCursor(cursor: string): [string, string] {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString()));
  } catch {
    throw new AppError('validation_failed', 'invalid cursor', [
      { path: 'querystring.cursor', message: 'invalid' },
    ]);
  }
}

export async function listPlans(
  deps: ViewDeps,
  principal: Principal | null,
  filter: ListPlansInput,
): Promise<{ items: PlanSummary[]; next?: string }> {
  const after = filter.cursor ? decodeCursor(filter.cursor) : undefined;
  const rows = await findPlanRows(deps.db, filter, scopeFilterOf(principal), after);
  const page = rows.slice(0, filter.limit);
  const ids = page.map((r) => r.id);
  const [refs, totals] = await Promise.all([
    getInstitutionRefs(deps.db, ids),
    getSittingTotals(deps.db, ids),
  ]);
  const items = page.map((row) => {
    const own = refs.filter((r) => r.planId === row.id);
    const plan = toPlan(
      row,
      own.map((r) => ({ institutionId: r.id, province: r.province })),
    );
    return summaryOf(
      plan,
      own,
      totals.find((t) => t.planId === row.id),
    );
  });
  const last = page.at(-1);
  return rows.length > filter.limit && last
    ? { items, next: Buffer.from(JSON.stringify([last.registration_opens, last.id])).toString('base64url') }
    : { items };
}

export function toSittingView(plan: Plan, s: SittingWithSite, standards: ExamStandards): SittingView {
  const standard = standardFor(standards, plan.occupation, plan.level);
  return {
    id: s.id,
    planId: s.planId,
    institutionId: s.institutionId,
    site: s.site,
    startsAt: toChinaIso(s.startsAt),
    endsAt: toChinaIso(s.endsAt),
    capacity: s.capacity,
    booked: s.booked,
    remaining: s.capacity - s.booked,
    staffing: staffingFor(
      standard.staff,
      s.capacity,
      plan.subjects.some((x) => x.kind === 'review'),
    ),
  };
}

/** One plan, if the caller may see it: 404 otherwise (drafts to the public, other scopes' drafts to staff). */
export async function getPlanView(
  deps: ViewDeps,
  principal: Principal | null,
  id: string,
): Promise<PlanDetail> {
  const plan = await getPlan(deps.db, id);
  if (!plan || !canSeePlan(principal, plan)) throw new AppError('not_found', 'no such plan');
  const ids = plan.institutions.map((i) => i.institutionId);
  const [facts, sittings] = await Promise.all([getInstitutionFacts(deps.db, ids), listSittings(deps.db, id)]);
  const refs: InstitutionRef[] = plan.institutions.flatMap((i) => {
    const f = facts.get(i.institutionId);
    return f ? [{ planId: id, id: f.id, name: f.name, code: f.code, province: i.province }] : [];
  });
  const totals: SittingTotals = {
    planId: id,
    count: sittings.length,
    firstAt: sittings[0]?.startsAt ?? null,
    capacity: sittings.reduce((n, s) => n + s.capacity, 0),
    booked: sittings.reduce((n, s) => n + s.booked, 0),
  };
  return {
    ...summaryOf(plan, refs, totals),
    subjects: plan.subjects,
    institutions: refs.map((r) => ({
      id: r.id,
      name: r.name,
      code: r.code,
      province: r.province,
      sites: facts.get(r.id)?.sites ?? [],
    })),
    sittings: sittings.map((s) => toSittingView(plan, s, deps.standards)),
    createdBy: plan.createdBy,
    approvedBy: plan.approvedBy,
    approvedAt: plan.approvedAt?.toISOString() ?? null,
    updatedAt: plan.updatedAt.toISOString(),
    actions: planActionsFor(principal, plan),
  };
}
