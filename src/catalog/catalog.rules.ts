/**
 * Pure rules over catalog entries: does a number fit its certificate type, and which validity rule applies.
 * No I/O, no clock: dates are passed in as `YYYY-MM-DD` strings.
 */
import { checkResidentId, findProvince, findProvinceByShort } from '../shared/identifiers.ts';
import type { CertificateType, NumberCheck, ReviewRule } from './catalog.model.ts';

export interface NumberContext {
  /** The level the certificate is recorded with (`5` … `1`); MOHRSS numbers carry it at position 16. */
  level?: string;
  /** Where the certificate was issued (GB/T 2260, any level); MOHURD numbers start with that province's 简称. */
  region?: string;
}

export type NumberCheckReason =
  | 'pattern' // the number does not match the type's pattern (length, characters, layout)
  | 'embedded-id' // MEM: the ID number after "T" fails GB 11643 (province, birth date or check digit)
  | 'province-short' // MOHURD: the first character is no province's 简称
  | 'region-mismatch' // MOHURD: the 简称 is not that of the issuing region given in the context
  | 'province-code' // MOHRSS: positions 6–7 are no province code
  | 'level-digit' // MOHRSS: position 16 is not a level 1–5
  | 'level-mismatch'; // MOHRSS: position 16 differs from the level given in the context

export type NumberCheckResult = { ok: true } | { ok: false; reason: NumberCheckReason; message: string };

// Patterns are data; compile each once per type object.
const compiled = new WeakMap<CertificateType, RegExp>();

function patternOf(type: CertificateType): RegExp {
  let re = compiled.get(type);
  if (re === undefined) {
    re = new RegExp(type.numberFormat.pattern, 'u');
    compiled.set(type, re);
  }
  return re;
}

/** Checks a certificate number against its type's pattern and the named checks the type declares. */
export function checkCertificateNumber(
  type: CertificateType,
  number: string,
  context: NumberContext = {},
): NumberCheckResult {
  if (!patternOf(type).test(number)) {
    return fail(
      'pattern',
      // The number is not repeated: MEM and SAMR numbers carry an ID number, and messages reach error reports.
      `the number does not match the ${type.id} number format: ${type.numberFormat.descriptionEn}`,
    );
  }
  for (const check of type.numberFormat.checks) {
    const result = numberChecks[check](number, context);
    if (!result.ok) return result;
  }
  return { ok: true };
}

const numberChecks: Record<NumberCheck, (number: string, context: NumberContext) => NumberCheckResult> = {
  // "证书编号为'T'+身份证号" (reference §2.3): the embedded number must itself be valid.
  'gb11643-embedded': (number) => {
    const id = checkResidentId(number.slice(1));
    return id.ok ? { ok: true } : fail('embedded-id', `the ID number after "T" is invalid (${id.reason})`);
  },
  // 14 characters, pos 1 = 省简称 (reference §3.3).
  'province-short': (number, context) => {
    const short = String.fromCodePoint(number.codePointAt(0) ?? 0);
    const province = findProvinceByShort(short);
    if (province === undefined) return fail('province-short', `${short} is not a province 简称`);
    if (context.region !== undefined && findProvince(context.region)?.code !== province.code) {
      return fail('region-mismatch', `${short} is not the 简称 of region ${context.region}`);
    }
    return { ok: true };
  },
  // Y/S + 4 + 2-digit province + 6 + 2-digit year + level + 6 (reference §5.2).
  'mohrss-code': (number, context) => {
    const provinceCode = number.slice(5, 7);
    if (findProvince(`${provinceCode}0000`) === undefined) {
      return fail('province-code', `positions 6–7 (${provinceCode}) are not a province code`);
    }
    const level = number.charAt(15);
    if (!/^[1-5]$/.test(level)) return fail('level-digit', `position 16 (${level}) is not a level 1–5`);
    if (context.level !== undefined && context.level !== level) {
      return fail('level-mismatch', `position 16 says level ${level}, the certificate says ${context.level}`);
    }
    return { ok: true };
  },
};

function fail(reason: NumberCheckReason, message: string): NumberCheckResult {
  return { ok: false, reason, message };
}

export interface AppliedValidityRule {
  /** Years from issue; null = no expiry. */
  years: number | null;
  review: ReviewRule | null;
  /** The clause the rule implements. */
  basis: string;
  /** `national` = the type's own rule; otherwise the province whose override applied. */
  scope: 'national' | 'province';
  region?: string;
}

/**
 * The validity rule for a certificate of `type` issued in `region` on `issuedOn`: the type's national rule, or the
 * province override that covers that region and issue date. Without `issuedOn`, an override bounded by
 * `issuedBefore` does not apply: an unknown issue date is treated as a certificate issued now.
 */
export function validityRuleFor(
  type: CertificateType,
  region?: string,
  issuedOn?: string,
): AppliedValidityRule {
  const { validity } = type;
  const province = region === undefined ? undefined : findProvince(region);
  const override =
    province === undefined
      ? undefined
      : validity.provinceOverrides.find(
          (o) =>
            o.region === province.code &&
            (o.issuedBefore === undefined || (issuedOn !== undefined && issuedOn < o.issuedBefore)) &&
            (o.issuedFrom === undefined || issuedOn === undefined || issuedOn >= o.issuedFrom),
        );
  if (override === undefined) {
    return { years: validity.years, review: validity.review, basis: validity.basis, scope: 'national' };
  }
  return {
    years: override.years,
    review: override.review,
    basis: override.basis,
    scope: 'province',
    region: override.region,
  };
}
