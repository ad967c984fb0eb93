import type { Transaction } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { coversScope } from '../accounts/accounts.rules.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Catalog, DepartmentId } from '../catalog/catalog.model.ts';
import { validityRuleFor } from '../catalog/catalog.rules.ts';
import type { Database } from '../db/schema.ts';
import { appendExamEvent } from '../exams/events.ts';
import { numberIndexes } from '../registry/registry.protect.ts';
import { addDays, addYears } from '../registry/registry.rules.ts';
import {
  checkCertificateInput,
  type RegistryDeps,
  writeNewCertificate,
} from '../registry/registry.service.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type {
  ConfirmInput,
  HolderRequestView,
  ListQueueInput,
  RefuseInput,
  RequestStatus,
  RequestView,
} from './issuance.model.ts';
import {
  decideRequest,
  findHeldValid,
  findHolderRequests,
  findRequest,
  findRequests,
  insertRequest,
  type RequestRow,
} from './issuance.store.ts';

/**
 * Use cases of 一试多证 issued by the department (issue 13 item 8): open a request in the issuing transaction, list the
 * department's queue, confirm with the department's own number (the certificate then enters the registry), refuse.
 * Each decision writes its audit row in the same transaction.
 */
export type IssuanceDeps = RegistryDeps;

export interface OpenRequest {
  type: string;
  province: string;
  holderId: string;
  registrationId: string;
  planId: string;
  skillCertificateId: string;
  arrangement: string | null;
  /** The day the skill-level certificate was issued: "already held" is judged on it. */
  issuedOn: string;
}

export interface Opened {
  id: string;
  status: Extract<RequestStatus, 'pending' | 'already-held'>;
  existingCertificate: string | null;
  outboxRequest: string | null;
}

/**
 * Opens the request for one qualification of the arrangement, in the caller's (issuing) transaction. A candidate
 * who already holds that qualification valid gets no second one: the request is `already-held`, names the
 * certificate held (its renewal is what the candidate can apply for) and is not pushed. Otherwise `push` may hand
 * it to the outbox (a linked source with an issuance endpoint) and it waits in the department's queue either way.
 */
export async function openRequest(
  deps: Pick<IssuanceDeps, 'catalog'>,
  trx: Transaction<Database>,
  ctx: AuditContext,
  r: OpenRequest,
  push: () => Promise<string | null>,
): Promise<Opened> {
  const department = deps.catalog.certificateTypesById.get(r.type)?.department;
  if (!department) throw new Error(`一试多证 names ${r.type}, which the catalog does not know`);
  const held = await findHeldValid(trx, r.holderId, r.type, r.issuedOn);
  const status = held ? 'already-held' : 'pending';
  const outboxRequest = held ? null : await push();
  const id = newId();
  await insertRequest(trx, {
    ...r,
    id,
    department,
    status,
    existingCertificateId: held?.id ?? null,
    outboxRequestId: outboxRequest,
    at: ctx.at,
  });
  await appendAudit(trx, ctx, {
    action: 'qualification-request.create',
    targetType: 'qualification-request',
    targetId: id,
    after: {
      status,
      type: r.type,
      department,
      province: r.province,
      registration: r.registrationId,
      skillCertificate: r.skillCertificateId,
      existingCertificate: held?.id ?? null,
      outboxRequest,
    },
  });
  return { id, status, existingCertificate: held?.id ?? null, outboxRequest };
}

export function toRequestView(row: RequestRow): RequestView {
  return {
    id: row.id,
    type: row.type,
    department: row.department,
    province: row.province,
    holder: { name: row.name, idMasked: row.id_masked },
    registration: row.registration_id,
    plan: row.plan_id,
    planName: row.plan_name,
    arrangement: row.arrangement,
    skillCertificate: row.skill_certificate_id,
    status: row.status as RequestStatus,
    existingCertificate: row.existing_certificate_id,
    outboxRequest: row.outbox_request_id,
    certificate: row.certificate_id,
    refusalReason: row.refusal_reason,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    decidedBy: row.decided_by,
  };
}

/** System admins see every request; a department admin (or its source's token) its department's, in its province. */
function scopeOf(principal: Principal) {
  if (principal.role === 'system-admin') return { department: null, province: null };
  if (principal.role === 'department-admin' && principal.department)
    return { department: principal.department, province: principal.province };
  throw new AppError('forbidden', 'the issuance queue is for system and department admins');
}

export async function listQueue(
  deps: Pick<IssuanceDeps, 'db'>,
  principal: Principal,
  query: ListQueueInput,
): Promise<{ items: RequestView[]; next?: string }> {
  const { rows, next } = await findRequests(deps.db, scopeOf(principal), query);
  const items = rows.map(toRequestView);
  return next ? { items, next } : { items };
}

/** Locks the request; another department's (or province's) looks absent, so it is not revealed. */
async function loadForDecision(trx: Transaction<Database>, principal: Principal, id: string) {
  scopeOf(principal);
  const row = await findRequest(trx, id, true);
  if (!row || !coversScope(principal, { department: row.department, province: row.province }))
    throw new AppError('not_found', 'no such issuance request');
  return row;
}

const decidedBy = (principal: Principal) =>
  principal.source ? `source:${principal.source}` : principal.username;

