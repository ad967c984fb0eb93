import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { coversScope } from '../accounts/accounts.rules.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Catalog } from '../catalog/catalog.model.ts';
import { notIssuedSet } from '../catalog/designations.service.ts';
import type { BulkRunner } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { SharedCounters } from '../limits/limits.model.ts';
import type { Keyring } from '../protection/protection.service.ts';
import { type Clock, todayInChina } from '../shared/clock.ts';
import { AppError, type ErrorDetail } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { idTypes, normalizeIdNumber } from './identity.ts';
import type {
  CertificateView,
  CreateCertificateInput,
  FieldProblem,
  HistoryEntry,
  LifecycleAction,
  RawField,
  Status,
} from './registry.model.ts';
import { certificateColumns, holderIndexes, protectFacts } from './registry.protect.ts';
import { checkRenewal, nextStatus, validateCertificate } from './registry.rules.ts';
import {
  findCertificateByNumber,
  findHistory,
  getCertificateForUpdate,
  getCertificateRow,
  getHolder,
  getHolderByIndex,
  insertCertificate,
  insertHistory,
  insertHolder,
  selectCertificates,
} from './registry.store.ts';
import { creationEntry, historySnapshot, toCertificateView, toHistoryEntry } from './registry.views.ts';

export interface RegistryDeps {
  db: Kysely<Database>;
  /** A dedicated session for bulk loads (imports). */
  bulk: BulkRunner;
  catalog: Catalog;
  keyring: Keyring;
  clock: Clock;
  /** Limits shared by every API process (issue 16 §4); this process's memory when not given. */
  counters?: SharedCounters;
}

const apiPath: Record<RawField, string> = {
  type: 'body.type',
  number: 'body.number',
  holderName: 'body.holder.name',
  idType: 'body.holder.idType',
  idNumber: 'body.holder.idNumber',
  validFrom: 'body.validFrom',
  validUntil: 'body.validUntil',
  reviewedUntil: 'body.reviewedUntil',
  status: 'body.status',
  issuerRegion: 'body.issuer.region',
  issuerOrg: 'body.issuer.organization',
  issuerOrgCode: 'body.issuer.organizationCode',
  occupation: 'body.occupation',
  level: 'body.level',
};

function toDetails(problems: FieldProblem[]): ErrorDetail[] {
  return problems.map((p) => ({ path: apiPath[p.field], message: `${p.code}: ${p.message}` }));
}

/** Who may write certificates of a department in a region: system admins, and that department's admins in scope. */
export function canWrite(principal: Principal, department: string, region: string): boolean {
  return (
    principal.role === 'system-admin' ||
    (principal.role === 'department-admin' && coversScope(principal, { department, province: region }))
  );
}

export function assertCanWrite(principal: Principal, department: string, region: string): void {
  if (!canWrite(principal, department, region)) {
    throw new AppError('forbidden', `outside your scope: ${department} certificates of ${region}`);
  }
}

/** Who may read a certificate: its department's admins, the province's HRSS admin, supervisors, the holder. */
export function canRead(
  principal: Principal,
  c: { department: string; issuer_region: string; holder_id: string },
) {
  switch (principal.role) {
    case 'system-admin':
      return true;
    case 'department-admin':
      return coversScope(principal, { department: c.department, province: c.issuer_region });
    case 'province-admin':
    case 'supervisor':
      return coversScope(principal, { province: c.issuer_region });
    case 'holder':
      return principal.holderId === c.holder_id;
    case 'institution-operator':
      return false;
  }
}

/** The registry's rules over a certificate as the API takes it: its facts, or a 400 naming each field at fault. */
export async function checkCertificateInput(
  deps: RegistryDeps,
  input: CreateCertificateInput,
  /** Inside a transaction, its handle (PGlite has one session: a second one would wait for it forever). */
  db: Kysely<Database> | Transaction<Database> = deps.db,
) {
  const context = { today: todayInChina(deps.clock), notIssued: await notIssuedSet(db) };
  const checked = validateCertificate(
    deps.catalog,
    {
      type: input.type,
      number: input.number,
      holderName: input.holder.name,
      idType: input.holder.idType,
      idNumber: input.holder.idNumber,
      validFrom: input.validFrom,
      validUntil: input.validUntil ?? '',
      reviewedUntil: input.reviewedUntil ?? '',
      status: input.status,
      issuerRegion: input.issuer.region,
      issuerOrg: input.issuer.organization,
      issuerOrgCode: input.issuer.organizationCode ?? '',
      occupation: input.occupation ?? '',
      level: input.level ?? '',
    },
    context,
  );
  if (!checked.ok)
    throw new AppError('validation_failed', 'the certificate is invalid', toDetails(checked.problems));
  return checked.facts;
}

/**
 * Writes a checked certificate (holder found or created, history, audit) inside the caller's transaction, so other
 * writers — exam issuance with 一试多证 (issue 7 §5) — register several certificates atomically.
 */
