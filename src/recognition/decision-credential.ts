import { randomBytes } from 'node:crypto';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Catalog } from '../catalog/catalog.model.ts';
import { saltedDigest, statusListUrl, VC_CONTEXT_V2 } from '../credentials/credential.model.ts';
import {
  type CredentialDeps,
  currentCredential,
  digestOf,
  ISSUER_NAME,
  type JwsSignatureEntry,
  signJws,
  sm2SignatureOf,
} from '../credentials/issue.service.ts';
import { positionOf, statusPurposes } from '../credentials/status-list.ts';
import { getHolderView, type RegistryDeps } from '../registry/registry.service.ts';
import { getHolder } from '../registry/registry.store.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import {
  type DecisionRow,
  departmentOfType,
  findBasisCertificates,
  getDecisionRow,
} from './recognition.decisions.ts';
import { type EvaluationResponse, heldSkillLevelRule } from './recognition.model.ts';

/**
 * 互认决定书 (issue 13 item 7): a stored recognition decision signed as a W3C VC 2.0 of type `RecognitionDecision`,
 * with the same keys as certificates. It names the holder (masked ID + salted digest), each granted exemption and
 * deemed level with its basis certificates (masked numbers, their own credential ids), the policy versions and the
 * decision's facts hash, and is valid for 90 days. Its `credentialStatus` is an array (VC 2.0 §4.10 allows one)
 * holding each basis certificate's own revocation and suspension entries, so any verifier that reads status lists
 * — the API, `hutong verify --offline` with cached lists, the browser — refuses it once a basis certificate is
 * revoked or suspended, with no list of its own.
 */
export const DECISION_CREDENTIAL_TYPE = 'RecognitionDecision';
export const DECISION_VALIDITY_DAYS = 90;

export interface BasisCredential {
  certificateType: string;
  department: string;
  numberMasked: string;
  issuerRegion: string;
  /** The basis certificate's own credential id. */
  credentialId: string;
  statusIndex: number;
}

export interface DecisionStatement {
  decisionId: string;
  asOf: string;
  region: string | null;
  policy: Record<string, unknown>;
  factsHash: string;
  holder: { name: string; idType: string; idNumber: string; idMasked: string };
  result: EvaluationResponse;
  /** The basis certificates by the number the decision states. */
  basis: ReadonlyMap<string, BasisCredential>;
}

export interface DecisionIssueContext {
  issuer: string;
  publicUrl: string;
  credentialId: string;
  salt: string;
  issuedAt: Date;
}

const optional = (source: object, key: string): Record<string, unknown> => {
  const value = (source as Record<string, unknown>)[key];
  return value === undefined || value === null ? {} : { [key]: value };
};

function basisOf(statement: DecisionStatement, number: string) {
  const b = statement.basis.get(number);
  if (!b) throw new AppError('conflict', 'a basis certificate of the decision is not in the registry');
  return {
    type: 'VocationalCertificate',
    certificateType: b.certificateType,
    department: b.department,
    numberMasked: b.numberMasked,
    issuerRegion: b.issuerRegion,
    credential: `urn:uuid:${b.credentialId}`,
  };
}

/** The numbers an exemption rests on: its basis and, when the engine lists them, the others giving the same. */
export function exemptionBasis(e: EvaluationResponse['exemptions'][number]): string[] {
  const also = (e as { alsoBasis?: readonly string[] }).alsoBasis ?? [];
  return [e.basis, ...also.filter((n) => n !== e.basis)];
}

/** What the decision grants, as the credential states it: exemptions and deemed levels with their basis. */
export function grantedOf(statement: DecisionStatement, catalog: Catalog) {
  const { result } = statement;
  const exemptions = result.exemptions
    .filter((e) => e.exempt.length > 0)
    .map((e) => {
      const target = catalog.certificateTypesById.get(e.target);
      return {
        target: e.target,
        targetNameZh: target?.nameZh ?? e.target,
        targetNameEn: target?.nameEn ?? e.target,
        department: departmentOfType(catalog, e.target),
        exempt: [...e.exempt],
        rule: e.rule,
        ...optional(e, 'overriddenBy'),
        ...(e.conditions && e.conditions.length > 0 ? { conditions: e.conditions } : {}),
        // Read when the engine provides them (evidence class, the pack that decided): not required.
        ...optional(e, 'evidence'),
        ...optional(e, 'decidedBy'),
        basis: exemptionBasis(e).map((n) => basisOf(statement, n)),
      };
    });
  // A skill-level certificate counting for its own occupation is no recognition (statistics.recognition-store.ts).
  const levels = result.levels
    .filter((l) => l.rule !== heldSkillLevelRule)
    .map((l) => ({
      occupation: l.occupation,
      occupationName: catalog.occupationsByCode.get(l.occupation)?.nameZh ?? l.occupation,
      deemedLevel: l.deemedLevel,
      ...(l.mayApplyFor !== null ? { mayApplyFor: l.mayApplyFor } : {}),
      rule: l.rule,
      ...(l.conditions.length > 0 ? { conditions: l.conditions } : {}),
      ...optional(l, 'evidence'),
      ...optional(l, 'decidedBy'),
      basis: l.basis.map((n) => basisOf(statement, n)),
    }));
  return { exemptions, levels };
}