/**
 * The department confirms with its own number: checked by the registry's rules (the catalog's number format for the
 * type), written by the registry's `writeNewCertificate` (history, audit, status list), the request marked issued,
 * its audit row and a `certificate.issued` exam event — one transaction. The same number again answers the same
 * request (a department system may retry); another number, or a request already refused or held, is a 409.
 */
export async function confirmRequest(
  deps: IssuanceDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  input: ConfirmInput,
): Promise<RequestView> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await loadForDecision(trx, principal, id);
    if (row.status === 'issued' && row.certificate_id) {
      const issued = await trx
        .selectFrom('certificates')
        .select('number_index')
        .where('id', '=', row.certificate_id)
        .executeTakeFirstOrThrow();
      // Either blind-index version during a rebuild (issue 18).
      if (numberIndexes(deps.keyring.protector(), row.type, input.number).includes(issued.number_index))
        return toRequestView(row);
      throw new AppError('conflict', 'this request was confirmed with another number');
    }
    if (row.status !== 'pending')
      throw new AppError('invalid_transition', `this request is ${row.status}, not pending`);
    const holder = await trx
      .selectFrom('holders')
      .select(['name', 'id_type', 'id_cipher'])
      .where('id', '=', row.holder_id)
      .executeTakeFirstOrThrow();
    const validUntil =
      input.validUntil ?? defaultValidUntil(deps.catalog, row.type, row.province, input.validFrom);
    const facts = await checkCertificateInput(
      deps,
      {
        type: row.type,
        number: input.number,
        holder: {
          name: holder.name,
          idType: holder.id_type as 'resident',
          idNumber: deps.keyring.protector().decrypt(holder.id_cipher),
        },
        validFrom: input.validFrom,
        ...(validUntil && { validUntil }),
        issuer: {
          region: row.province,
          organization: input.issuer.organization,
          ...(input.issuer.organizationCode && { organizationCode: input.issuer.organizationCode }),
        },
        status: 'valid',
      },
      trx,
    );
    const certificateId = await writeNewCertificate(deps, trx, ctx, facts);
    await decideRequest(trx, row.id, {
      status: 'issued',
      certificateId,
      at: ctx.at,
      by: decidedBy(principal),
    });
    await appendAudit(trx, ctx, {
      action: 'qualification-request.confirm',
      targetType: 'qualification-request',
      targetId: row.id,
      before: { status: row.status },
      after: { status: 'issued', certificate: certificateId, decidedBy: decidedBy(principal) },
    });
    const registration = await trx
      .selectFrom('exam_registrations')
      .select('institution_id')
      .where('id', '=', row.registration_id)
      .executeTakeFirst();
    await appendExamEvent(trx, ctx, {
      kind: 'certificate.issued',
      institutionId: registration?.institution_id ?? null,
      planId: row.plan_id,
      province: row.province,
      subjectType: 'registration',
      subjectId: row.registration_id,
      // Ids only; `issuedBy` marks the department's own issuance of a 一试多证 request.
      payload: { certificate: certificateId, type: row.type, request: row.id, issuedBy: row.department },
    });
    const after = await findRequest(trx, row.id);
    if (!after) throw new Error('issuance request vanished');
    return toRequestView(after);
  });
}

/** The catalog's validity for the type (a province's override included); none for types without one. */
function defaultValidUntil(catalog: Catalog, type: string, province: string, validFrom: string) {
  const catalogType = catalog.certificateTypesById.get(type);
  const years = catalogType ? validityRuleFor(catalogType, province, validFrom).years : null;
  return years ? addDays(addYears(validFrom, years), -1) : undefined;
}

export async function refuseRequest(
  deps: Pick<IssuanceDeps, 'db'>,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  input: RefuseInput,
): Promise<RequestView> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await loadForDecision(trx, principal, id);
    if (row.status !== 'pending')
      throw new AppError('invalid_transition', `this request is ${row.status}, not pending`);
    await decideRequest(trx, row.id, {
      status: 'refused',
      reason: input.reason,
      at: ctx.at,
      by: decidedBy(principal),
    });
    await appendAudit(trx, ctx, {
      action: 'qualification-request.refuse',
      targetType: 'qualification-request',
      targetId: row.id,
      before: { status: row.status },
      after: { status: 'refused', reason: input.reason, decidedBy: decidedBy(principal) },
    });
    const after = await findRequest(trx, row.id);
    if (!after) throw new Error('issuance request vanished');
    return toRequestView(after);
  });
}

/** The candidate's own requests: 待住建核发, 住建已核发 + number, 已持有有效证书（可申请延续）. */
export async function listMyRequests(
  deps: Pick<IssuanceDeps, 'db' | 'catalog'>,
  principal: Principal,
): Promise<{ items: HolderRequestView[] }> {
  if (principal.role !== 'holder' || !principal.holderId)
    throw new AppError('forbidden', 'a holder account bound to a person');
  const rows = await findHolderRequests(deps.db, principal.holderId);
  return {
    items: rows.map((r) => {
      const department = deps.catalog.departmentsById.get(r.department as DepartmentId);
      return {
        id: r.id,
        registration: r.registration_id,
        type: r.type,
        department: r.department,
        departmentShortZh: department?.shortZh ?? r.department,
        departmentNameEn: department?.nameEn ?? r.department,
        status: r.status as RequestStatus,
        number: r.number ?? r.number_masked ?? null,
        existingCertificate: r.existing_certificate_id,
        refusalReason: r.refusal_reason,
        decidedAt: r.decided_at?.toISOString() ?? null,
      };
    }),
  };
}
