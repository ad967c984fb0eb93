import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/audit.model.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { createPolicyResolver, PolicyDeps } from './policy.service.ts';
import { evaluate } from './recognition.engine.ts';
import type { EvaluationResponse, Experience, HeldCertificate } from './recognition.model.ts';

export interface DecisionFacts {
  certificates: HeldCertificate[];
  experience?: Experience[];
}

export function hashFacts(facts: DecisionFacts): string {
  return createHash('sha256').update(canonicalJson(facts)).digest('hex');
}

/**
 * A decision shown to a holder is kept with the policy versions and the facts it was made from (issue 4 §4), so
 * that replaying it later gives the same answer whatever was published since.
 */
export async function storeDecision(
  deps: PolicyDeps,
  d: {
    holderId: string | null;
    region: string | null;
    asOf: string;
    nationalVersion: string;
    provinceVersion: string | null;
    facts: DecisionFacts;
    result: EvaluationResponse;
  },
): Promise<string> {
  const id = newId();
  await deps.db
    .insertInto('recognition_decisions')
    .values({
      id,
      holder_id: d.holderId,
      region: d.region,
      as_of: d.asOf,
      national_version: d.nationalVersion,
      province_version: d.provinceVersion,
      facts: JSON.stringify(d.facts),
      facts_hash: hashFacts(d.facts),
      result: JSON.stringify(d.result),
      created_at: deps.clock.now(),
    })
    .execute();
  return id;
}

export async function replayDecision(
  deps: PolicyDeps,
  resolve: ReturnType<typeof createPolicyResolver>,
  id: string,
) {
  const row = await deps.db
    .selectFrom('recognition_decisions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'no such decision');
  const facts = row.facts as DecisionFacts;
  if (hashFacts(facts) !== row.facts_hash)
    throw new AppError('conflict', 'the stored facts do not match their hash');
  if (row.national_version !== deps.policies.national.version) {
    throw new AppError('conflict', `the national pack ${row.national_version} is no longer loaded`);
  }
  const policy = await resolve(row.region, row.as_of, { provinceVersion: row.province_version });
  const replayed = evaluate(policy.compiled, facts.certificates, row.as_of, row.region, {
    ...(facts.experience && { experience: facts.experience }),
  });
  return {
    decisionId: id,
    holderId: row.holder_id,
    asOf: row.as_of,
    policy: { national: row.national_version, province: row.province_version },
    identical: canonicalJson(replayed) === canonicalJson(row.result),
    original: row.result as EvaluationResponse,
    replayed,
  };
}
