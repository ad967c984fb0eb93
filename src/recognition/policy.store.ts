import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, PolicyVersionsTable } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type PolicyVersionRow = Selectable<PolicyVersionsTable>;

export function findPolicyVersions(db: Db, policyId?: string): Promise<PolicyVersionRow[]> {
  let q = db.selectFrom('policy_versions').selectAll();
  if (policyId) q = q.where('policy_id', '=', policyId);
  return q.orderBy('policy_id').orderBy('version').execute();
}

export function getPolicyVersionRow(db: Db, policyId: string, version: string) {
  return db
    .selectFrom('policy_versions')
    .selectAll()
    .where('policy_id', '=', policyId)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** The published version in force on `asOf`: the latest effective date not after it. */
export function findPublishedInForce(db: Db, policyId: string, asOf: string) {
  return db
    .selectFrom('policy_versions')
    .selectAll()
    .where('policy_id', '=', policyId)
    .where('status', '=', 'published')
    .where('effective_from', '<=', asOf)
    .orderBy('effective_from', 'desc')
    .orderBy('published_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * For each of `policyIds`, the published version in force on `asOf` (one query: the public calculator resolves
 * the national, department and provincial packs of a region on every request).
 */
export async function findPublishedInForceMany(
  db: Db,
  policyIds: readonly string[],
  asOf: string,
): Promise<PolicyVersionRow[]> {
  if (policyIds.length === 0) return [];
  const rows = await db
    .selectFrom('policy_versions')
    .selectAll()
    .where('policy_id', 'in', policyIds)
    .where('status', '=', 'published')
    .where('effective_from', '<=', asOf)
    .orderBy('policy_id')
    .orderBy('effective_from', 'desc')
    .orderBy('published_at', 'desc')
    .execute();
  const latest = new Map<string, PolicyVersionRow>();
  for (const r of rows) if (!latest.has(r.policy_id)) latest.set(r.policy_id, r);
  return [...latest.values()];
}

export function findCosignatures(db: Db, policyId: string, version: string) {
  return db
    .selectFrom('policy_cosignatures')
    .selectAll()
    .where('policy_id', '=', policyId)
    .where('version', '=', version)
    .orderBy('department')
    .execute();
}
