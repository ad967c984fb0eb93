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
