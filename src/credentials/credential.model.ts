import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.model.ts';
import { STATUS_LIST_SIZE, type StatusPurpose, statusPurposes } from './status-list.ts';

/**
 * The W3C Verifiable Credential 2.0 Hutong issues for a certificate (issue 5 §3), as a pure function of the
 * certificate's facts. Personal data is minimised: the ID number appears masked and as a salted SHA-256 digest (a
 * verifier holding the person's ID card recomputes it), and a certificate number that embeds an ID number (MEM "T"
 * + ID) the same way.
 */
export const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';
export const CREDENTIAL_TYPE = 'HutongCertificateCredential';
export const VC_MEDIA_TYPE = 'application/vc+jwt';

export interface CredentialFacts {
  type: string;
  department: string;
  /** The number in clear, or null when it embeds an ID number and is sealed. */
  number: string | null;
  /** The clear number even when sealed (only to compute its salted digest; never written out). */
  numberForDigest: string;
  numberMasked: string;
  holderName: string;
  idType: string;
  idNumber: string;
  idMasked: string;
  validFrom: string;
  validUntil: string | null;
  /**
   * 复审 (issue 13 item 5): reviewed until, only when known — absent rather than null, so the facts hash (and the
   * credential) of a certificate without a review date is what it was before reviews were recorded.
   */
  reviewedUntil?: string;
  issuerRegion: string;
  issuerOrg: string;
  occupation: string | null;
  level: string | null;
  statusIndex: number;
}

export interface IssueContext {
  issuer: string;
  issuerName: string;
  publicUrl: string;
  credentialId: string;
  /** Random salt for the digests, base64url. */
  salt: string;
  issuedAt: Date;
}

/** sha-256 over salt ‖ value, hex: how a verifier checks an ID number it was shown against the credential. */
export function saltedDigest(salt: string, value: string): string {
  return createHash('sha256').update(salt, 'utf8').update(value, 'utf8').digest('hex');
}

/** The facts that, when changed, need a new credential (status is not among them: it lives in the status lists). */
export function factsHash(f: CredentialFacts): string {
  const { idNumber: _id, numberForDigest: _n, ...rest } = f;
  return createHash('sha256')
    .update(JSON.stringify({ ...rest, id: saltedDigest('facts', `${f.idType}:${f.idNumber}`) }))
    .digest('hex');
}

export function statusListUrl(publicUrl: string, purpose: StatusPurpose, list: number): string {
  return `${publicUrl}/api/v1/credentials/status/${purpose}/${list}`;
}

/** 00:00 and 23:59:59 in China Standard Time: certificates are dated in Beijing time. */
const startOfDay = (d: string) => `${d}T00:00:00+08:00`;
const endOfDay = (d: string) => `${d}T23:59:59+08:00`;

