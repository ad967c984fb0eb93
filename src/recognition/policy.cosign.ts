/**
 * 会同 (通知: 省级人力资源社会保障部门会同有关部门…): a provincial HRSS draft that touches another department's
 * certificates — an override of an exemption towards them, a 对应目录 row naming them, a 一试多证 arrangement issuing
 * them — is published only once that department's admin for the province (or with national scope) has co-signed
 * the rows concerning it. draft → awaiting-cosign → (every department signed) → published; a rejection sends the
 * draft back with its reason. Each step writes its audit row in its transaction.
 */
import type { Principal } from '../accounts/accounts.model.ts';
import type { AuditContext } from '../audit/audit.store.ts';
import { appendAudit } from '../audit/audit.store.ts';
import { todayInChina } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { policyInputsChanged } from './policy.generation.ts';
import { isDepartmentAdminFor, policyOwnerOf } from './policy.owner.ts';
import { cosignaturesNeeded } from './policy.rules.ts';
import { assertCanEdit, getPolicyVersion, type PolicyDeps } from './policy.service.ts';
import { findCosignatures, getPolicyVersionRow } from './policy.store.ts';
import type { ProvincialPack } from './recognition.model.ts';

export interface Cosignature {
  department: string;
  rows: string[];
  status: 'needed' | 'pending' | 'signed' | 'rejected';
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** The co-signatures a version needs and where each stands ("needed" = not yet asked for). */
export async function cosignaturesOf(deps: PolicyDeps, id: string, version: string): Promise<Cosignature[]> {
  const owner = policyOwnerOf(id);
  if (owner?.kind !== 'province') return [];
  const row = await getPolicyVersionRow(deps.db, id, version);
  if (!row) return [];
  const recorded = await findCosignatures(deps.db, id, version);
  if (row.status === 'published' || row.status === 'awaiting-cosign') {
    return recorded.map((r) => ({
      department: r.department,
      rows: r.rows as string[],
      status: r.status as Cosignature['status'],
      reason: r.reason,
      decidedBy: r.decided_by,
      decidedAt: r.decided_at?.toISOString() ?? null,
    }));
  }
  const needed = await neededFor(deps, id, row.based_on, row.pack as ProvincialPack);
  const rejected = new Map(recorded.map((r) => [r.department, r]));
  return [...needed.entries()].map(([department, rows]) => {
    const last = rejected.get(department);
    return {
      department,
      rows,
      status: 'needed' as const,
      reason: last?.status === 'rejected' ? last.reason : null,
      decidedBy: last?.decided_by ?? null,
      decidedAt: last?.decided_at?.toISOString() ?? null,
    };
  });
}

async function neededFor(deps: PolicyDeps, id: string, basedOn: string | null, pack: ProvincialPack) {
  const base = basedOn
    ? ((await getPolicyVersion(deps, id, basedOn).catch(() => undefined))?.pack as ProvincialPack | undefined)
    : undefined;
  const departmentOf = (t: string) => deps.catalog.certificateTypesById.get(t)?.department;
  return cosignaturesNeeded(base ?? null, pack, deps.policies.national, departmentOf);
}

/** Sends a provincial draft to the departments it concerns; it can no longer be published alone. */
export async function requestCosignatures(
  deps: PolicyDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  version: string,
) {
  const owner = assertCanEdit(principal, id);
  if (owner.kind !== 'province') throw new AppError('conflict', 'only provincial packs are co-signed');
  return deps.db.transaction().execute(async (trx) => {
    const row = await getPolicyVersionRow(trx, id, version);
    if (!row) throw new AppError('not_found', `no draft ${version}`);
    if (row.status !== 'draft') throw new AppError('conflict', `${version} is ${row.status}`);
    const needed = await neededFor(deps, id, row.based_on, row.pack as ProvincialPack);
    if (needed.size === 0)
      throw new AppError('conflict', 'this draft touches only HRSS certificates: publish it directly');
    await trx
      .deleteFrom('policy_cosignatures')
      .where('policy_id', '=', id)
      .where('version', '=', version)
      .execute();
    for (const [department, rows] of needed) {
      await trx
        .insertInto('policy_cosignatures')
        .values({
          policy_id: id,
          version,
          department,
          rows: JSON.stringify(rows),
          status: 'pending',
          reason: null,
          decided_by: null,
          decided_at: null,
          requested_at: ctx.at,
        })
        .execute();
    }
    await trx
      .updateTable('policy_versions')
      .set({ status: 'awaiting-cosign' })
      .where('policy_id', '=', id)
      .where('version', '=', version)
      .execute();
    const departments = Object.fromEntries(needed);
    await appendAudit(trx, ctx, {
      action: 'policy.cosign-request',
      targetType: 'policy',
      targetId: `${id}@${version}`,
      after: { departments },
    });
    return { version, status: 'awaiting-cosign' as const, departments };
  });
}

/** A department's admin signs or rejects the rows of a provincial draft that concern their department. */
export async function decideCosignature(
  deps: PolicyDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  version: string,
  decision: { department: string; outcome: 'signed' | 'rejected'; reason?: string | undefined },
) {
  const owner = policyOwnerOf(id);
  if (owner?.kind !== 'province') throw new AppError('not_found', `no provincial policy ${id}`);
  const allowed =
    principal.role === 'system-admin' || isDepartmentAdminFor(principal, decision.department, owner.region);
  if (!allowed)
    throw new AppError(
      'forbidden',
      `only ${decision.department}'s admins for ${owner.region} co-sign these rows`,
    );
  if (decision.outcome === 'rejected' && !decision.reason?.trim()) {
    throw new AppError('validation_failed', 'a rejection says why', [
      { path: 'body.reason', message: 'required' },
    ]);
  }
  return deps.db.transaction().execute(async (trx) => {
    const row = await getPolicyVersionRow(trx, id, version);
    if (!row) throw new AppError('not_found', `no draft ${version}`);
    const sig = await trx
      .selectFrom('policy_cosignatures')
      .selectAll()
      .where('policy_id', '=', id)
      .where('version', '=', version)
      .where('department', '=', decision.department)
      .forUpdate()
      .executeTakeFirst();
    if (row.status !== 'awaiting-cosign' || !sig)
      throw new AppError('conflict', `${version} is not awaiting ${decision.department}'s co-signature`);
    if (sig.status !== 'pending') throw new AppError('conflict', `already ${sig.status}`);
    await trx
      .updateTable('policy_cosignatures')
      .set({
        status: decision.outcome,
        reason: decision.reason?.trim() || null,
        decided_by: ctx.actorLabel,
        decided_at: ctx.at,
      })
      .where('policy_id', '=', id)
      .where('version', '=', version)
      .where('department', '=', decision.department)
      .execute();
    if (decision.outcome === 'rejected') {
      // Back to the province with the reason; the others' signatures lapse with the request.
      await trx
        .updateTable('policy_versions')
        .set({ status: 'draft' })
        .where('policy_id', '=', id)
        .where('version', '=', version)
        .execute();
    }
    await appendAudit(trx, ctx, {
      action: decision.outcome === 'signed' ? 'policy.cosign' : 'policy.cosign-reject',
      targetType: 'policy',
      targetId: `${id}@${version}`,
      after: { department: decision.department, rows: sig.rows, reason: decision.reason ?? null },
    });
    return { department: decision.department, status: decision.outcome };
  });
}

/**
 * Publishes a draft from an effective date (today or later). A provincial draft that concerns other departments
 * needs every one of their co-signatures first (409 `cosign_required` names who is missing).
 */
export async function publishDraft(
  deps: PolicyDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  version: string,
  effectiveFrom: string,
) {
  assertCanEdit(principal, id);
  const today = todayInChina(deps.clock);
  if (effectiveFrom < today) {
    throw new AppError('rule_violation', 'a policy cannot take effect in the past', [
      { path: 'body.effectiveFrom', message: `before ${today}`, reason: 'in-the-past', params: { today } },
    ]);
  }
  const signatures = await cosignaturesOf(deps, id, version);
  const missing = signatures.filter((s) => s.status !== 'signed');
  if (missing.length > 0) {
    throw new AppError(
      'cosign_required',
      `co-signature still needed from ${missing.map((m) => m.department).join(', ')}`,
      missing.map((m) => ({
        path: `cosignatures.${m.department}`,
        message: `${m.status}: ${m.rows.join(', ')}`,
      })),
    );
  }
  await deps.db.transaction().execute(async (trx) => {
    const row = await getPolicyVersionRow(trx, id, version);
    if (!row) throw new AppError('not_found', `no draft ${version}`);
    if (row.status === 'published') throw new AppError('conflict', `${version} is already published`);
    const pending = await trx
      .selectFrom('policy_cosignatures')
      .select('department')
      .where('policy_id', '=', id)
      .where('version', '=', version)
      .where('status', '!=', 'signed')
      .execute();
    if (pending.length > 0 || (signatures.length > 0 && row.status !== 'awaiting-cosign'))
      throw new AppError('conflict', 'the co-signatures changed meanwhile: reload');
    await trx
      .updateTable('policy_versions')
      .set({
        status: 'published',
        effective_from: effectiveFrom,
        published_by: ctx.actorLabel,
        published_at: ctx.at,
      })
      .where('policy_id', '=', id)
      .where('version', '=', version)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'policy.publish',
      targetType: 'policy',
      targetId: `${id}@${version}`,
      after: { effectiveFrom, cosignedBy: signatures.map((s) => s.department) },
    });
  });
  policyInputsChanged();
  return { version, status: 'published' as const, effectiveFrom };
}
