/**
 * Assigning staff to a sitting and checking the assignment (issue 7 §3). The check is advice the institution sees
 * while staffing; it does not block an assignment, because staff are added one at a time.
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { StandardLevel } from '../catalog/catalog.model.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { appendExamEvent } from './events.ts';
import { type ExamStandards, standardFor } from './plans.standards.ts';
import { canSeeRegistration } from './registration.service.ts';
import type { StaffInput, StaffingView, StaffView } from './staffing.model.ts';
import { checkStaffing, type StaffRole } from './staffing.rules.ts';
import {
  countRegistered,
  findCandidateEmployers,
  findSittingForStaffing,
  findStaff,
  type StaffingSitting,
} from './staffing.store.ts';

export interface StaffingDeps {
  db: Kysely<Database>;
  standards: ExamStandards;
}

/** Who sees a sitting's staffing: as for its registrations; only its institution (or a system admin) assigns. */
async function loadSitting(deps: StaffingDeps, principal: Principal, sittingId: string, assigning: boolean) {
  const sitting = await findSittingForStaffing(deps.db, sittingId);
  const visible =
    sitting &&
    canSeeRegistration(principal, {
      holder_id: '',
      institution_id: sitting.institution_id,
      province: sitting.province,
    }) &&
    (!assigning || principal.role === 'system-admin' || principal.role === 'institution-operator');
  if (!visible) throw new AppError('not_found', 'no such sitting');
  return sitting;
}

const toStaffView = (r: Awaited<ReturnType<typeof findStaff>>[number]): StaffView => ({
  id: r.id,
  sittingId: r.sitting_id,
  role: r.role as StaffRole,
  name: r.name,
  employer: r.employer,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function assignStaff(
  deps: StaffingDeps,
  principal: Principal,
  ctx: AuditContext,
  sittingId: string,
  input: StaffInput,
): Promise<StaffView> {
  const sitting = await loadSitting(deps, principal, sittingId, true);
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('exam_staff')
      .values({
        id,
        plan_id: sitting.plan_id,
        sitting_id: sittingId,
        ...input,
        user_id: null,
        created_at: ctx.at,
      })
      .execute();
    const after = { sitting: sittingId, ...input };
    await appendAudit(trx, ctx, { action: 'staff.assign', targetType: 'exam_staff', targetId: id, after });
    await appendExamEvent(trx, ctx, {
      kind: 'staff.assigned',
      institutionId: sitting.institution_id,
      planId: sitting.plan_id,
      province: sitting.province,
      subjectType: 'sitting',
      subjectId: sittingId,
      payload: { staff: id, role: input.role },
    });
  });
  const row = (await findStaff(deps.db, sittingId)).find((r) => r.id === id);
  if (!row) throw new AppError('internal', 'the staff row vanished');
  return toStaffView(row);
}

export function staffingOf(deps: StaffingDeps, sitting: StaffingSitting) {
  return standardFor(deps.standards, sitting.occupation, sitting.level as StandardLevel);
}

export async function getStaffing(
  deps: StaffingDeps,
  principal: Principal,
  sittingId: string,
): Promise<StaffingView> {
  const sitting = await loadSitting(deps, principal, sittingId, false);
  const staff = (await findStaff(deps.db, sittingId)).map(toStaffView);
  const candidates = await countRegistered(deps.db, sittingId);
  const planSubjects = (sitting.subjects as { kind: string }[]).map((s) => s.kind);
  const standard = staffingOf(deps, sitting);
  const answer = checkStaffing({
    ratios: standard.staff,
    // A draft plan may not list its subjects yet: the standard's subjects for the level apply then.
    subjects: planSubjects.length > 0 ? planSubjects : standard.subjects.map((s) => s.kind),
    candidates,
    rooms: 1,
    runningInstitution: sitting.institution_name,
    candidateEmployers: await findCandidateEmployers(deps.db, sittingId),
    staff,
  });
  return { sittingId, candidates, runningInstitution: sitting.institution_name, ...answer, staff };
}
