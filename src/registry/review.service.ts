import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import { todayInChina } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { CertificateView, ReviewInput, Status } from './registry.model.ts';
import { assertCanWrite, canRead, getCertificateView, type RegistryDeps } from './registry.service.ts';
import { getCertificateForUpdate, insertHistory } from './registry.store.ts';
import { historySnapshot } from './registry.views.ts';
import { checkReview } from './review.rules.ts';

/**
 * POST /certificates/{id}/review (issue 13 item 5): the certificate's department records a passed 复审 — when it
 * took place and until when it holds. Scope-checked like the other lifecycle actions (out of scope looks like
 * absent), one transaction with its history row (`review`) and audit row (`certificate.review`).
 */
export async function reviewCertificate(
  deps: RegistryDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  input: ReviewInput,
): Promise<CertificateView> {
  const today = todayInChina(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    const row = await getCertificateForUpdate(trx, id);
    if (!row || !canRead(principal, row)) throw new AppError('not_found', 'no such certificate');
    assertCanWrite(principal, row.department, row.issuer_region);
    const checked = checkReview(
      deps.catalog,
      {
        type: row.type,
        status: row.status as Status,
        validFrom: row.valid_from,
        validUntil: row.valid_until,
        issuerRegion: row.issuer_region,
      },
      input,
      today,
    );
    if (!checked.ok) {
      const code = ['invalid-transition', 'revoked-is-final'].includes(checked.code)
        ? 'invalid_transition'
        : 'rule_violation';
      throw new AppError(code, checked.message, [
        { path: checked.field, message: `${checked.code}: ${checked.message}` },
      ]);
    }
    const before = historySnapshot(row);
    const updated = await trx
      .updateTable('certificates')
      .set({
        reviewed_on: input.reviewedOn,
        reviewed_until: input.reviewedUntil,
        updated_at: ctx.at,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = historySnapshot(updated);
    const reason = input.reason ?? null;
    await insertHistory(trx, { certificateId: id, ...ctx, action: 'review', reason, before, after });
    await appendAudit(trx, ctx, {
      action: 'certificate.review',
      targetType: 'certificate',
      targetId: id,
      before,
      after: { ...after, reason },
    });
  });
  const { history: _history, ...view } = await getCertificateView(deps, principal, id);
  return view;
}