/** The credential's payload: a pure function of the statement and the issuing context. */
export function buildDecisionCredential(
  statement: DecisionStatement,
  ctx: DecisionIssueContext,
  catalog: Catalog,
) {
  const { exemptions, levels } = grantedOf(statement, catalog);
  const validUntil = new Date(ctx.issuedAt.getTime() + DECISION_VALIDITY_DAYS * 86_400_000);
  const used = new Map<string, BasisCredential>();
  for (const b of statement.basis.values()) {
    const cited = [...exemptions, ...levels].some((g) =>
      g.basis.some((x) => x.credential === `urn:uuid:${b.credentialId}`),
    );
    if (cited) used.set(b.credentialId, b);
  }
  return {
    '@context': [VC_CONTEXT_V2],
    id: `urn:uuid:${ctx.credentialId}`,
    type: ['VerifiableCredential', DECISION_CREDENTIAL_TYPE],
    issuer: { id: ctx.issuer, name: ISSUER_NAME },
    validFrom: ctx.issuedAt.toISOString(),
    validUntil: validUntil.toISOString(),
    credentialSubject: {
      type: 'RecognitionDecisionHolder',
      name: statement.holder.name,
      idType: statement.holder.idType,
      idNumberMasked: statement.holder.idMasked,
      idNumberDigest: {
        algorithm: 'sha-256',
        salt: ctx.salt,
        digest: saltedDigest(ctx.salt, statement.holder.idNumber),
      },
      decision: {
        id: `urn:uuid:${statement.decisionId}`,
        asOf: statement.asOf,
        ...(statement.region ? { region: statement.region } : {}),
        policy: statement.policy,
        factsHash: { algorithm: 'sha-256', digest: statement.factsHash },
        exemptions,
        levels,
      },
    },
    // Each basis certificate's own entries: revoking or suspending any of them stops the decision verifying.
    credentialStatus: [...used.values()].flatMap((b) => {
      const { list, index } = positionOf(b.statusIndex);
      return statusPurposes.map((purpose) => ({
        id: `${statusListUrl(ctx.publicUrl, purpose, list)}#${index}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: purpose,
        statusListIndex: String(index),
        statusListCredential: statusListUrl(ctx.publicUrl, purpose, list),
      }));
    }),
    iss: ctx.issuer,
    jti: `urn:uuid:${ctx.credentialId}`,
    iat: Math.floor(ctx.issuedAt.getTime() / 1000),
  };
}

/** The department pack versions the decision row may carry (added by issue 13's department packs), if any. */
function policyOf(row: DecisionRow): Record<string, unknown> {
  const extra = Object.entries(row as Record<string, unknown>).filter(
    ([k, v]) => k.startsWith('department') && v !== null && v !== undefined,
  );
  return {
    national: row.national_version,
    ...(row.province_version ? { province: row.province_version } : {}),
    ...(extra.length > 0 ? { departments: extra[0]?.[1] } : {}),
  };
}

/** Who may see a decision about a holder: the holder, and anyone who may read that holder's certificates. */
export async function canSeeHolderOf(
  deps: RegistryDeps,
  principal: Principal,
  row: DecisionRow,
): Promise<boolean> {
  if (!row.holder_id) return principal.role === 'system-admin';
  if (principal.role === 'holder') return principal.holderId === row.holder_id;
  try {
    await getHolderView(deps, principal, row.holder_id);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return false;
    throw error;
  }
}

export interface IssuedDecisionCredential {
  id: string;
  decisionId: string;
  format: 'vc+jwt';
  credential: string;
  digest: string;
  issuedAt: string;
  validUntil: string;
  /** 国密 profile (issue 18): the SM2 signature over the same payload. */
  sm2?: JwsSignatureEntry;
}

const toIssued = (r: {
  id: string;
  decision_id: string;
  jws: string;
  digest: string;
  issued_at: Date | string;
  valid_until: Date | string;
  sm2_protected?: string | null;
  sm2_signature?: string | null;
}): IssuedDecisionCredential => ({
  id: r.id,
  decisionId: r.decision_id,
  format: 'vc+jwt',
  credential: r.jws,
  digest: r.digest,
  issuedAt: new Date(r.issued_at).toISOString(),
  validUntil: new Date(r.valid_until).toISOString(),
  ...(r.sm2_protected &&
    r.sm2_signature && { sm2: { protected: r.sm2_protected, signature: r.sm2_signature } }),
});

/** The latest credential of a decision still valid now, if any (for the decision view). */
export async function latestDecisionCredential(deps: CredentialDeps, decisionId: string) {
  const row = await deps.db
    .selectFrom('decision_credentials')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .where('valid_until', '>', deps.clock.now())
    .orderBy('issued_at', 'desc')
    .executeTakeFirst();
  return row ? toIssued(row) : null;
}

/**
 * `GET /recognition/decisions/{id}/credential`: for the holder, or an admin who may read the holder's certificates.
 * Reused while the key, the basis certificates' credentials and its validity hold (a printed QR keeps pointing at
 * one credential); a basis certificate no longer valid is a 409, since the credential would not verify.
 */
export async function decisionCredential(
  deps: CredentialDeps,
  principal: Principal,
  ctx: AuditContext,
  decisionId: string,
): Promise<IssuedDecisionCredential> {
  const row = await getDecisionRow(deps.db, decisionId);
  if (!row || !(await canSeeHolderOf(deps, principal, row)))
    throw new AppError('not_found', 'no such decision');
  if (!row.holder_id) throw new AppError('conflict', 'a decision about no registered holder is not signed');
  if (principal.role === 'supervisor') throw new AppError('forbidden', 'supervisors do not issue decisions');
  const found = await findBasisCertificates(deps.db, row);
  const result = row.result as EvaluationResponse;
  const cited = new Set([
    ...result.exemptions.filter((e) => e.exempt.length > 0).flatMap(exemptionBasis),
    ...result.levels.filter((l) => l.rule !== heldSkillLevelRule).flatMap((l) => l.basis),
  ]);
  if (cited.size === 0) throw new AppError('rule_violation', 'the decision grants nothing to sign');
  const basis = new Map<string, BasisCredential>();
  for (const number of cited) {
    const b = found.get(number);
    if (!b)
      throw new AppError('conflict', 'a basis certificate of the decision is no longer in the registry');
    if (b.row.status !== 'valid')
      throw new AppError('conflict', `a basis certificate is ${b.row.status}: the decision no longer holds`);
    const credential = await currentCredential(deps, ctx, b.row);
    basis.set(number, {
      certificateType: b.row.type,
      department: b.row.department,
      numberMasked: b.row.number_masked,
      issuerRegion: b.row.issuer_region,
      credentialId: credential.id,
      statusIndex: Number(b.row.status_index),
    });
  }
  const basisIds = [...new Set([...basis.values()].map((b) => b.credentialId))].sort();
  const existing = await deps.db
    .selectFrom('decision_credentials')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .where('kid', '=', deps.signing.thumbprint)
    .where('valid_until', '>', ctx.at)
    // Under gm a credential without its SM2 signature is not reused (issue 18).
    .$if(deps.signing.sm2 !== undefined, (q) => q.where('sm2_signature', 'is not', null))
    .orderBy('issued_at', 'desc')
    .execute();
  const reusable = existing.find((e) => JSON.stringify(e.basis) === JSON.stringify(basisIds));
  if (reusable) return toIssued(reusable);

  const holder = await getHolder(deps.db, row.holder_id);
  if (!holder) throw new AppError('not_found', 'no such decision');
  const id = newId();
  const payload = buildDecisionCredential(
    {
      decisionId,
      asOf: row.as_of,
      region: row.region,
      policy: policyOf(row),
      factsHash: row.facts_hash,
      holder: {
        name: holder.name,
        idType: holder.id_type,
        idNumber: deps.keyring.protector().decrypt(holder.id_cipher),
        idMasked: holder.id_masked,
      },
      result,
      basis,
    },
    {
      issuer: deps.did,
      publicUrl: deps.publicUrl,
      credentialId: id,
      salt: randomBytes(16).toString('base64url'),
      issuedAt: ctx.at,
    },
    deps.catalog,
  );
  const jws = await signJws(deps, payload);
  const sm2 = sm2SignatureOf(deps, jws);
  const stored = {
    id,
    decision_id: decisionId,
    kid: deps.signing.thumbprint,
    basis: JSON.stringify(basisIds),
    digest: digestOf(jws),
    jws,
    issued_at: ctx.at,
    valid_until: new Date(payload.validUntil),
    sm2_protected: sm2?.protected ?? null,
    sm2_signature: sm2?.signature ?? null,
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('decision_credentials').values(stored).execute();
    await appendAudit(trx, ctx, {
      action: 'decision-credential.issue',
      targetType: 'recognition-decision',
      targetId: decisionId,
      after: {
        credential: id,
        kid: deps.signing.thumbprint,
        ...(deps.signing.sm2 && { sm2Kid: deps.signing.sm2.thumbprint }),
        digest: stored.digest,
        basis: basisIds,
      },
    });
  });
  return toIssued(stored);
}