export async function writeNewCertificate(
  deps: RegistryDeps,
  trx: Transaction<Database>,
  ctx: AuditContext,
  facts: Awaited<ReturnType<typeof checkCertificateInput>>,
): Promise<string> {
  const sealed = protectFacts(deps.keyring.protector(), facts);
  if (await findCertificateByNumber(trx, facts.type, sealed.lookup.number)) {
    throw new AppError('conflict', `a ${facts.type} certificate with this number exists`, [
      { path: 'body.number', message: 'duplicate' },
    ]);
  }
  const holder = await insertHolder(
    trx,
    { id: newId(), ...sealed.holder, created_at: ctx.at, updated_at: ctx.at },
    sealed.lookup.holder,
  );
  const certId = newId();
  const row = {
    id: certId,
    ...certificateColumns(facts),
    ...sealed.number,
    holder_id: holder.id,
    import_id: null,
    created_at: ctx.at,
    updated_at: ctx.at,
  };
  await insertCertificate(trx, row).catch((error: unknown) => {
    // Not visible, yet taken: a running import holds this number until its flip (issue 17 §7).
    if ((error as { code?: unknown }).code !== '23505') throw error;
    throw new AppError('conflict', `a ${facts.type} certificate with this number is being imported`, [
      { path: 'body.number', message: 'being imported' },
    ]);
  });
  const after = historySnapshot(row);
  await insertHistory(trx, {
    certificateId: certId,
    ...ctx,
    action: 'create',
    reason: null,
    before: null,
    after,
  });
  await appendAudit(trx, ctx, {
    action: 'certificate.create',
    targetType: 'certificate',
    targetId: certId,
    after,
  });
  return certId;
}

export async function createCertificate(
  deps: RegistryDeps,
  ctx: AuditContext,
  principal: Principal,
  input: CreateCertificateInput,
): Promise<CertificateView> {
  const facts = await checkCertificateInput(deps, input);
  assertCanWrite(principal, facts.department, facts.issuerRegion);
  const id = await deps.db.transaction().execute((trx) => writeNewCertificate(deps, trx, ctx, facts));
  return getCertificateView(deps, principal, id);
}

export async function getCertificateView(
  deps: RegistryDeps,
  principal: Principal,
  id: string,
): Promise<CertificateView & { history: HistoryEntry[] }> {
  const row = await getCertificateRow(deps.db, id);
  // Out of scope looks like absent: a 404 does not confirm that someone holds a certificate.
  if (!row || !canRead(principal, row)) throw new AppError('not_found', 'no such certificate');
  const history = (await findHistory(deps.db, id)).map(toHistoryEntry);
  if (row.import_id) {
    const commit = await deps.db
      .selectFrom('audit_log')
      .select('actor_label')
      .where('target_type', '=', 'import')
      .where('target_id', '=', row.import_id)
      .executeTakeFirst();
    const created = creationEntry(row, history, commit?.actor_label ?? 'import');
    if (created) history.unshift(created);
  }
  return {
    ...toCertificateView(row, todayInChina(deps.clock), deps.catalog),
    history,
  };
}

export async function changeCertificate(
  deps: RegistryDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  action: LifecycleAction,
  body: { reason?: string | undefined; validUntil?: string | undefined },
): Promise<CertificateView> {
  const today = todayInChina(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const row = await getCertificateForUpdate(trx, id);
    if (!row || !canRead(principal, row)) throw new AppError('not_found', 'no such certificate');
    assertCanWrite(principal, row.department, row.issuer_region);
    const status = row.status as Status;
    let patch: { status?: Status; valid_until?: string };
    if (action === 'renew') {
      const validUntil = body.validUntil ?? '';
      const renewal = checkRenewal(
        deps.catalog,
        {
          type: row.type,
          status,
          validFrom: row.valid_from,
          validUntil: row.valid_until,
          issuerRegion: row.issuer_region,
        },
        validUntil,
        today,
      );
      if (!renewal.ok) {
        const code = ['invalid-transition', 'revoked-is-final'].includes(renewal.code)
          ? 'invalid_transition'
          : 'rule_violation';
        throw new AppError(code, renewal.message, [{ path: 'body.validUntil', message: renewal.code }]);
      }
      patch = { valid_until: validUntil };
    } else {
      const next = nextStatus(status, action);
      if (!next.ok)
        throw new AppError('invalid_transition', next.message, [{ path: 'action', message: next.code }]);
      patch = { status: next.status };
    }
    const before = historySnapshot(row);
    const updated = await trx
      .updateTable('certificates')
      .set({ ...patch, updated_at: ctx.at, version: row.version + 1 })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = historySnapshot(updated);
    const reason = body.reason ?? null;
    await insertHistory(trx, { certificateId: id, ...ctx, action, reason, before, after });
    await appendAudit(trx, ctx, {
      action: `certificate.${action}`,
      targetType: 'certificate',
      targetId: id,
      before,
      after: { ...after, reason },
    });
  });
  const { history: _history, ...view } = await getCertificateView(deps, principal, id);
  return view;
}

export async function getHolderView(deps: RegistryDeps, principal: Principal, holderId: string) {
  const holder = await getHolder(deps.db, holderId);
  if (!holder) throw new AppError('not_found', 'no such holder');
  const rows = (
    await selectCertificates(deps.db).where('c.holder_id', '=', holderId).orderBy('c.valid_from').execute()
  ).filter((r) => canRead(principal, r));
  if (rows.length === 0 && principal.role !== 'system-admin')
    throw new AppError('not_found', 'no such holder');
  const today = todayInChina(deps.clock);
  const certificates = rows.map((r) => toCertificateView(r, today, deps.catalog));
  return {
    holder: { id: holder.id, name: holder.name, idType: holder.id_type, idNumber: holder.id_masked },
    certificates,
  };
}

/** The registry's person with this ID number (blind-index lookup), for binding a holder account; null if none. */
export async function findHolderId(
  deps: RegistryDeps,
  idType: string,
  idNumber: string,
): Promise<string | null> {
  const type = idTypes.find((t) => t === idType);
  if (!type) return null;
  const id = normalizeIdNumber(type, idNumber);
  if (!id.ok) return null;
  const row = await getHolderByIndex(deps.db, holderIndexes(deps.keyring.protector(), type, id.value));
  return row?.id ?? null;
}
