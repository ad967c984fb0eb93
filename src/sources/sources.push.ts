import type { Transaction } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import { notIssuedSet } from '../catalog/designations.service.ts';
import type { Database } from '../db/schema.ts';
import type {
  CertificateFacts,
  FieldProblem,
  RawCertificate,
  RawField,
  Status,
} from '../registry/registry.model.ts';
import { certificateColumns, protectFacts } from '../registry/registry.protect.ts';
import { type ValidationContext, validateCertificate } from '../registry/registry.rules.ts';
import type { RegistryDeps } from '../registry/registry.service.ts';
import {
  type CertificateRow,
  insertCertificate,
  insertHistory,
  insertHolder,
  selectCertificates,
} from '../registry/registry.store.ts';
import { historySnapshot } from '../registry/registry.views.ts';
import { todayInChina } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { PushRecordInput, PushResultCode, Source } from './sources.model.ts';
import { checkRecordForSource, decidePush, type PushAction } from './sources.rules.ts';
import { getSource, touchSource } from './sources.store.ts';

/**
 * Writing one pushed record (issue 5 §2) with the registry's own building blocks: `validateCertificate` (the same
 * rules as the API and the import), `protectFacts`/`certificateColumns`, the holder/certificate/history inserts,
 * and history rows shaped like `createCertificate`'s and `changeCertificate`'s.
 */

/** Where each field sits in a pushed record (the PUT body, or one batch record). */
export const recordPath: Record<RawField, string> = {
  type: 'type',
  number: 'number',
  holderName: 'holder.name',
  idType: 'holder.idType',
  idNumber: 'holder.idNumber',
  validFrom: 'validFrom',
  validUntil: 'validUntil',
  reviewedUntil: 'reviewedUntil',
  status: 'status',
  issuerRegion: 'issuer.region',
  issuerOrg: 'issuer.organization',
  issuerOrgCode: 'issuer.organizationCode',
  occupation: 'occupation',
  level: 'level',
};

export interface PreparedRecord {
  facts: CertificateFacts;
  sealed: ReturnType<typeof protectFacts>;
  /** False when the push left `status` out: an existing certificate keeps its own. */
  hasStatus: boolean;
  reason: string | null;
}

export type Prepared = { ok: true; record: PreparedRecord } | { ok: false; problems: FieldProblem[] };

/** A push must come with a token bound to this source, and only hosted sources take data. */
export async function loadPushSource(
  deps: RegistryDeps,
  principal: Principal,
  sourceId: string,
): Promise<Source> {
  if (principal.source !== sourceId) {
    throw new AppError(
      'forbidden',
      'push with an API token bound to this source (POST /api/v1/sources/{id}/tokens)',
    );
  }
  const source = await getSource(deps.db, sourceId);
  if (!source) throw new AppError('not_found', 'no such source');
  if (source.kind !== 'hosted') throw new AppError('rule_violation', 'a linked source takes no data');
  return source;
}

export async function validationContext(deps: RegistryDeps): Promise<ValidationContext> {
  return { today: todayInChina(deps.clock), notIssued: await notIssuedSet(deps.db) };
}

/** Validation and sealing: pure CPU work, done before the transaction opens. */
export function prepareRecord(
  deps: RegistryDeps,
  source: Source,
  context: ValidationContext,
  record: PushRecordInput & { type: string; number: string },
): Prepared {
  const raw: RawCertificate = {
    type: record.type,
    number: record.number,
    holderName: record.holder.name,
    idType: record.holder.idType,
    idNumber: record.holder.idNumber,
    validFrom: record.validFrom,
    validUntil: record.validUntil ?? '',
    reviewedUntil: record.reviewedUntil ?? '',
    status: record.status ?? 'valid',
    issuerRegion: record.issuer.region,
    issuerOrg: record.issuer.organization,
    issuerOrgCode: record.issuer.organizationCode ?? '',
    occupation: record.occupation ?? '',
    level: record.level ?? '',
  };
  const checked = validateCertificate(deps.catalog, raw, context);
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const problems = checkRecordForSource(source, checked.facts);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    record: {
      facts: checked.facts,
      sealed: protectFacts(deps.keyring.protector(), checked.facts),
      hasStatus: record.status !== undefined,
      reason: record.reason ?? null,
    },
  };
}

function snapshotOf(row: Parameters<typeof historySnapshot>[0] & { source_id: string | null }) {
  return { ...historySnapshot(row), source: row.source_id };
}

type StoredColumns = Pick<
  CertificateRow,
  | 'valid_from'
  | 'valid_until'
  | 'status'
  | 'issuer_region'
  | 'issuer_org'
  | 'issuer_org_code'
  | 'occupation'
  | 'level'
  | 'reviewed_until'
>;

export type Applied =
  | {
      result: PushResultCode;
      certificateId: string;
      version: number;
      /** For the audit row: what changed (absent when unchanged). */
      change?: { action: 'create' | PushAction; before: unknown; after: unknown; reason: string | null };
    }
  | { result: 'invalid'; problems: FieldProblem[] };