export function buildCredential(facts: CredentialFacts, ctx: IssueContext, catalog: Catalog) {
  const type = catalog.certificateTypesById.get(facts.type);
  const occupationCode = facts.occupation ?? type?.occupation ?? null;
  const occupation = occupationCode ? catalog.occupationsByCode.get(occupationCode) : undefined;
  const list = Math.floor(facts.statusIndex / STATUS_LIST_SIZE);
  const index = String(facts.statusIndex % STATUS_LIST_SIZE);
  const certificate = {
    type: 'VocationalCertificate',
    certificateType: facts.type,
    nameZh: type?.nameZh ?? facts.type,
    nameEn: type?.nameEn ?? facts.type,
    department: facts.department,
    ...(facts.number === null
      ? { numberMasked: facts.numberMasked, numberDigest: saltedDigest(ctx.salt, facts.numberForDigest) }
      : { number: facts.number }),
    issuer: { region: facts.issuerRegion, organization: facts.issuerOrg },
    validFrom: facts.validFrom,
    ...(facts.validUntil ? { validUntil: facts.validUntil } : {}),
    // Past it the certificate is 待复审, not 合法有效: verify.ts reports the validity check `review-overdue`.
    ...(facts.reviewedUntil ? { reviewedUntil: facts.reviewedUntil } : {}),
    // Occupation and level as an alignment to the 职业分类大典 where they apply (issue 5 §3).
    ...(occupationCode
      ? {
          alignment: [
            {
              type: 'Alignment',
              targetFramework: '中华人民共和国职业分类大典 (2022)',
              targetCode: occupationCode,
              targetName: occupation ? `${occupation.nameZh} ${occupation.nameEn}` : occupationCode,
              ...(facts.level ? { level: Number(facts.level) } : {}),
            },
          ],
        }
      : {}),
  };
  return {
    '@context': [VC_CONTEXT_V2],
    id: `urn:uuid:${ctx.credentialId}`,
    type: ['VerifiableCredential', CREDENTIAL_TYPE],
    issuer: { id: ctx.issuer, name: ctx.issuerName },
    validFrom: startOfDay(facts.validFrom),
    ...(facts.validUntil ? { validUntil: endOfDay(facts.validUntil) } : {}),
    credentialSubject: {
      type: 'CertificateHolder',
      name: facts.holderName,
      idType: facts.idType,
      idNumberMasked: facts.idMasked,
      idNumberDigest: {
        algorithm: 'sha-256',
        salt: ctx.salt,
        digest: saltedDigest(ctx.salt, facts.idNumber),
      },
      certificate,
    },
    credentialStatus: statusPurposes.map((purpose) => ({
      id: `${statusListUrl(ctx.publicUrl, purpose, list)}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: index,
      statusListCredential: statusListUrl(ctx.publicUrl, purpose, list),
    })),
    // JWT claims VC-JOSE-COSE allows beside the credential; `iss` agrees with `issuer` (§3.1.1).
    iss: ctx.issuer,
    jti: `urn:uuid:${ctx.credentialId}`,
    iat: Math.floor(ctx.issuedAt.getTime() / 1000),
  };
}

/** The signed Bitstring Status List credential for one list (§2.2 of the status list spec). */
export function buildStatusListCredential(
  url: string,
  purpose: StatusPurpose,
  encodedList: string,
  issuer: string,
  issuedAt: Date,
) {
  return {
    '@context': [VC_CONTEXT_V2],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom: issuedAt.toISOString(),
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: purpose,
      encodedList,
    },
    iss: issuer,
    iat: Math.floor(issuedAt.getTime() / 1000),
  };
}

export const verifyRequestSchema = z.strictObject({
  // A compact JWS, or (issue 18) a JWS JSON serialization as text: `{payload, signatures}` or the
  // `{format: "vc+jws-json", credential: {…}}` answer of `?serialization=json`.
  credential: z.string().trim().min(1, 'the credential (a compact JWS) is required').max(65_536),
});

export const checkSchema = z.object({
  check: z.enum(['schema', 'issuer', 'signature', 'validity', 'status']),
  status: z.enum(['valid', 'invalid', 'error', 'skipped']),
  reason: z.string().optional(),
  message: z.string().optional(),
});
export type Check = z.infer<typeof checkSchema>;

export const verifyResponseSchema = z.object({
  verified: z.boolean(),
  checks: z.array(checkSchema),
  /** The decoded credential, when it could be parsed (shown to the person verifying, never trusted by itself). */
  credential: z.record(z.string(), z.unknown()).optional(),
  issuer: z.object({ id: z.string(), name: z.string().optional(), trusted: z.boolean() }).optional(),
  /**
   * Which signatures were checked (issue 18): the JOSE one, and an SM2 one (`alg: "SM2SM3"`) when the credential
   * came in the JWS JSON serialization with it.
   */
  signatures: z
    .array(
      z.object({
        alg: z.string(),
        kid: z.string().optional(),
        status: z.enum(['valid', 'invalid', 'error', 'skipped']),
        reason: z.string().optional(),
      }),
    )
    .optional(),
});
export type VerifyResult = z.infer<typeof verifyResponseSchema>;
