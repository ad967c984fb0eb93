import type { Catalog, ReviewRule } from '../catalog/catalog.model.ts';
import { checkCertificateNumber, validityRuleFor } from '../catalog/catalog.rules.ts';
import { checkCreditCode, findProvince } from '../shared/identifiers.ts';
import { idTypes, normalizeIdNumber, normalizeName } from './identity.ts';
import {
  type CertificateFacts,
  type EffectiveStatus,
  type FieldProblem,
  type LifecycleAction,
  type RawCertificate,
  type Status,
  statuses,
} from './registry.model.ts';
import type { ReviewCode } from './review.rules.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRealDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  return day <= days;
}

export function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A `reviewed_until` that arrives with a certificate's facts (import, push, API; issue 13 item 5): a real date
 * within the certificate's validity, for a type with a review rule. Null when it passes.
 */
export function checkReviewedUntil(
  rule: ReviewRule | null,
  typeId: string,
  c: { validFrom: string; validUntil: string | null },
  reviewedUntil: string,
): { code: ReviewCode; message: string } | null {
  if (!isRealDate(reviewedUntil)) return { code: 'date-invalid', message: 'not a real date YYYY-MM-DD' };
  if (rule === null) return { code: 'no-review-rule', message: `${typeId} certificates have no 复审` };
  if (reviewedUntil < c.validFrom)
    return { code: 'date-order', message: 'reviewed until a date before the certificate begins' };
  if (c.validUntil !== null && reviewedUntil > c.validUntil) {
    return {
      code: 'beyond-validity',
      message: `reviewed until after the certificate expires (${c.validUntil}); extend the validity with renew`,
    };
  }
  return null;
}

/**
 * Validates one certificate exactly as the API and the import both must (issue 3 §5: "every row is validated
 * exactly as the API validates it"). Returns the normalised facts, or every problem found, each naming its field.
 */
export interface ValidationContext {
  /** Today (China), so an ID number cannot carry a future birth date. */
  today?: string;
  /**
   * `type@region` pairs of province-designated types (建筑焊工) a province is on record as NOT issuing; see
   * designations. A province with no record is unknown, and a department's own data is not refused for it.
   */
  notIssued?: ReadonlySet<string>;
}

// Department files often carry the Chinese words; they mean the same values.
const statusWords: Record<string, string> = {
  有效: 'valid',
  正常: 'valid',
  暂停: 'suspended',
  暂扣: 'suspended',
  吊销: 'revoked',
  撤销: 'revoked',
  注销: 'revoked',
};
const idTypeWords: Record<string, string> = {
  居民身份证: 'resident',
  身份证: 'resident',
  港澳台居民居住证: 'hk-macao-taiwan-permit',
  港澳居民来往内地通行证: 'hk-macao-taiwan-permit',
  台湾居民来往大陆通行证: 'hk-macao-taiwan-permit',
  外国人永久居留身份证: 'foreign-permanent',
  护照: 'passport',
};