/** Creates, updates or leaves one certificate, with its history row, inside the caller's transaction. */
export async function applyRecord(
  trx: Transaction<Database>,
  ctx: AuditContext,
  source: Source,
  { facts, sealed, hasStatus, reason }: PreparedRecord,
): Promise<Applied> {
  const existing = await selectCertificates(trx)
    .select('h.id_index as holder_index')
    .where('c.type', '=', facts.type)
    .where('c.number_index', 'in', sealed.lookup.number)
    .forUpdate('c')
    .executeTakeFirst();
  const status: Status = hasStatus || !existing ? facts.status : (existing.status as Status);
  // 复审 (issue 13 item 5): a push without reviewedUntil keeps the stored one; a new date drops the stored
  // reviewedOn, which belonged to the old one.
  const reviewedUntil = facts.reviewedUntil ?? existing?.reviewed_until ?? null;
  const columns = {
    ...certificateColumns(facts),
    status,
    reviewed_until: reviewedUntil,
    ...(existing && reviewedUntil !== existing.reviewed_until && { reviewed_on: null }),
  };
  const state = (c: StoredColumns, holderIndex: string, sourceId: string | null) => ({
    holderIndex,
    sourceId,
    validFrom: c.valid_from,
    validUntil: c.valid_until,
    status: c.status as Status,
    issuerRegion: c.issuer_region,
    issuerOrg: c.issuer_org,
    issuerOrgCode: c.issuer_org_code,
    occupation: c.occupation,
    level: c.level,
    reviewedUntil: c.reviewed_until,
  });
  const decision = decidePush(
    existing && state(existing, existing.holder_index, existing.source_id),
    // The same person under the other blind-index version during a rebuild (issue 18) is the same holder.
    state(
      columns,
      existing && sealed.lookup.holder.includes(existing.holder_index)
        ? existing.holder_index
        : sealed.holder.id_index,
      source.id,
    ),
  );
  if (decision.kind === 'invalid') return { result: 'invalid', problems: decision.problems };
  if (decision.kind === 'unchanged' && existing) {
    return { result: 'unchanged', certificateId: existing.id, version: existing.version };
  }
  const holderId =
    existing && sealed.lookup.holder.includes(existing.holder_index)
      ? existing.holder_id
      : (
          await insertHolder(
            trx,
            { id: newId(), ...sealed.holder, created_at: ctx.at, updated_at: ctx.at },
            sealed.lookup.holder,
          )
        ).id;
  if (!existing) {
    const row = {
      id: newId(),
      ...columns,
      ...sealed.number,
      holder_id: holderId,
      import_id: null,
      source_id: source.id,
      created_at: ctx.at,
      updated_at: ctx.at,
    };
    await insertCertificate(trx, row);
    const after = snapshotOf(row);
    await insertHistory(trx, {
      certificateId: row.id,
      ...ctx,
      action: 'create',
      reason,
      before: null,
      after,
    });
    return {
      result: 'created',
      certificateId: row.id,
      version: 1,
      change: { action: 'create', before: null, after, reason },
    };
  }
  const action = decision.kind === 'update' ? decision.action : 'push.update';
  const updated = await trx
    .updateTable('certificates')
    .set({
      ...columns,
      holder_id: holderId,
      source_id: source.id,
      updated_at: ctx.at,
      version: existing.version + 1,
    })
    .where('id', '=', existing.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const before = snapshotOf(existing);
  const after = snapshotOf(updated);
  await insertHistory(trx, { certificateId: existing.id, ...ctx, action, reason, before, after });
  return {
    result: 'updated',
    certificateId: existing.id,
    version: updated.version,
    change: { action, before, after, reason },
  };
}

/** The audit row of one pushed change, shaped like `createCertificate`'s and `changeCertificate`'s. */
export function auditOf(applied: Extract<Applied, { certificateId: string }>) {
  const change = applied.change;
  if (!change) return [];
  const action = change.action === 'push.update' ? 'update' : change.action;
  return [
    {
      action: `certificate.${action}`,
      targetType: 'certificate',
      targetId: applied.certificateId,
      ...(change.before !== null && { before: change.before }),
      after:
        change.action === 'create' ? change.after : { ...(change.after as object), reason: change.reason },
    },
  ];
}

function putError(problems: FieldProblem[]): AppError {
  const details = problems.map((p) => ({
    path: p.field === 'type' || p.field === 'number' ? `params.${p.field}` : `body.${recordPath[p.field]}`,
    message: `${p.code}: ${p.message}`,
  }));
  const codes = new Set(problems.map((p) => p.code));
  if (codes.has('revoked-is-final') || codes.has('invalid-transition'))
    return new AppError('invalid_transition', problems[0]?.message ?? 'invalid transition', details);
  if (codes.has('other-source')) return new AppError('conflict', problems[0]?.message ?? 'conflict', details);
  if (codes.has('type-not-covered') || codes.has('outside-source-region'))
    return new AppError('rule_violation', problems[0]?.message ?? 'not this source', details);
  return new AppError('validation_failed', 'the certificate is invalid', details);
}

/** PUT /sources/{id}/certificates/{type}/{number}: one record, one transaction, one audit row when it changed. */
export async function pushCertificate(
  deps: RegistryDeps,
  ctx: AuditContext,
  principal: Principal,
  sourceId: string,
  key: { type: string; number: string },
  body: PushRecordInput,
): Promise<{ result: PushResultCode; certificateId: string; version: number }> {
  const source = await loadPushSource(deps, principal, sourceId);
  const prepared = prepareRecord(deps, source, await validationContext(deps), { ...body, ...key });
  if (!prepared.ok) throw putError(prepared.problems);
  return deps.db.transaction().execute(async (trx) => {
    const applied = await applyRecord(trx, ctx, source, prepared.record);
    if (applied.result === 'invalid') throw putError(applied.problems);
    await touchSource(trx, source.id, ctx.at);
    await appendAudit(trx, ctx, auditOf(applied));
    return { result: applied.result, certificateId: applied.certificateId, version: applied.version };
  });
}
