import type { Principal } from '../accounts/accounts.model.ts';
import { coversScope } from '../accounts/accounts.rules.ts';
import type { Catalog } from '../catalog/catalog.model.ts';
import type { CertificateView, HistoryEntry, Status } from './registry.model.ts';
import { effectiveStatus } from './registry.rules.ts';
import type { CertificateWithHolder } from './registry.store.ts';
import { reviewRuleOf, reviewState } from './review.rules.ts';

/**
 * Who may reveal a holder's full ID number, one record at a time with a reason (issue 15 §3): system admins, and
 * the admins of a department that issued one of the person's certificates, within their province scope. Nobody
 * sees it in a list or a detail view.
 */
export function mayRevealIdentity(principal: Principal, department: string, region: string): boolean {
  return (
    principal.role === 'system-admin' ||
    (principal.role === 'department-admin' &&
      principal.department === department &&
      coversScope(principal, { department, province: region }))
  );
}

/** A certificate as every role sees it: the ID number, and a certificate number that embeds one, masked. */
export function toCertificateView(
  row: CertificateWithHolder,
  today: string,
  catalog: Catalog,
): CertificateView {
  const status = row.status as Status;
  const number = row.number ?? row.number_masked;
  return {
    id: row.id,
    type: row.type,
    department: row.department,
    number,
    holder: {
      id: row.holder_id,
      name: row.holder_name,
      idType: row.holder_id_type,
      idNumber: row.holder_id_masked,
    },
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status,
    effectiveStatus: effectiveStatus(
      { status, validFrom: row.valid_from, validUntil: row.valid_until },
      today,
    ),
    review: { ...reviewOf(catalog, row, today), reviewedOn: row.reviewed_on },
    issuer: {
      region: row.issuer_region,
      organization: row.issuer_org,
      organizationCode: row.issuer_org_code,
    },
    occupation: row.occupation,
    level: row.level,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
  };
}

/** A stored certificate's 复审 as of `asOf` (the public query and the credentials show the same). */
export function reviewOf(
  catalog: Catalog,
  row: { type: string; issuer_region: string; valid_from: string; reviewed_until: string | null },
  asOf: string,
) {
  const rule = reviewRuleOf(catalog, {
    type: row.type,
    issuerRegion: row.issuer_region,
    validFrom: row.valid_from,
  });
  return reviewState(rule, row.reviewed_until, asOf);
}

/** What history and audit rows keep of a certificate: its fields, never the holder's ID number. */
export function historySnapshot(row: {
  number_masked: string;
  valid_from: string;
  valid_until: string | null;
  status: string;
  issuer_region: string;
  issuer_org: string;
  issuer_org_code: string | null;
  occupation: string | null;
  level: string | null;
  holder_id: string;
  reviewed_on?: string | null;
  reviewed_until?: string | null;
}) {
  return {
    number: row.number_masked,
    holderId: row.holder_id,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: row.status,
    issuerRegion: row.issuer_region,
    issuerOrg: row.issuer_org,
    issuerOrgCode: row.issuer_org_code,
    occupation: row.occupation,
    level: row.level,
    // Only once known, so the snapshots of certificates without a review keep their earlier shape.
    ...(row.reviewed_on && { reviewedOn: row.reviewed_on }),
    ...(row.reviewed_until && { reviewedUntil: row.reviewed_until }),
  };
}

export function toHistoryEntry(row: {
  id: number;
  at: Date;
  actor_label: string;
  action: string;
  reason: string | null;
  before: unknown;
  after: unknown;
  import_id: string | null;
}): HistoryEntry {
  return {
    id: Number(row.id),
    at: row.at.toISOString(),
    actor: row.actor_label,
    action: row.action,
    reason: row.reason,
    before: row.before ?? null,
    after: row.after ?? null,
    importId: row.import_id,
  };
}

/**
 * The creation entry of a certificate that came from an import, which stores no history row for it (see
 * `mergeStage`): its first state is the `before` of its first later change, or else its current state.
 */
export function creationEntry(
  row: Parameters<typeof historySnapshot>[0] & { created_at: Date; import_id: string | null },
  history: HistoryEntry[],
  actor: string,
): HistoryEntry | null {
  if (!row.import_id || history.some((h) => h.action === 'create' || h.action === 'import.create'))
    return null;
  return {
    id: 0,
    at: row.created_at.toISOString(),
    actor,
    action: 'import.create',
    reason: null,
    before: null,
    after: history[0]?.before ?? historySnapshot(row),
    importId: row.import_id,
  };
}
