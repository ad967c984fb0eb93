import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type ChainProblem, checkChainLink, type StoredAuditEntry } from './audit.model.ts';
import { findAuditPage, toStoredEntry } from './audit.store.ts';

export interface AuditVerification {
  ok: boolean;
  checked: number;
  headHash: string | null;
  problem?: ChainProblem;
}

/** Walks the whole log in position order, a page at a time, and stops at the first broken link. */
export async function verifyAuditLog(db: Kysely<Database>, pageSize = 5000): Promise<AuditVerification> {
  let previous: StoredAuditEntry | null = null;
  let checked = 0;
  for (;;) {
    const page = await findAuditPage(db, {
      ...(previous && { afterPosition: previous.position }),
      limit: pageSize,
      order: 'asc',
    });
    for (const row of page) {
      const entry = toStoredEntry(row);
      const problem = checkChainLink(previous, entry);
      if (problem) return { ok: false, checked, headHash: previous?.hash ?? null, problem };
      previous = entry;
      checked += 1;
    }
    if (page.length < pageSize) return { ok: true, checked, headHash: previous?.hash ?? null };
  }
}
