import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Catalog } from '../catalog/catalog.model.ts';
import type { Database } from '../db/schema.ts';
import { appendExamEvent, type ExamEventKind } from '../exams/events.ts';
import { type Clock, todayInChina } from '../shared/clock.ts';
import { AppError, type ErrorDetail } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import {
  type CreateInstitutionInput,
  type Institution,
  type InstitutionView,
  PROVINCIAL_NATIONAL_CODE,
} from './institution.model.ts';
import {
  canManageInstitution,
  checkFilingRenewal,
  type FilingAction,
  institutionCode,
  nextFilingStatus,
  type ScopeEntry,
  scopeProblems,
} from './institution.rules.ts';
import {
  findDuplicates,
  getInstitution,
  insertInstitution,
  updateInstitutionRow,
} from './institution.store.ts';
import { toInstitutionView } from './institution.views.ts';

export interface InstitutionsDeps {
  db: Kysely<Database>;
  /** A read replica for the public directory (issue 16 §3); officials read the primary, their own writes included. */
  readDb?: Kysely<Database>;
  catalog: Catalog;
  clock: Clock;
}

const eventKinds: Record<FilingAction | 'file' | 'update' | 'renew', ExamEventKind> = {
  file: 'institution.filed',
  update: 'institution.updated',
  renew: 'institution.renewed',
  suspend: 'institution.suspended',
  reinstate: 'institution.reinstated',
  withdraw: 'institution.withdrawn',
};

export function checkScopes(catalog: Catalog, scopes: readonly ScopeEntry[]): void {
  const problems = scopeProblems(catalog.occupationsByCode, scopes);
  if (problems.length > 0)
    throw new AppError(
      'validation_failed',
      'the filed scope names occupations or levels the catalog does not have',
      problems.map((p) => ({
        path: `body.scopes.${p.index}.${p.field}`,
        message: `${p.code}: ${p.message}`,
      })),
    );
}

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/** The filing, locked for the change; out of the caller's province it does not exist (scope hides existence). */
export async function loadForChange(
  trx: Transaction<Database>,
  principal: Principal,
  id: string,
): Promise<Institution> {
  const institution = await getInstitution(trx, id, true);
  if (!institution || !canManageInstitution(principal, institution.province))
    throw new AppError('not_found', 'no such institution');
  return institution;
}

/** The audit row (before/after) and the exam event of one change, in the change's transaction (issue 6 §1, §4). */
export async function record(
  trx: Transaction<Database>,
  ctx: AuditContext,
  action: keyof typeof eventKinds,
  before: InstitutionView | null,
  after: InstitutionView,
  payload: Record<string, unknown>,
): Promise<void> {
  const reason = typeof payload.reason === 'string' ? payload.reason : undefined;
  await appendAudit(trx, ctx, {
    action: `institution.${action}`,
    targetType: 'institution',
    targetId: after.id,
    ...(before && { before }),
    after: reason ? { ...after, reason } : after,
  });
  await appendExamEvent(trx, ctx, {
    kind: eventKinds[action],
    institutionId: after.id,
    province: after.province,
    subjectType: 'institution',
    subjectId: after.id,
    payload: { code: after.code, ...payload },
  });
}

