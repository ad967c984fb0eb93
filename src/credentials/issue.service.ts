import { createHash, randomBytes } from 'node:crypto';
import { CompactSign } from 'jose';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import { SM2_JWS_ALG, sm2Sign } from '../protection/crypto-profile.ts';
import { normalizeName } from '../registry/identity.ts';
import { numberIndexes } from '../registry/registry.protect.ts';
import { canRead, type RegistryDeps } from '../registry/registry.service.ts';
import {
  type CertificateWithHolder,
  getCertificateRow,
  selectCertificates,
} from '../registry/registry.store.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { buildCredential, type CredentialFacts, factsHash } from './credential.model.ts';
import type { SigningKey } from './keys.ts';
import { readRef } from './print-ref.ts';

export interface CredentialDeps extends RegistryDeps {
  signing: SigningKey;
  publicUrl: string;
  /** did:web of `publicUrl`. */
  did: string;
}

export const ISSUER_NAME = '互通 职业技能证书互通互认平台 Hutong';

export interface IssuedCredential {
  id: string;
  certificateId: string;
  format: 'vc+jwt';
  credential: string;
  /** sha-256 of the compact JWS, base64url: what a QR code carries beside the URL. */
  digest: string;
  issuedAt: string;
  /** 国密 profile: the SM2 signature over the same payload (JWS JSON serialization entry). */
  sm2?: JwsSignatureEntry;
}

/** One entry of a JWS JSON serialization's `signatures` (RFC 7515 §7.2.1), base64url. */
export interface JwsSignatureEntry {
  protected: string;
  signature: string;
}

/**
 * The SM2 signature of a compact credential (issue 18): its own protected header `{alg: "SM2SM3", typ, kid}`
 * (SM2SM3 is not a registered JOSE algorithm) over the same payload, signing input per RFC 7515 §5.1
 * (`ASCII(protected ‖ '.' ‖ payload)`), signature = raw r ‖ s (GB/T 32918.2, SM3 with Z, default user id).
 */
export function sm2SignatureOf(deps: CredentialDeps, jws: string): JwsSignatureEntry | undefined {
  const sm2 = deps.signing.sm2;
  if (!sm2) return undefined;
  const header = { alg: SM2_JWS_ALG, typ: 'vc+jwt', kid: `${deps.did}#${sm2.thumbprint}` };
  const protectedB64 = Buffer.from(JSON.stringify(header)).toString('base64url');
  const payload = jws.split('.')[1] ?? '';
  const signature = sm2Sign(sm2.keys, Buffer.from(`${protectedB64}.${payload}`, 'ascii'));
  return { protected: protectedB64, signature: signature.toString('base64url') };
}

/** The JWS JSON serialization of a credential: its JOSE signature, then the SM2 one when it has it. */
export function jsonSerializationOf(c: Pick<IssuedCredential, 'credential' | 'sm2'>) {
  const [protectedB64 = '', payload = '', signature = ''] = c.credential.split('.');
  return {
    payload,
    signatures: [{ protected: protectedB64, signature }, ...(c.sm2 ? [c.sm2] : [])],
  };
}

/** Signs with the active key: compact JWS, `typ: vc+jwt` (VC-JOSE-COSE §3.1.1), `kid` = the DID URL of the key. */
export async function signJws(deps: CredentialDeps, payload: object): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: `${deps.did}#${deps.signing.thumbprint}` })
    .sign(deps.signing.privateKey);
}

export function digestOf(jws: string): string {
  return createHash('sha256').update(jws).digest('base64url');
}

function factsOf(deps: CredentialDeps, row: CertificateWithHolder): CredentialFacts {
  const protector = deps.keyring.protector();
  const numberClear = row.number ?? protector.decrypt(row.number_cipher ?? '');
  return {
    type: row.type,
    department: row.department,
    number: row.number,
    numberForDigest: numberClear,
    numberMasked: row.number_masked,
    holderName: row.holder_name,
    idType: row.holder_id_type,
    idNumber: protector.decrypt(row.holder_id_cipher),
    idMasked: row.holder_id_masked,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    ...(row.reviewed_until && { reviewedUntil: row.reviewed_until }),
    issuerRegion: row.issuer_region,
    issuerOrg: row.issuer_org,
    occupation: row.occupation,
    level: row.level,
    statusIndex: Number(row.status_index),
  };
}

/**
 * The certificate's current credential: reused while its facts and the signing key are unchanged (so a printed QR
 * keeps pointing at the same credential), otherwise issued anew, stored and audited in one transaction.
 */