export function validateCertificate(
  catalog: Catalog,
  raw: RawCertificate,
  context: ValidationContext = {},
): { ok: true; facts: CertificateFacts } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: FieldProblem['field'], code: string, message: string) =>
    problems.push({ field, code, message });
  const trim = (s: string) => s.normalize('NFKC').trim();

  const typeId = trim(raw.type);
  const type = catalog.certificateTypesById.get(typeId);
  if (!typeId) problem('type', 'required', 'the certificate type is missing');
  else if (!type) problem('type', 'unknown-type', `unknown certificate type ${typeId}`);

  const level = trim(raw.level);
  const occupation = trim(raw.occupation);
  const issuerRegion = trim(raw.issuerRegion);
  const number = trim(raw.number).toUpperCase();
  if (!number) problem('number', 'required', 'the certificate number is missing');
  else if (type) {
    const checked = checkCertificateNumber(type, number, {
      ...(level && { level }),
      ...(issuerRegion && { region: issuerRegion }),
    });
    if (!checked.ok) problem('number', `number-${checked.reason}`, checked.message);
  }

  const name = normalizeName(raw.holderName);
  if (!name.ok) problem('holderName', name.code, name.message);

  const idTypeText = trim(raw.idType) || 'resident';
  const idTypeRaw = idTypeWords[idTypeText] ?? idTypeText;
  const idType = idTypes.find((t) => t === idTypeRaw);
  let idNumber = '';
  if (!idType) problem('idType', 'unknown-id-type', `ID type must be one of ${idTypes.join(', ')}`);
  else {
    const id = normalizeIdNumber(idType, raw.idNumber, context.today);
    if (id.ok) idNumber = id.value;
    else problem('idNumber', id.code, id.message);
  }

  const validFrom = trim(raw.validFrom);
  const validUntil = trim(raw.validUntil);
  const reviewedUntil = trim(raw.reviewedUntil);
  if (!validFrom) problem('validFrom', 'required', 'the start of validity is missing');
  else if (!isRealDate(validFrom)) problem('validFrom', 'date-invalid', 'not a real date YYYY-MM-DD');
  if (validUntil && !isRealDate(validUntil))
    problem('validUntil', 'date-invalid', 'not a real date YYYY-MM-DD');
  if (type && validFrom && isRealDate(validFrom)) {
    const rule = validityRuleFor(type, issuerRegion || undefined, validFrom);
    if (rule.years === null && validUntil) {
      problem(
        'validUntil',
        'no-expiry',
        `${type.id} certificates do not expire; leave the end of validity empty`,
      );
    } else if (rule.years !== null && !validUntil) {
      problem(
        'validUntil',
        'required',
        `${type.id} certificates are valid for ${rule.years} years; the end is missing`,
      );
    } else if (validUntil && isRealDate(validUntil) && validUntil < validFrom) {
      problem('validUntil', 'date-order', 'the end of validity is before its start');
    }
    if (reviewedUntil) {
      const until = isRealDate(validUntil) ? validUntil : null;
      const review = checkReviewedUntil(
        rule.review,
        type.id,
        { validFrom, validUntil: until },
        reviewedUntil,
      );
      if (review) problem('reviewedUntil', review.code, review.message);
    }
  } else if (reviewedUntil && !isRealDate(reviewedUntil)) {
    problem('reviewedUntil', 'date-invalid', 'not a real date YYYY-MM-DD');
  }

  const statusText = trim(raw.status) || 'valid';
  const statusRaw = statusWords[statusText] ?? statusText;
  const status = statuses.find((s) => s === statusRaw);
  if (!status) problem('status', 'unknown-status', `status must be one of ${statuses.join(', ')}`);

  if (!issuerRegion) problem('issuerRegion', 'required', 'the issuing region is missing');
  else if (!/^\d{6}$/.test(issuerRegion) || !findProvince(issuerRegion)) {
    problem('issuerRegion', 'unknown-region', 'not a GB/T 2260 code of one of the 31 provinces');
  }
  const issuerOrg = trim(raw.issuerOrg);
  if (!issuerOrg) problem('issuerOrg', 'required', 'the issuing organisation is missing');
  const orgCodeRaw = trim(raw.issuerOrgCode).toUpperCase();
  if (orgCodeRaw) {
    const code = checkCreditCode(orgCodeRaw);
    if (!code.ok)
      problem('issuerOrgCode', `credit-code-${code.reason}`, '统一社会信用代码 is invalid (GB 32100)');
  }

  // "T" + the holder's ID number (reference §2.3): the number must carry this holder's number, not another's.
  const isNumberValid = !problems.some((p) => p.field === 'number');
  if (
    type?.numberFormat.checks.includes('gb11643-embedded') &&
    isNumberValid &&
    idNumber &&
    number.slice(1) !== idNumber
  ) {
    problem(
      'number',
      'number-holder-mismatch',
      'the ID number inside the certificate number is not the holder’s',
    );
  }
  // 建筑焊工 is issued only where a province designates it (notice part 一(二); 建质〔2008〕75号 第三条(七)).
  if (
    type?.issuedOnlyWhereDesignated &&
    issuerRegion &&
    context.notIssued?.has(`${type.id}@${issuerRegion}`)
  ) {
    problem('issuerRegion', 'not-designated', `${issuerRegion} is on record as not issuing ${type.id}`);
  }

  if (type?.requiresOccupation) {
    if (!occupation) problem('occupation', 'required', `${type.id} needs an occupation code`);
    else if (!catalog.occupationsByCode.has(occupation))
      problem('occupation', 'unknown-occupation', 'unknown occupation code');
    if (!level) problem('level', 'required', `${type.id} needs a level`);
    else if (!/^[1-5]$/.test(level)) problem('level', 'unknown-level', 'level must be 1 to 5');
  } else if (type && (occupation || level)) {
    if (occupation) problem('occupation', 'not-applicable', `${type.id} carries no occupation`);
    if (level) problem('level', 'not-applicable', `${type.id} carries no level`);
  }

  if (problems.length > 0 || !type || !name.ok || !idType || !status) return { ok: false, problems };
  return {
    ok: true,
    facts: {
      type: type.id,
      department: type.department,
      number,
      holderName: name.value,
      idType,
      idNumber,
      validFrom,
      validUntil: validUntil || null,
      reviewedUntil: reviewedUntil || null,
      status,
      issuerRegion,
      issuerOrg,
      issuerOrgCode: orgCodeRaw || null,
      occupation: occupation || null,
      level: level || null,
    },
  };
}

