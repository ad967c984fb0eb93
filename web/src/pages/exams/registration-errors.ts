import { ApiError } from '../../api';
import { describeError } from '../../components/error-alert';
import type { Translate } from '../../i18n';
import type { MessageKey } from '../../messages';

const conflicts = new Set(['sitting-full', 'overlapping-sitting', 'already-registered']);
const closed = new Set(['registration-closed', 'plan-not-approved']);
// Why the sitting's institution may not run the evaluation (the institution register's filing check).
const institutionProblems = new Set([
  'institution-suspended',
  'institution-revoked',
  'filing-expired',
  'filing-not-yet-valid',
  'outside-filed-scope',
]);

/**
 * A refused registration in words: 409 carries `sitting-full`, `overlapping-sitting` or `already-registered`;
 * 422 a closed plan or window, an institution that may not run it, or an answer that is not eligible.
 */
export function describeRegistrationError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return describeError(error, t);
  const detail = error.details[0];
  const code = detail?.message ?? '';
  if (error.status === 409 && conflicts.has(code)) return t(`reg.error.${code}` as MessageKey);
  if (error.status === 422) {
    if (closed.has(code)) return t(`reg.error.${code}` as MessageKey);
    if (institutionProblems.has(code)) return t('reg.error.institution');
    // Not eligible: the server's message is the answer's summary sentence.
    if (detail?.path === 'body.declared') return `${t('reg.error.not-eligible')} ${error.message}`;
  }
  return describeError(error, t);
}
