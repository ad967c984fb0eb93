import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Catalog } from '../catalog/catalog.model.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { getDecisionRow, targetDepartments } from './recognition.decisions.ts';
import type { EvaluationResponse } from './recognition.model.ts';

/**
 * 受理结果 (issue 13 item 7): the department a decision's exemption targets records whether it accepted the
 * 互认决定书 presented to it. One outcome per decision × department; recording again replaces it, audited with
 * the previous outcome.
 */
export const intakeOutcomes = ['accepted', 'refused'] as const;
export type IntakeOutcome = (typeof intakeOutcomes)[number];

export const intakeRequestSchema = z
  .strictObject({
    outcome: z.enum(intakeOutcomes),
    reason: z.string().trim().min(1).max(500).optional(),
    /** Which target department (a system admin recording for one; a department admin's own by default). */
    department: z.string().min(1).max(32).optional(),
  })
  .refine((b) => b.outcome !== 'refused' || b.reason !== undefined, {
    path: ['reason'],
    message: 'a refusal gives its reason',
  });
export type IntakeRequest = z.infer<typeof intakeRequestSchema>;

export const intakeSchema = z.object({
  department: z.string(),
  region: z.string().nullable(),
  outcome: z.enum(intakeOutcomes),
  reason: z.string().nullable(),
  rules: z.array(z.string()),
  recordedAt: z.string(),
});
export type Intake = z.infer<typeof intakeSchema>;

export type IntakeDecision =
  | { ok: true; department: string; region: string | null; rules: string[] }
  | { ok: false; code: 'forbidden' | 'rule_violation'; message: string };

/**
 * Who may record an intake (pure): a system admin for any target department; a department admin (or its system's
 * API token) for its own department when that department is a target of the decision and its province scope, if
 * any, covers the decision's region. A decision with no region is taken in the recorder's province.
 */
export function decideIntake(
  principal: Principal,
  targets: ReadonlyMap<string, readonly string[]>,
  decisionRegion: string | null,
  requested: string | undefined,
): IntakeDecision {
  const provinceOf = (region: string) => `${region.slice(0, 2)}0000`;
  if (targets.size === 0)
    return { ok: false, code: 'rule_violation', message: 'the decision asks no department to act' };
  if (principal.role === 'system-admin') {
    const department = requested ?? (targets.size === 1 ? [...targets.keys()][0] : undefined);
    if (!department || !targets.has(department))
      return {
        ok: false,
        code: 'rule_violation',
        message: `name the department: one of ${[...targets.keys()].join(', ')}`,
      };
    return { ok: true, department, region: decisionRegion, rules: [...(targets.get(department) ?? [])] };
  }
  if (principal.role !== 'department-admin' || !principal.department)
    return { ok: false, code: 'forbidden', message: `role ${principal.role} records no intake` };
  const department = principal.department;
  const rules = targets.get(department);
  if (!rules || (requested !== undefined && requested !== department))
    return { ok: false, code: 'forbidden', message: `the decision asks nothing of ${department}` };
  if (principal.province && decisionRegion && provinceOf(decisionRegion) !== principal.province)
    return {
      ok: false,
      code: 'forbidden',
      message: `outside your scope: the decision is for ${decisionRegion}`,
    };
  return { ok: true, department, region: decisionRegion ?? principal.province, rules: [...rules] };
}

const toIntake = (r: {
  department: string;
  region: string | null;
  outcome: string;
  reason: string | null;
  rules: unknown;
  recorded_at: Date;
}): Intake => ({
  department: r.department,
  region: r.region,
  outcome: r.outcome as IntakeOutcome,
  reason: r.reason,
  rules: r.rules as string[],
  recordedAt: r.recorded_at.toISOString(),
});

export async function listIntakes(db: Kysely<Database>, decisionId: string): Promise<Intake[]> {
  const rows = await db
    .selectFrom('decision_intakes')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .orderBy('department')
    .execute();
  return rows.map(toIntake);
}

/** `POST /recognition/decisions/{id}/intake`: the outcome, written with its audit row in one transaction. */
export async function recordIntake(
  deps: { db: Kysely<Database>; catalog: Catalog },
  principal: Principal,
  ctx: AuditContext,
  decisionId: string,
  body: IntakeRequest,
): Promise<Intake> {
  const row = await getDecisionRow(deps.db, decisionId);
  if (!row) throw new AppError('not_found', 'no such decision');
  const targets = targetDepartments(deps.catalog, row.result as EvaluationResponse);
  const decision = decideIntake(principal, targets, row.region, body.department);
  if (!decision.ok) throw new AppError(decision.code, decision.message);
  const values = {
    decision_id: decisionId,
    department: decision.department,
    region: decision.region,
    outcome: body.outcome,
    reason: body.reason ?? null,
    rules: JSON.stringify(decision.rules),
    recorded_by: ctx.actorLabel,
    recorded_at: ctx.at,
  };
  return deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('decision_intakes')
      .selectAll()
      .where('decision_id', '=', decisionId)
      .where('department', '=', decision.department)
      .forUpdate()
      .executeTakeFirst();
    const saved = await trx
      .insertInto('decision_intakes')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['decision_id', 'department']).doUpdateSet({
          region: values.region,
          outcome: values.outcome,
          reason: values.reason,
          rules: values.rules,
          recorded_by: values.recorded_by,
          recorded_at: values.recorded_at,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    const summary = (r: typeof saved) => ({
      department: r.department,
      region: r.region,
      outcome: r.outcome,
      reason: r.reason,
    });
    await appendAudit(trx, ctx, {
      action: before ? 'decision-intake.change' : 'decision-intake.record',
      targetType: 'recognition-decision',
      targetId: decisionId,
      ...(before ? { before: summary(before) } : {}),
      after: summary(saved),
    });
    return toIntake(saved);
  });
}
