import type { Principal } from '../src/accounts/accounts.model.ts';
import type { AuditContext } from '../src/audit/audit.store.ts';
import { createDraft, updateDraft } from '../src/recognition/policy.service.ts';

type DraftDeps = Parameters<typeof createDraft>[0];

export const benchAdmin: Principal = {
  via: 'session',
  userId: null,
  username: 'bench',
  role: 'system-admin',
  department: null,
  province: null,
  institution: null,
  holderId: null,
};

/**
 * The simulation benches' provincial draft (Shanghai): denies one national exemption and adds one 对应目录 row, so a
 * simulation has answers that change. Returns the draft's version.
 */
export async function createBenchDraft(deps: DraftDeps, ctx: AuditContext): Promise<string> {
  const draft = await createDraft(deps, ctx, benchAdmin, '310000');
  await updateDraft(deps, ctx, benchAdmin, '310000', draft.version, {
    overrides: [
      {
        id: 'bench.deny.lv-to-mohurd',
        rule: 'nat.exempt.mem-lv-to-mohurd-electrician',
        action: 'deny',
        basis: 'bench',
        effectiveFrom: '2026-11-29',
        effectiveUntil: null,
      },
    ],
    correspondence: [
      {
        id: 'bench.row.explosion-proof',
        from: ['mem.explosion-proof-electrician'],
        occupation: '6-31-01-03',
        deemedLevel: '5',
        mayApplyFor: '4',
        basis: 'bench',
        effectiveFrom: '2026-11-29',
      },
    ],
    oneExamMultiCert: [],
  });
  return draft.version;
}
