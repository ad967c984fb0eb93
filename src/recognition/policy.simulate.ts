import { type Kysely, sql } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import type { Database } from '../db/schema.ts';
import { todayInChina } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { recognitionKeys } from './policy.rules.ts';
import {
  assertProvinceAdmin,
  createPolicyResolver,
  getPolicyVersion,
  type PolicyDeps,
  resolveWith,
} from './policy.service.ts';
import type { CompiledPolicy } from './recognition.compile.ts';
import { evaluate } from './recognition.engine.ts';
import type { HeldCertificate, ProvincialPack } from './recognition.model.ts';

const BATCH = 2000;

const certificateColumnsRead = [
  'holder_id',
  'type',
  'number_masked',
  'valid_from',
  'valid_until',
  'reviewed_until',
  'status',
  'occupation',
  'level',
  'issuer_region',
] as const;

/**
 * The whole registry, holder by holder, in keyset batches: each batch of holders with their certificates. Bounded
 * memory whatever the registry's size; the simulation and its benchmark anchor both read through it.
 */
export async function* holderBatches(db: Kysely<Database>, size = BATCH) {
  let after: string | undefined;
  for (;;) {
    let q = db.selectFrom('holders').select(['id', 'name']).orderBy('id').limit(size);
    if (after) q = q.where('id', '>', after);
    const batch = await q.execute();
    if (batch.length === 0) return;
    after = batch.at(-1)?.id;
    const rows = await db
      .selectFrom('certificates')
      .select(certificateColumnsRead)
      .where(
        'holder_id',
        'in',
        batch.map((h) => h.id),
      )
      .execute();
    const byHolder = new Map<string, typeof rows>();
    for (const r of rows) byHolder.set(r.holder_id, [...(byHolder.get(r.holder_id) ?? []), r]);
    yield { batch, byHolder };
  }
}

export interface SimulationResult {
  asOf: string;
  region: string;
  against: string | null;
  holders: number;
  changed: number;
  gained: Array<{ kind: 'level' | 'exemption'; key: string; count: number }>;
  lost: Array<{ kind: 'level' | 'exemption'; key: string; count: number }>;
  byProvince: Array<{ region: string; gained: number; lost: number }>;
  byType: Array<{ type: string; gained: number; lost: number }>;
  sample: Array<{ holderId: string; name: string; gained: string[]; lost: string[] }>;
}

function bump(map: Map<string, number>, key: string, n = 1) {
  map.set(key, (map.get(key) ?? 0) + n);
}

/**
 * What the engine looks at in one certificate when only the recognitions matter (`recognitionKeys`): its type, its
 * validity on the day, and a skill-level certificate's occupation and level. Numbers and exact dates change the
 * answer's wording (basis, since, 申报条件), never which levels or exemptions it grants.
 */
export type Facts = readonly [
  type: string,
  validity: string,
  occupation: string | null,
  level: string | null,
];

/** A group of holders whose certificates show the same facts (a multiset, sorted) and the same issuing provinces. */
export interface HolderGroup {
  facts: readonly Facts[];
  regions: readonly string[];
  holders: number;
  /** The group's first holder (by id), for the sample. */
  first: string;
}

/**
 * The registry as groups (issue 16 §5): far fewer combinations of facts than holders, so each is evaluated once and
 * counted. Validity is computed in SQL with the engine's own rule (`validityOf`: status first, then the dates,
 * inclusive at both ends, then 复审), so a group's representative evaluates exactly as each of its holders would.
 */
