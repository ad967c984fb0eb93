/**
 * 复审 in 合法有效 (issue 13 item 5; design.md "The recognition rules": for a type with a review rule, `asOf ≤
 * reviewedUntil` where the review date is known). Pure: the catalog, the certificate and the date are passed in.
 *
 * Review rules per type are data (`catalog/certificate-types/*.json`, `validity.review`): MEM special operations
 * every 3 years (令30 第二十一条, reference §2.2), SAMR at 4 years (TSG Z6001-2019 第二十五条, §4.2), MOHURD the
 * province's (建质〔2008〕75号 and provincial rules, §3.4), MOHRSS skill-level certificates none.
 */
import type { Catalog, ReviewRule } from '../catalog/catalog.model.ts';
import { validityRuleFor } from '../catalog/catalog.rules.ts';
import type { ReviewStatus, Status } from './registry.model.ts';
import { addYears, checkReviewedUntil, isRealDate } from './registry.rules.ts';

export interface ReviewState {
  status: ReviewStatus;
  reviewedUntil: string | null;
}

/** The review rule a certificate falls under: its type's, or the issuing province's override; null if none. */
export function reviewRuleOf(
  catalog: Catalog,
  c: { type: string; issuerRegion: string; validFrom: string },
): ReviewRule | null {
  const type = catalog.certificateTypesById.get(c.type);
  if (!type) return null;
  return validityRuleFor(type, c.issuerRegion, c.validFrom).review;
}

export function reviewState(
  rule: ReviewRule | null,
  reviewedUntil: string | null,
  asOf: string,
): ReviewState {
  if (rule === null) return { status: 'not-required', reviewedUntil: null };
  if (reviewedUntil === null) return { status: 'unknown', reviewedUntil: null };
  return { status: asOf > reviewedUntil ? 'overdue' : 'current', reviewedUntil };
}

export type ReviewCode =
  | 'no-review-rule' // the type (in its issuing province) has no review rule: nothing to record
  | 'date-invalid' // not a real date YYYY-MM-DD
  | 'date-order' // reviewed until before the review itself, or before the certificate's start
  | 'beyond-validity' // reviewed until after the certificate expires: renewal (延期换证) is `renew`
  | 'future-date' // a review dated after today
  | 'outside-validity' // the review took place before the certificate began or after it expired
  | 'beyond-rule' // longer than the rule's interval (the extended one, 令30 第二十一条) from the review
  | 'revoked-is-final' // a revoked certificate cannot change
  | 'invalid-transition'; // a suspended certificate is reinstated before it is reviewed

export type ReviewCheck = { ok: true } | { ok: false; code: ReviewCode; field: string; message: string };

const fail = (code: ReviewCode, field: string, message: string): ReviewCheck => ({
  ok: false,
  code,
  field,
  message,
});

/**
 * POST /certificates/{id}/review: the department records a passed review. The review is dated within the
 * certificate's validity and not in the future; it holds until a date after it, not beyond the certificate's
 * validity, and not beyond the rule's interval (its extended interval for a clean record, 令30 第二十一条) — unless
 * the interval is the province's (MOHURD, reference §3.4), which the catalog does not know.
 */
export function checkReview(
  catalog: Catalog,
  c: { type: string; status: Status; validFrom: string; validUntil: string | null; issuerRegion: string },
  input: { reviewedOn: string; reviewedUntil: string },
  today: string,
): ReviewCheck {
  const rule = reviewRuleOf(catalog, c);
  if (rule === null) return fail('no-review-rule', 'params.id', `${c.type} certificates have no 复审`);
  if (c.status === 'revoked')
    return fail('revoked-is-final', 'params.id', 'a revoked certificate cannot change');
  if (c.status !== 'valid')
    return fail('invalid-transition', 'params.id', `reinstate the ${c.status} certificate before its review`);
  if (!isRealDate(input.reviewedOn))
    return fail('date-invalid', 'body.reviewedOn', 'not a real date YYYY-MM-DD');
  if (input.reviewedOn > today)
    return fail('future-date', 'body.reviewedOn', 'the review is dated after today');
  if (input.reviewedOn < c.validFrom || (c.validUntil !== null && input.reviewedOn > c.validUntil)) {
    return fail(
      'outside-validity',
      'body.reviewedOn',
      'the review is dated outside the certificate’s validity',
    );
  }
  const until = checkReviewedUntil(rule, c.type, c, input.reviewedUntil);
  if (until) return fail(until.code, 'body.reviewedUntil', until.message);
  if (input.reviewedUntil < input.reviewedOn)
    return fail('date-order', 'body.reviewedUntil', 'reviewed until a date before the review');
  if (!rule.variesByProvince) {
    const years = rule.extendedEveryYears ?? rule.everyYears;
    const latest = addYears(input.reviewedOn, years);
    if (input.reviewedUntil > latest) {
      return fail(
        'beyond-rule',
        'body.reviewedUntil',
        `at most ${years} years after the review (${latest}); ${rule.reference}`,
      );
    }
  }
  return { ok: true };
}
