import type { Kysely } from 'kysely';
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
 * The impact of a draft (issue 4 §3): every holder of the registry evaluated, as applying in the draft's province,
 * under the version in force and under the draft; who gains or loses which recognition, by the issuing province
 * and type of their certificates. Holders stream in keyset batches through the compiled engine, so memory stays
 * bounded whatever the registry's size.
 */
export async function simulateDraft(
  deps: PolicyDeps,
  principal: Principal,
  region: string,
  version: string,
  asOfInput?: string,
): Promise<SimulationResult> {
  assertProvinceAdmin(principal, region);
  const draft = await getPolicyVersion(deps, region, version);
  if (draft.status !== 'draft') throw new AppError('conflict', `${version} is not a draft`);
  const asOf = asOfInput ?? todayInChina(deps.clock);
  const current = await createPolicyResolver(deps)(region, asOf);
  // The departments' packs in force stay as they are: only the province's draft changes.
  const proposed = await resolveWith(deps, new Map(), draft.pack as ProvincialPack, asOf, {
    departments: current.departments,
  });

  const gained = new Map<string, number>();
  const lost = new Map<string, number>();
  const byProvince = new Map<string, { gained: number; lost: number }>();
  const byType = new Map<string, { gained: number; lost: number }>();
  const sample: SimulationResult['sample'] = [];
  let holders = 0;
  let changed = 0;
  for await (const { batch, byHolder } of holderBatches(deps.db)) {
    for (const holder of batch) {
      const certs = byHolder.get(holder.id) ?? [];
      holders += 1;
      if (certs.length === 0) continue;
      const held: HeldCertificate[] = certs.map((c, i) => ({
        type: c.type,
        number: `${c.number_masked}#${i}`,
        validFrom: c.valid_from,
        validUntil: c.valid_until,
        status: c.status as HeldCertificate['status'],
        ...(c.reviewed_until && { reviewedUntil: c.reviewed_until }),
        ...(c.occupation && { occupation: c.occupation }),
        ...(c.level && { level: c.level as HeldCertificate['level'] }),
      }));
      const before = recognitionKeys(evaluate(current.compiled, held, asOf, region));
      const next = recognitionKeys(evaluate(proposed.compiled, held, asOf, region));
      const plus = [...next].filter((k) => !before.has(k));
      const minus = [...before].filter((k) => !next.has(k));
      if (plus.length === 0 && minus.length === 0) continue;
      changed += 1;
      for (const k of plus) bump(gained, k);
      for (const k of minus) bump(lost, k);
      // Each holder counts once per issuing province and once per certificate type they hold.
      for (const region of new Set(certs.map((c) => c.issuer_region))) {
        const p = byProvince.get(region) ?? { gained: 0, lost: 0 };
        p.gained += plus.length;
        p.lost += minus.length;
        byProvince.set(region, p);
      }
      for (const type of new Set(certs.map((c) => c.type))) {
        const t = byType.get(type) ?? { gained: 0, lost: 0 };
        t.gained += plus.length;
        t.lost += minus.length;
        byType.set(type, t);
      }
      if (sample.length < 20)
        sample.push({ holderId: holder.id, name: holder.name, gained: plus, lost: minus });
    }
  }
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([key, count]) => ({ kind: key.split(':')[0] as 'level' | 'exemption', key, count }));
  return {
    asOf,
    region,
    against: current.provinceVersion,
    holders,
    changed,
    gained: list(gained),
    lost: list(lost),
    byProvince: [...byProvince.entries()].map(([r, v]) => ({ region: r, ...v })),
    byType: [...byType.entries()].map(([type, v]) => ({ type, ...v })),
    sample,
  };
}