export async function holderGroups(
  db: Kysely<Database>,
  asOf: string,
  backend?: (pid: number) => void,
): Promise<HolderGroup[]> {
  // The planner walks the holder index to get certificates in holder order: random reads across the whole table
  // (146 s at 10 million certificates). A parallel sequential scan sorted in memory reads it once: 15.6 s → 6.0 s
  // at a million holders (EXPLAIN ANALYZE, docs/PERFORMANCE.md). Both settings last only for this transaction.
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_indexscan = off`.execute(trx);
    await sql`set local work_mem = '256MB'`.execute(trx);
    if (backend) {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
      if (rows[0]) backend(rows[0].pid);
    }
    return groupsOf(trx, asOf);
  });
}

async function groupsOf(db: Kysely<Database>, asOf: string): Promise<HolderGroup[]> {
  // Each holder's certificates as one unordered array of [type, validity, occupation, level, region]: an ordered
  // `jsonb_agg(… order by …)` plus `array_agg(distinct …)` sorted every holder's few rows on their own, a million
  // sorts per million holders in one backend (5.5 s of the 6.1 s at a million holders; this form 3.0–3.2 s, see
  // docs/PERFORMANCE.md, 2026-12-08, sixth session). The same holder may arrive in another order: `canonicalGroups` merges those.
  const result = await sql<GroupRow>`
    select facts, count(*)::int as holders, min(holder_id::text) as first
    from (
      select holder_id, array_agg(array[type,
        case when status <> 'valid' then status
          when ${asOf}::date < valid_from then 'not-yet-valid'
          when valid_until is not null and ${asOf}::date > valid_until then 'expired'
          when reviewed_until is not null and ${asOf}::date > reviewed_until then 'review-overdue'
          else 'valid' end,
        occupation, level, issuer_region]) as facts
      from certificates group by holder_id
    ) per_holder
    group by facts`.execute(db);
  return canonicalGroups(result.rows);
}

/** One row of the grouping query: holders whose certificates came out as the same list, in the same order. */
export interface GroupRow {
  facts: ReadonlyArray<readonly [string, string, string | null, string | null, string]>;
  holders: number;
  first: string;
}

const compareFacts = (a: readonly (string | null)[], b: readonly (string | null)[]) => {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
    if (a[i] !== b[i]) return a[i] === null ? -1 : 1;
  }
  return 0;
};

/**
 * The grouping query's rows as groups: each holder's facts sorted (a multiset) and their provinces as a sorted set,
 * rows that differ only in order merged: counts added, the smallest first holder kept. Pure, so tested alone.
 */
export function canonicalGroups(rows: readonly GroupRow[]): HolderGroup[] {
  const groups = new Map<string, HolderGroup>();
  for (const row of rows) {
    const facts = row.facts
      .map(([type, validity, occupation, level]) => [type, validity, occupation, level] as const)
      .sort(compareFacts);
    const regions = [...new Set(row.facts.map((f) => f[4]))].sort();
    const key = JSON.stringify([facts, regions]);
    const group = groups.get(key);
    if (!group) groups.set(key, { facts, regions, holders: row.holders, first: row.first });
    else {
      group.holders += row.holders;
      if (row.first < group.first) group.first = row.first;
    }
  }
  return [...groups.values()];
}

const fromDates = new Set(['valid', 'not-yet-valid', 'expired', 'review-overdue']);

/** The recognitions one set of facts gains and loses between two compiled policies. */
export function impactOf(
  current: CompiledPolicy,
  proposed: CompiledPolicy,
  facts: readonly Facts[],
  asOf: string,
  region: string,
): { plus: string[]; minus: string[] } {
  // The dates are chosen to give each certificate its validity; `evaluate` then reads nothing else of them.
  const held: HeldCertificate[] = facts.map(([type, validity, occupation, level], i) => ({
    type,
    number: `#${i}`,
    validFrom: validity === 'not-yet-valid' ? '9999-12-31' : '0001-01-01',
    validUntil: validity === 'expired' ? '0001-01-01' : null,
    // A validity the dates give comes with status valid; any other is the status itself (revoked, suspended…).
    status: (fromDates.has(validity) ? 'valid' : validity) as HeldCertificate['status'],
    ...(validity === 'review-overdue' && { reviewedUntil: '0001-01-01' }),
    ...(occupation !== null && { occupation }),
    ...(level !== null && { level: level as HeldCertificate['level'] }),
  }));
  const before = recognitionKeys(evaluate(current, held, asOf, region));
  const next = recognitionKeys(evaluate(proposed, held, asOf, region));
  return {
    plus: [...next].filter((k) => !before.has(k)),
    minus: [...before].filter((k) => !next.has(k)),
  };
}

export type Impact = Omit<SimulationResult, 'asOf' | 'region' | 'against' | 'sample'> & {
  /** Groups that changed, with their first holder: the sample is drawn from them. */
  changedGroups: Array<{ first: string; plus: string[]; minus: string[] }>;
};