export async function currentCredential(
  deps: CredentialDeps,
  ctx: AuditContext,
  row: CertificateWithHolder,
): Promise<IssuedCredential> {
  const facts = factsOf(deps, row);
  const hash = factsHash(facts);
  const existing = await deps.db
    .selectFrom('credentials')
    .selectAll()
    .where('certificate_id', '=', row.id)
    .where('facts_hash', '=', hash)
    .where('kid', '=', deps.signing.thumbprint)
    .$if(deps.signing.sm2 !== undefined, (q) => q.where('sm2_signature', 'is not', null))
    .orderBy('issued_at', 'desc')
    .executeTakeFirst();
  if (existing) return toIssued(existing);
  const id = newId();
  const issuedAt = ctx.at;
  const payload = buildCredential(
    facts,
    {
      issuer: deps.did,
      issuerName: ISSUER_NAME,
      publicUrl: deps.publicUrl,
      credentialId: id,
      salt: randomBytes(16).toString('base64url'),
      issuedAt,
    },
    deps.catalog,
  );
  const jws = await signJws(deps, payload);
  const sm2 = sm2SignatureOf(deps, jws);
  const stored = {
    id,
    certificate_id: row.id,
    kid: deps.signing.thumbprint,
    facts_hash: hash,
    digest: digestOf(jws),
    jws,
    issued_at: issuedAt,
    sm2_protected: sm2?.protected ?? null,
    sm2_signature: sm2?.signature ?? null,
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('credentials').values(stored).execute();
    await appendAudit(trx, ctx, {
      action: 'credential.issue',
      targetType: 'certificate',
      targetId: row.id,
      after: {
        credential: id,
        kid: deps.signing.thumbprint,
        digest: stored.digest,
        ...(deps.signing.sm2 && { sm2Kid: deps.signing.sm2.thumbprint }),
      },
    });
  });
  return toIssued(stored);
}

function toIssued(r: {
  id: string;
  certificate_id: string;
  jws: string;
  digest: string;
  issued_at: Date | string;
  sm2_protected?: string | null;
  sm2_signature?: string | null;
}): IssuedCredential {
  return {
    id: r.id,
    certificateId: r.certificate_id,
    format: 'vc+jwt',
    credential: r.jws,
    digest: r.digest,
    issuedAt: new Date(r.issued_at).toISOString(),
    ...(r.sm2_protected &&
      r.sm2_signature && { sm2: { protected: r.sm2_protected, signature: r.sm2_signature } }),
  };
}

/** For a signed-in caller who may read the certificate (its holder, its department, supervisors in scope). */
export async function credentialForCertificate(
  deps: CredentialDeps,
  principal: Principal,
  ctx: AuditContext,
  certificateId: string,
): Promise<IssuedCredential> {
  const row = await getCertificateRow(deps.db, certificateId);
  if (!row || !canRead(principal, row)) throw new AppError('not_found', 'no such certificate');
  return currentCredential(deps, ctx, row);
}

/**
 * For the public query's "print" (issue 5 §6): the same proof as the query — the holder's name and the
 * certificate number — and the same single 404 for a wrong name and a miss.
 */
export async function credentialForPublic(
  deps: CredentialDeps,
  ctx: AuditContext,
  query: { ref: string } | { name: string; number: string; type?: string | undefined },
): Promise<IssuedCredential> {
  const notFound = new AppError('not_found', '未找到匹配的证书 No matching certificate');
  if ('ref' in query) {
    const id = readRef(deps.keyring.protector(), query.ref, ctx.at);
    const row = id ? await getCertificateRow(deps.db, id) : undefined;
    if (!row) throw notFound;
    return currentCredential(deps, ctx, row);
  }
  const name = normalizeName(query.name);
  const number = query.number.normalize('NFKC').trim().toUpperCase();
  const protector = deps.keyring.protector();
  const types = deps.catalog.certificateTypes.filter((t) => !query.type || t.id === query.type);
  // An unknown type matches nothing (and `in ()` is not SQL: found by the HTTP fuzz as a 500).
  if (types.length === 0) throw notFound;
  const rows = await selectCertificates(deps.db)
    .where(
      'c.number_index',
      'in',
      types.flatMap((t) => numberIndexes(protector, t.id, number)),
    )
    .execute();
  const row = name.ok ? rows.find((r) => r.holder_name === name.value) : undefined;
  if (!row) throw notFound;
  return currentCredential(deps, ctx, row);
}

/**
 * A stored credential by its (random, unguessable) id: what a printed QR code points at — a certificate's, or a
 * 互认决定书's (`decision_credentials`, issue 13 item 7), which carries `decisionId` instead of `certificateId`.
 */
export async function storedCredential(
  deps: CredentialDeps,
  id: string,
): Promise<IssuedCredential | StoredDecisionCredential> {
  const row = await deps.db.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirst();
  if (row) return toIssued(row);
  const decision = await deps.db
    .selectFrom('decision_credentials')
    .select(['id', 'decision_id', 'jws', 'digest', 'issued_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!decision) throw new AppError('not_found', 'no such credential');
  return {
    id: decision.id,
    decisionId: decision.decision_id,
    format: 'vc+jwt',
    credential: decision.jws,
    digest: decision.digest,
    issuedAt: new Date(decision.issued_at).toISOString(),
  };
}

export type StoredDecisionCredential = Omit<IssuedCredential, 'certificateId'> & { decisionId: string };