/** As of `asOf` (inclusive dates, design.md §recognition: validFrom ≤ asOf ≤ validUntil). */
export function effectiveStatus(
  c: { status: Status; validFrom: string; validUntil: string | null },
  asOf: string,
): EffectiveStatus {
  if (c.status !== 'valid') return c.status;
  if (asOf < c.validFrom) return 'not-yet-valid';
  if (c.validUntil !== null && asOf > c.validUntil) return 'expired';
  return 'valid';
}

export type TransitionResult = { ok: true; status: Status } | { ok: false; code: string; message: string };

/**
 * The lifecycle (issue 3 §3): valid ⇄ suspended, valid or suspended → revoked (final). Renewal keeps the status
 * and is checked by `checkRenewal`.
 */
export function nextStatus(current: Status, action: Exclude<LifecycleAction, 'renew'>): TransitionResult {
  const table: Record<typeof action, Partial<Record<Status, Status>>> = {
    suspend: { valid: 'suspended' },
    reinstate: { suspended: 'valid' },
    revoke: { valid: 'revoked', suspended: 'revoked' },
  };
  const to = table[action][current];
  if (to) return { ok: true, status: to };
  return {
    ok: false,
    code: current === 'revoked' ? 'revoked-is-final' : 'invalid-transition',
    message:
      current === 'revoked'
        ? 'a revoked certificate cannot change'
        : `cannot ${action} a ${current} certificate`,
  };
}

/**
 * 复审 / 延期 (issue 3 §3): a valid certificate whose type has a review rule may have its end of validity moved
 * later, by at most one extension period (the rule's `extensionYears`, else its validity period), and not after
 * it has expired (令30 第二十二条, TSG Z6001-2019 第二十五条, 建质〔2008〕75号: review is applied for before expiry).
 */
export function checkRenewal(
  catalog: Catalog,
  c: { type: string; status: Status; validFrom: string; validUntil: string | null; issuerRegion: string },
  newUntil: string,
  asOf: string,
): { ok: true } | { ok: false; code: string; message: string } {
  const type = catalog.certificateTypesById.get(c.type);
  if (!type) return { ok: false, code: 'unknown-type', message: `unknown type ${c.type}` };
  if (c.status === 'revoked')
    return { ok: false, code: 'revoked-is-final', message: 'a revoked certificate cannot change' };
  if (c.status !== 'valid')
    return { ok: false, code: 'invalid-transition', message: `cannot renew a ${c.status} certificate` };
  const rule = validityRuleFor(type, c.issuerRegion, c.validFrom);
  if (c.validUntil === null || rule.years === null) {
    return { ok: false, code: 'no-expiry', message: `${type.id} certificates do not expire` };
  }
  if (asOf > c.validUntil)
    return { ok: false, code: 'expired', message: 'the certificate expired before its review' };
  if (!isRealDate(newUntil) || newUntil <= c.validUntil) {
    return { ok: false, code: 'not-later', message: 'the new end of validity must be after the current one' };
  }
  const maxYears = rule.review?.extensionYears ?? rule.years;
  const latest = addYears(c.validUntil, maxYears);
  if (newUntil > latest) {
    return {
      ok: false,
      code: 'beyond-rule',
      message: `at most ${maxYears} years beyond the current end (${latest}); ${rule.basis}`,
    };
  }
  return { ok: true };
}