/** 遴选备案 (issue 6 §1): a province admin files an institution of their province; system admins any. */
export async function fileInstitution(
  deps: InstitutionsDeps,
  ctx: AuditContext,
  principal: Principal,
  input: CreateInstitutionInput,
): Promise<InstitutionView> {
  if (!canManageInstitution(principal, input.province))
    throw new AppError('forbidden', `outside your scope: you file institutions of ${principal.province}`, [
      { path: 'body.province', message: `outside-scope: ${input.province}` },
    ]);
  checkScopes(deps.catalog, input.scopes);
  const nationalCode =
    input.filingLevel === 'national' ? (input.nationalCode ?? '') : PROVINCIAL_NATIONAL_CODE;
  const institution: Institution = {
    id: newId(),
    creditCode: input.creditCode.toUpperCase(),
    name: input.name,
    kind: input.kind,
    filingLevel: input.filingLevel,
    nationalCode,
    province: input.province,
    siteCode: input.siteCode,
    code: institutionCode(input.kind, nationalCode, input.province, input.siteCode),
    status: 'active',
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    sites: input.sites.map((s) => ({ id: newId(), ...s })),
    scopes: input.scopes,
    version: 1,
    createdAt: ctx.at,
    updatedAt: ctx.at,
  };
  const view = toInstitutionView(institution, deps.catalog, todayInChina(deps.clock));
  try {
    await deps.db.transaction().execute(async (trx) => {
      const duplicate = await findDuplicates(trx, institution);
      const details: ErrorDetail[] = [];
      if (duplicate.creditCode)
        details.push({ path: 'body.creditCode', message: 'duplicate: already filed' });
      if (duplicate.site)
        details.push({
          path: 'body.siteCode',
          message: `duplicate: ${institution.province} already assigned it`,
        });
      if (details.length > 0) throw new AppError('conflict', 'this institution is already filed', details);
      await insertInstitution(trx, institution);
      await record(trx, ctx, 'file', null, view, {
        name: institution.name,
        validFrom: institution.validFrom,
        validUntil: institution.validUntil,
        scopes: institution.scopes,
      });
    });
  } catch (error) {
    // Two filings racing past the check on PostgreSQL: the unique indexes decide.
    if (isUniqueViolation(error)) throw new AppError('conflict', 'this institution is already filed');
    throw error;
  }
  return view;
}

/** 续期 (issue 6 §1): a later end of validity. */
export async function renewInstitution(
  deps: InstitutionsDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  input: { validUntil: string; reason?: string | undefined },
): Promise<InstitutionView> {
  const today = todayInChina(deps.clock);
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadForChange(trx, principal, id);
    const check = checkFilingRenewal(before, input.validUntil);
    if (!check.ok)
      throw new AppError(
        check.code === 'withdrawn-is-final' ? 'invalid_transition' : 'rule_violation',
        check.message,
        [{ path: 'body.validUntil', message: check.code }],
      );
    const after: Institution = {
      ...before,
      validUntil: input.validUntil,
      version: before.version + 1,
      updatedAt: ctx.at,
    };
    await updateInstitutionRow(trx, after);
    const view = toInstitutionView(after, deps.catalog, today);
    await record(trx, ctx, 'renew', toInstitutionView(before, deps.catalog, today), view, {
      from: before.validUntil,
      to: after.validUntil,
      ...(input.reason && { reason: input.reason }),
    });
    return view;
  });
}

/** 暂停 / 恢复 / 退出 (issue 6 §1): each with its reason; a withdrawn filing is final. */
export async function changeFilingStatus(
  deps: InstitutionsDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  action: FilingAction,
  input: { reason: string },
): Promise<InstitutionView> {
  return deps.db
    .transaction()
    .execute((trx) => changeFilingStatusIn(trx, deps, ctx, principal, id, action, input));
}

/** The same step inside the caller's transaction: a supervision sanction suspends the filing with its warning. */
export async function changeFilingStatusIn(
  trx: Transaction<Database>,
  deps: Pick<InstitutionsDeps, 'catalog' | 'clock'>,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  action: FilingAction,
  input: { reason: string },
): Promise<InstitutionView> {
  const today = todayInChina(deps.clock);
  const before = await loadForChange(trx, principal, id);
  const next = nextFilingStatus(before.status, action);
  if (!next.ok)
    throw new AppError('invalid_transition', next.message, [{ path: 'action', message: next.code }]);
  const after: Institution = {
    ...before,
    status: next.status,
    version: before.version + 1,
    updatedAt: ctx.at,
  };
  await updateInstitutionRow(trx, after);
  const view = toInstitutionView(after, deps.catalog, today);
  await record(trx, ctx, action, toInstitutionView(before, deps.catalog, today), view, {
    from: before.status,
    to: after.status,
    reason: input.reason,
  });
  return view;
}
