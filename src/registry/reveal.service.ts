import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { SharedCounters } from '../limits/limits.model.ts';
import { createIdentifierLimiter } from '../query/query.limiter.ts';
import { AppError } from '../shared/errors.ts';
import type { RegistryDeps } from './registry.service.ts';
import { getHolder, selectCertificates } from './registry.store.ts';
import { mayRevealIdentity } from './registry.views.ts';

/** Reveals per user per hour (issue 15 §3): enough for casework, too few to page through the registry. */
export const REVEALS_PER_HOUR = 20;

export type RevealLimiter = ReturnType<typeof createIdentifierLimiter>;

export function createRevealLimiter(counters?: SharedCounters, max = REVEALS_PER_HOUR): RevealLimiter {
  return createIdentifierLimiter(max, 3600_000, counters, 'reveal:');
}

/** The user a reveal is counted against: their account, or the token's name for the admin token. */
function limitKeyOf(principal: Principal): string {
  return principal.userId ?? `${principal.via}:${principal.username}`;
}

/**
 * One holder's full ID number, on purpose (issue 15 §3): counted against the caller's hourly limit first (a
 * refused or out-of-scope attempt counts too, so the limit cannot be used to probe), then checked against scope —
 * a holder the caller may not reveal answers 404 like an absent one — then audited with the reason, never the
 * number, in the same transaction that reads it.
 */
export async function revealHolderIdentity(
  deps: RegistryDeps,
  limiter: RevealLimiter,
  ctx: AuditContext,
  principal: Principal,
  holderId: string,
  reason: string,
): Promise<{ holderId: string; idType: string; idNumber: string }> {
  const wait = await limiter.hit(limitKeyOf(principal), deps.clock.now().getTime());
  if (wait !== null) {
    throw new AppError('too_many_requests', 'too many ID numbers revealed; try again later', undefined, {
      'retry-after': String(wait),
    });
  }
  return deps.db.transaction().execute(async (trx) => {
    const holder = await getHolder(trx, holderId);
    const issuers = holder ? await selectCertificates(trx).where('c.holder_id', '=', holderId).execute() : [];
    const allowed =
      principal.role === 'system-admin' ||
      issuers.some((c) => mayRevealIdentity(principal, c.department, c.issuer_region));
    if (!holder || !allowed) throw new AppError('not_found', 'no such holder');
    await appendAudit(trx, ctx, {
      action: 'holder.reveal-id',
      targetType: 'holder',
      targetId: holder.id,
      after: { reason, idType: holder.id_type, idNumber: holder.id_masked },
    });
    return {
      holderId: holder.id,
      idType: holder.id_type,
      idNumber: deps.keyring.protector().decrypt(holder.id_cipher),
    };
  });
}
