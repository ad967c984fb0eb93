import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { canonicalJson } from '../audit/audit.model.ts';
import type { Catalog } from '../catalog/catalog.model.ts';
import type { Database, RecognitionDecisionsTable } from '../db/schema.ts';
import { maskNumber } from '../registry/registry.protect.ts';
import { type CertificateWithHolder, selectCertificates } from '../registry/registry.store.ts';
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
    /** Department packs in force (id → version): a replay uses exactly these. */
    departmentVersions?: Record<string, string>;
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
      department_versions: d.departmentVersions ? JSON.stringify(d.departmentVersions) : null,
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
  const policy = await resolve(row.region, row.as_of, {
    provinceVersion: row.province_version,
    departmentVersions: row.department_versions as Record<string, string> | null,
  });
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

export type DecisionRow = Selectable<RecognitionDecisionsTable>;

export function getDecisionRow(db: Kysely<Database>, id: string): Promise<DecisionRow | undefined> {
  return db.selectFrom('recognition_decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A certificate a decision rests on, found again in the registry. */
export interface BasisCertificate {
  /** The number as the decision states it (masked for a holder's own decision). */
  number: string;
  row: CertificateWithHolder;
}

/**
 * The registry certificates behind the numbers a decision cites: the holder's certificate of the same type whose
 * number, or masked number, is the one stated (a holder's decision carries masked numbers, an issuing department's
 * the full ones). A number found in no certificate of the holder is left out; the caller decides what that means.
 */
export async function findBasisCertificates(
  db: Kysely<Database>,
  row: DecisionRow,
): Promise<Map<string, BasisCertificate>> {
  const found = new Map<string, BasisCertificate>();
  if (!row.holder_id) return found;
  const facts = row.facts as DecisionFacts;
  const certificates = await selectCertificates(db).where('c.holder_id', '=', row.holder_id).execute();
  for (const held of facts.certificates) {
    const match = certificates.find(
      (c) =>
        c.type === held.type &&
        (c.number === held.number ||
          c.number_masked === held.number ||
          c.number_masked === maskNumber(held.number)),
    );
    if (match) found.set(held.number, { number: held.number, row: match });
  }
  return found;
}

/** The department a certificate type belongs to, from the catalog (the prefix of its id when not catalogued). */
export function departmentOfType(catalog: Catalog, type: string): string {
  return catalog.certificateTypesById.get(type)?.department ?? type.split('.')[0] ?? type;
}

/**
 * The departments a decision asks to act, each with the rules of its exemptions: the department of every granted
 * exemption's target type (通知 一: the exemption is applied by the department that issues the target).
 */
export function targetDepartments(catalog: Catalog, result: EvaluationResponse): Map<string, string[]> {
  const targets = new Map<string, string[]>();
  for (const e of result.exemptions) {
    if (e.exempt.length === 0) continue;
    const department = departmentOfType(catalog, e.target);
    const rules = targets.get(department) ?? [];
    if (!rules.includes(e.rule)) rules.push(e.rule);
    targets.set(department, rules);
  }
  return targets;
}