/** Counts a simulation from its groups: pure, so the grouped and the per-holder evaluation can be compared. */
export function aggregateImpact(
  groups: readonly HolderGroup[],
  totalHolders: number,
  impact: (facts: readonly Facts[]) => { plus: string[]; minus: string[] },
): Impact {
  const gained = new Map<string, number>();
  const lost = new Map<string, number>();
  const byProvince = new Map<string, { gained: number; lost: number }>();
  const byType = new Map<string, { gained: number; lost: number }>();
  const changedGroups: Impact['changedGroups'] = [];
  const memo = new Map<string, { plus: string[]; minus: string[] }>();
  let changed = 0;
  for (const g of groups) {
    const key = JSON.stringify(g.facts);
    let d = memo.get(key);
    if (!d) {
      d = impact(g.facts);
      memo.set(key, d);
    }
    const { plus, minus } = d;
    if (plus.length === 0 && minus.length === 0) continue;
    changed += g.holders;
    for (const k of plus) bump(gained, k, g.holders);
    for (const k of minus) bump(lost, k, g.holders);
    // Each holder counts once per issuing province and once per certificate type they hold.
    for (const region of g.regions) {
      const p = byProvince.get(region) ?? { gained: 0, lost: 0 };
      p.gained += plus.length * g.holders;
      p.lost += minus.length * g.holders;
      byProvince.set(region, p);
    }
    for (const type of new Set(g.facts.map((f) => f[0]))) {
      const t = byType.get(type) ?? { gained: 0, lost: 0 };
      t.gained += plus.length * g.holders;
      t.lost += minus.length * g.holders;
      byType.set(type, t);
    }
    changedGroups.push({ first: g.first, plus, minus });
  }
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([key, count]) => ({ kind: key.split(':')[0] as 'level' | 'exemption', key, count }));
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return {
    holders: totalHolders,
    changed,
    gained: list(gained),
    lost: list(lost),
    byProvince: sorted(byProvince).map(([r, v]) => ({ region: r, ...v })),
    byType: sorted(byType).map(([type, v]) => ({ type, ...v })),
    changedGroups,
  };
}

/**
 * The impact of a draft (issue 4 §3): every holder of the registry evaluated, as applying in the draft's province,
 * under the version in force and under the draft; who gains or loses which recognition, by the issuing province
 * and type of their certificates. Holders are grouped in SQL by the facts the engine reads (issue 16 §5), so the
 * engine runs once per distinct combination, not once per holder, and memory grows with the combinations only.
 */
export async function simulateDraft(
  deps: PolicyDeps,
  principal: Principal,
  region: string,
  version: string,
  asOfInput?: string,
  hooks: SimulationHooks = {},
): Promise<SimulationResult> {
  assertProvinceAdmin(principal, region);
  return runSimulation(deps, region, version, asOfInput ?? todayInChina(deps.clock), hooks);
}

/** What a simulation run as a job reports (issue 16 §2): each phase as it starts; the grouping query's session. */
export interface SimulationHooks {
  phase?(phase: 'grouping' | 'evaluating', total: number): Promise<void>;
  /** The PostgreSQL backend running the grouping query, so a cancel can stop the query itself. */
  backend?(pid: number): void;
}

/** The simulation without the caller's check: the job runs it for the admin who asked (checked when asked). */
export async function runSimulation(
  deps: PolicyDeps,
  region: string,
  version: string,
  asOf: string,
  hooks: SimulationHooks = {},
): Promise<SimulationResult> {
  const draft = await getPolicyVersion(deps, region, version);
  if (draft.status !== 'draft') throw new AppError('conflict', `${version} is not a draft`);
  const current = await createPolicyResolver(deps)(region, asOf);
  // The departments' packs in force stay as they are: only the province's draft changes.
  const proposed = await resolveWith(deps, new Map(), draft.pack as ProvincialPack, asOf, {
    departments: current.departments,
  });
  await hooks.phase?.('grouping', 0);
  const groups = await holderGroups(deps.db, asOf, hooks.backend);
  await hooks.phase?.('evaluating', groups.length);
  const total = await deps.db
    .selectFrom('holders')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const { changedGroups, ...impact } = aggregateImpact(groups, Number(total.n), (facts) =>
    impactOf(current.compiled, proposed.compiled, facts, asOf, region),
  );
  // One holder per changed combination, the first 20 by id: the sample shows the kinds of change, not one kind 20 times.
  const picked = changedGroups.sort((a, b) => (a.first < b.first ? -1 : 1)).slice(0, 20);
  const names = new Map(
    picked.length === 0
      ? []
      : (
          await deps.db
            .selectFrom('holders')
            .select(['id', 'name'])
            .where(
              'id',
              'in',
              picked.map((p) => p.first),
            )
            .execute()
        ).map((h) => [h.id, h.name]),
  );
  return {
    asOf,
    region,
    against: current.provinceVersion,
    ...impact,
    sample: picked.map((p) => ({
      holderId: p.first,
      name: names.get(p.first) ?? '',
      gained: p.plus,
      lost: p.minus,
    })),
  };
}
