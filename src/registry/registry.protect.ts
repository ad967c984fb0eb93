import { maskIdNumber, type Protector } from '../protection/protection.model.ts';
import { embedsIdNumber } from './identity.ts';
import type { CertificateFacts } from './registry.model.ts';

export function holderIndex(protector: Protector, idType: string, idNumber: string): string {
  return protector.index(`id:${idType}`, idNumber);
}

export function numberIndex(protector: Protector, type: string, number: string): string {
  return protector.index(`number:${type}`, number);
}

/** What a lookup matches: both index versions while `hutong keys migrate` rebuilds them (issue 18). */
export function holderIndexes(protector: Protector, idType: string, idNumber: string): string[] {
  return protector.indexes(`id:${idType}`, idNumber);
}

export function numberIndexes(protector: Protector, type: string, number: string): string[] {
  return protector.indexes(`number:${type}`, number);
}

/** Masks the ID number inside a certificate number (T3101**********123X), leaving other numbers as they are. */
export function maskNumber(number: string): string {
  return embedsIdNumber(number) ? number.replace(/\d{17}[\dX]/, (id) => maskIdNumber(id)) : number;
}

/**
 * The stored form of a certificate's personal data: the ID number sealed with a blind index and a mask; the
 * certificate number in clear only when it embeds no ID number.
 */
export function protectFacts(protector: Protector, facts: CertificateFacts) {
  const personal = embedsIdNumber(facts.number);
  // The first of `indexes` is the stored index: one HMAC each outside a blind-index rebuild (issue 18).
  const holderLookup = holderIndexes(protector, facts.idType, facts.idNumber);
  const numberLookup = numberIndexes(protector, facts.type, facts.number);
  return {
    holder: {
      id_type: facts.idType,
      id_index: holderLookup[0] ?? holderIndex(protector, facts.idType, facts.idNumber),
      id_cipher: protector.encrypt(facts.idNumber),
      id_masked: maskIdNumber(facts.idNumber),
      name: facts.holderName,
    },
    number: {
      number: personal ? null : facts.number,
      number_index: numberLookup[0] ?? numberIndex(protector, facts.type, facts.number),
      number_cipher: personal ? protector.encrypt(facts.number) : null,
      number_masked: maskNumber(facts.number),
    },
    /** What lookups match (both index versions during a rebuild); not stored. */
    lookup: { holder: holderLookup, number: numberLookup },
  };
}

/** The certificate's own columns from validated facts (the API and the import store the same ones). */
export function certificateColumns(facts: CertificateFacts) {
  return {
    type: facts.type,
    department: facts.department,
    valid_from: facts.validFrom,
    valid_until: facts.validUntil,
    // Not given = keep what is stored: an update only sets it when the facts carry one (see callers).
    ...(facts.reviewedUntil !== null && { reviewed_until: facts.reviewedUntil }),
    status: facts.status,
    issuer_region: facts.issuerRegion,
    issuer_org: facts.issuerOrg,
    issuer_org_code: facts.issuerOrgCode,
    occupation: facts.occupation,
    level: facts.level,
  };
}
