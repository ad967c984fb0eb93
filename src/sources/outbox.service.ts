import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import type { Keyring } from '../protection/protection.service.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type {
  IssuanceEndpointInput,
  IssuanceRequestBody,
  IssuanceRequestView,
  ListIssuanceRequestsInput,
} from './outbox.model.ts';
import {
  findIssuanceRequest,
  findIssuanceRequests,
  type IssuanceRequestRow,
  insertIssuanceRequest,
  requeueIssuanceRequest,
  setIssuanceEndpoint,
} from './outbox.store.ts';
import type { SourceView } from './sources.model.ts';
import { getSource, type SourceDirectory, toSourceView } from './sources.store.ts';

/** Use cases of the issuance outbox (issue 7 §5): enqueue in the issuing transaction, list, retry; the endpoint. */
export interface OutboxDeps {
  db: Kysely<Database>;
  keyring: Keyring;
}

/**
 * Writes the request in the caller's (issuing) transaction, so it exists exactly when the skill-level certificate
 * does. The body is sealed (it carries the name and ID number); the audit row names ids only.
 */
export async function requestIssuance(
  deps: Pick<OutboxDeps, 'keyring'>,
  trx: Transaction<Database>,
  ctx: AuditContext,
  r: { sourceId: string; body: Omit<IssuanceRequestBody, 'id'> },
): Promise<string> {
  const id = newId();
  const body: IssuanceRequestBody = { id, ...r.body };
  await insertIssuanceRequest(trx, {
    id,
    sourceId: r.sourceId,
    planId: body.exam.plan,
    registrationId: body.exam.registration,
    type: body.type,
    province: body.province,
    bodyCipher: deps.keyring.protector().encrypt(JSON.stringify(body)),
    at: ctx.at,
  });
  await appendAudit(trx, ctx, {
    action: 'issuance-request.create',
    targetType: 'issuance-request',
    targetId: id,
    after: {
      status: 'pending',
      source: r.sourceId,
      type: body.type,
      plan: body.exam.plan,
      registration: body.exam.registration,
    },
  });
  return id;
}

export function toIssuanceRequestView(row: IssuanceRequestRow): IssuanceRequestView {
  return {
    id: row.id,
    source: row.source_id,
    department: row.department,
    province: row.province,
    plan: row.plan_id,
    registration: row.registration_id,
    type: row.certificate_type,
    holder: { name: row.name, idMasked: row.id_masked },
    status: row.status as IssuanceRequestView['status'],
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
    lastError: row.last_error,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    reference: row.reference,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** System admins see every request; a department admin its department's sources (and, if provincial, province). */
function scopeOf(principal: Principal) {
  if (principal.role === 'system-admin') return { department: null, province: null };
  if (principal.role === 'department-admin' && principal.department)
    return { department: principal.department, province: principal.province };
  throw new AppError('forbidden', 'issuance requests are for system and department admins');
}

function inScope(principal: Principal, row: IssuanceRequestRow): boolean {
  const scope = scopeOf(principal);
  return (
    (scope.department === null || scope.department === row.department) &&
    (scope.province === null || scope.province === row.province)
  );
}

export async function listIssuanceRequests(
  deps: Pick<OutboxDeps, 'db'>,
  principal: Principal,
  query: ListIssuanceRequestsInput,
): Promise<{ items: IssuanceRequestView[]; next?: string }> {
  const { rows, next } = await findIssuanceRequests(deps.db, scopeOf(principal), query);
  const items = rows.map(toIssuanceRequestView);
  return next ? { items, next } : { items };
}

/** A failed request back to `pending`, due now, with a fresh budget of attempts; audited with what it was. */
export async function retryIssuanceRequest(
  deps: Pick<OutboxDeps, 'db'>,
  ctx: AuditContext,
  principal: Principal,
  id: string,
): Promise<IssuanceRequestView> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findIssuanceRequest(trx, id, true);
    // Out of scope looks like absent: a department admin does not learn of other departments' requests.
    if (!row || !inScope(principal, row)) throw new AppError('not_found', 'no such issuance request');
    if (row.status !== 'failed')
      throw new AppError('invalid_transition', `only a failed request is retried; this one is ${row.status}`);
    await requeueIssuanceRequest(trx, id, ctx.at);
    await appendAudit(trx, ctx, {
      action: 'issuance-request.retry',
      targetType: 'issuance-request',
      targetId: id,
      before: { status: row.status, attempts: row.attempts, lastError: row.last_error },
      after: { status: 'pending', attempts: 0 },
    });
    const after = await findIssuanceRequest(trx, id);
    if (!after) throw new Error('issuance request vanished');
    return toIssuanceRequestView(after);
  });
}

/**
 * Sets (or with `null` removes) a linked source's issuance endpoint. System admins only: Hutong will send ID
 * numbers there. The secret is sealed by the keyring and never returned, logged or audited.
 */
export async function changeIssuanceEndpoint(
  deps: OutboxDeps & { directory: SourceDirectory },
  ctx: AuditContext,
  principal: Principal,
  sourceId: string,
  input: IssuanceEndpointInput | null,
): Promise<SourceView> {
  if (principal.role !== 'system-admin')
    throw new AppError('forbidden', 'only a system admin sets where personal data is sent');
  const view = await deps.db.transaction().execute(async (trx) => {
    const before = await getSource(trx, sourceId, true);
    if (!before) throw new AppError('not_found', 'no such source');
    if (input && before.kind !== 'linked')
      throw new AppError(
        'rule_violation',
        'only a linked source (a department issuing itself) has an issuance endpoint',
      );
    const endpoint = input && {
      url: input.url,
      secretCipher: deps.keyring.protector().encrypt(input.secret),
    };
    await setIssuanceEndpoint(trx, sourceId, endpoint, ctx.at);
    const after = { ...before, issuanceUrl: input?.url ?? null, updatedAt: ctx.at };
    await appendAudit(trx, ctx, {
      action: input ? 'source.issuance-endpoint.set' : 'source.issuance-endpoint.remove',
      targetType: 'source',
      targetId: sourceId,
      before: { issuanceUrl: before.issuanceUrl },
      after: { issuanceUrl: after.issuanceUrl, ...(input && { secret: 'replaced (write-only)' }) },
    });
    return toSourceView(after);
  });
  deps.directory.invalidate();
  return view;
}
