import { decodeJwsJson } from './encoding';

/**
 * What a Hutong credential states (src/credentials/credential.model.ts: buildCredential), read defensively from a
 * decoded payload for display: a missing or odd field becomes null, never an exception.
 */
export interface CredentialFields {
  credentialId: string | null;
  issuerName: string | null;
  issuedAt: string | null;
  holderName: string | null;
  idType: string | null;
  idNumberMasked: string | null;
  type: string | null;
  typeNameZh: string | null;
  typeNameEn: string | null;
  department: string | null;
  /** The number in clear, or masked when it embeds an ID number. */
  number: string | null;
  issuerRegion: string | null;
  issuerOrganization: string | null;
  validFrom: string | null;
  validUntil: string | null;
  /** 复审: reviewed until, when the credential states it (issue 13 item 5). */
  reviewedUntil: string | null;
  occupationCode: string | null;
  occupationName: string | null;
  level: string | null;
}

type Json = Record<string, unknown>;

const objectAt = (value: unknown, key: string): Json => {
  const inner = value && typeof value === 'object' ? (value as Json)[key] : undefined;
  return inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Json) : {};
};
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : null;

export function credentialFields(payload: Json): CredentialFields {
  const subject = objectAt(payload, 'credentialSubject');
  const certificate = objectAt(subject, 'certificate');
  const issuer = objectAt(certificate, 'issuer');
  const alignment = Array.isArray(certificate.alignment)
    ? (certificate.alignment[0] as Json | undefined)
    : undefined;
  const id = text(payload.id);
  return {
    credentialId: id?.startsWith('urn:uuid:') ? id.slice('urn:uuid:'.length) : id,
    issuerName: text(objectAt(payload, 'issuer').name),
    issuedAt: typeof payload.iat === 'number' ? new Date(payload.iat * 1000).toISOString() : null,
    holderName: text(subject.name),
    idType: text(subject.idType),
    idNumberMasked: text(subject.idNumberMasked),
    type: text(certificate.certificateType),
    typeNameZh: text(certificate.nameZh),
    typeNameEn: text(certificate.nameEn),
    department: text(certificate.department),
    number: text(certificate.number) ?? text(certificate.numberMasked),
    issuerRegion: text(issuer.region),
    issuerOrganization: text(issuer.organization),
    validFrom: text(certificate.validFrom),
    validUntil: text(certificate.validUntil),
    reviewedUntil: text(certificate.reviewedUntil),
    occupationCode: text(alignment?.targetCode),
    occupationName: text(alignment?.targetName),
    level: text(alignment?.level),
  };
}

/** The payload of a compact JWS, for display only (the signature is not checked here). */
export function decodePayload(jws: string): Json | null {
  return decodeJwsJson(jws.split('.')[1] ?? '');
}
