import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/database.ts';
import { createTestDatabase } from '../testing/database.ts';
import { recognitionKeys } from './policy.rules.ts';
import {
  aggregateImpact,
  canonicalGroups,
  holderBatches,
  holderGroups,
  type Impact,
  impactOf,
} from './policy.simulate.ts';
import type { CompiledPolicy } from './recognition.compile.ts';
import { evaluate } from './recognition.engine.ts';
import { asOf, compileNational, welderIssuedIn } from './recognition.fixtures.ts';
import type { HeldCertificate } from './recognition.model.ts';

/**
 * Issue 16 §5: the simulation groups holders by the facts the engine reads and evaluates each group once. These
 * tests hold it to the per-holder evaluation it replaced, on generated registries: every count must be identical.
 * Two policies that differ where it shows: 上海 issues 建筑焊工 in one and not in the other.
 */
const region = '310000';
const current: CompiledPolicy = compileNational(asOf, { region, designations: welderIssuedIn('310000') });
const proposed: CompiledPolicy = compileNational(asOf, {
  region,
  designations: [{ type: 'mohurd.welder', region: '310000', status: 'not-issued' }],
});

const types = [
  'mem.lv-electrician',
  'mem.hv-electrician',
  'mem.fusion-welding',
  'mohurd.electrician',
  'mohurd.welder',
  'samr.metal-welding',
  'mohrss.skill-level',
];
const dates = fc.constantFrom(
  { validFrom: '2024-03-01', validUntil: '2030-02-28', reviewedUntil: null },
  { validFrom: asOf, validUntil: asOf, reviewedUntil: null },
  { validFrom: '2020-01-01', validUntil: null, reviewedUntil: null },
  { validFrom: '2021-06-01', validUntil: '2027-05-31', reviewedUntil: asOf },
  { validFrom: '2020-01-01', validUntil: '2026-11-28', reviewedUntil: null },
  { validFrom: '2026-11-30', validUntil: '2032-01-01', reviewedUntil: null },
  { validFrom: '2021-06-01', validUntil: '2027-05-31', reviewedUntil: '2026-11-28' },
);
const certificate = fc
  .record({
    type: fc.constantFrom(...types),
    dates,
    status: fc.constantFrom('valid', 'valid', 'valid', 'suspended', 'revoked'),
    occupation: fc.constantFrom('6-31-01-03', '6-18-02-04'),
    level: fc.constantFrom('5', '4', '3'),
    issuerRegion: fc.constantFrom('310000', '320000', '440600'),
  })
  .map(({ dates: d, ...c }) => ({ ...c, ...d }));
type Generated = fc.Arbitrary<typeof certificate extends fc.Arbitrary<infer T> ? T : never>;
const registry = fc.array(fc.array(certificate as Generated, { maxLength: 5 }), {
  minLength: 1,
  maxLength: 60,
});

function held(
  c: {
    type: string;
    validFrom: string;
    validUntil: string | null;
    reviewedUntil: string | null;
    status: string;
    occupation: string;
    level: string;
  },
  i: number,
): HeldCertificate {
  const skill = c.type === 'mohrss.skill-level';
  return {
    type: c.type,
    number: `N${i}`,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    status: c.status as HeldCertificate['status'],
    ...(c.reviewedUntil && { reviewedUntil: c.reviewedUntil }),
    ...(skill && { occupation: c.occupation, level: c.level as HeldCertificate['level'] }),
  };
}

/** The per-holder simulation as it was before grouping: every holder evaluated with its own certificates. */
async function perHolder(db: DatabaseHandle['db']): Promise<Omit<Impact, 'changedGroups'>> {
  const bump = (m: Map<string, number>, k: string, n = 1) => m.set(k, (m.get(k) ?? 0) + n);
  const gained = new Map<string, number>();
  const lost = new Map<string, number>();
  const byProvince = new Map<string, { gained: number; lost: number }>();
  const byType = new Map<string, { gained: number; lost: number }>();
  let holders = 0;
  let changed = 0;
  for await (const { batch, byHolder } of holderBatches(db, 7)) {
    for (const h of batch) {
      holders += 1;
      const certs = byHolder.get(h.id) ?? [];
      const list = certs.map((c, i) =>
        held(
          {
            type: c.type,
            validFrom: c.valid_from,
            validUntil: c.valid_until,
            reviewedUntil: c.reviewed_until,
            status: c.status,
            occupation: c.occupation ?? '',
            level: c.level ?? '',
          },
          i,
        ),
      );
      const before = recognitionKeys(evaluate(current, list, asOf, region));
      const next = recognitionKeys(evaluate(proposed, list, asOf, region));
      const plus = [...next].filter((k) => !before.has(k));
      const minus = [...before].filter((k) => !next.has(k));
      if (plus.length + minus.length === 0) continue;
      changed += 1;
      for (const k of plus) bump(gained, k);
      for (const k of minus) bump(lost, k);
      for (const r of new Set(certs.map((c) => c.issuer_region))) {
        const p = byProvince.get(r) ?? { gained: 0, lost: 0 };
        p.gained += plus.length;
        p.lost += minus.length;
        byProvince.set(r, p);
      }
      for (const t of new Set(certs.map((c) => c.type))) {
        const p = byType.get(t) ?? { gained: 0, lost: 0 };
        p.gained += plus.length;
        p.lost += minus.length;
        byType.set(t, p);
      }
    }
  }
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([key, count]) => ({ kind: key.split(':')[0] as 'level' | 'exemption', key, count }));
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return {
    holders,
    changed,
    gained: list(gained),
    lost: list(lost),
    byProvince: sorted(byProvince).map(([r, v]) => ({ region: r, ...v })),
    byType: sorted(byType).map(([type, v]) => ({ type, ...v })),
  };
}

let handle: DatabaseHandle;
before(async () => {
  handle = await createTestDatabase();
});
after(async () => {
  await handle?.close();
});

async function load(holders: Array<Array<Parameters<typeof held>[0] & { issuerRegion: string }>>) {
  const db = handle.db;
  await sql`delete from certificate_history`.execute(db);
  await sql`delete from certificate_rows`.execute(db);
  await sql`delete from holders`.execute(db);
  const ids = holders.map((_, h) => `00000000-0000-4000-8000-${String(h).padStart(12, '0')}`);
  await sql`insert into holders (id, id_type, id_index, id_cipher, id_masked, name, created_at, updated_at)
    select id::uuid, 'resident', 'i' || id, 'k.x', '3101**********000X', '持证人', now(), now()
    from unnest(${ids}::text[]) as id`.execute(db);
  const rows = holders.flatMap((certs, h) =>
    certs.map((c) => {
      const skill = c.type === 'mohrss.skill-level';
      return sql`(${ids[h]}::uuid, ${c.type}, ${c.validFrom}::date, ${c.validUntil}::date,
        ${c.reviewedUntil}::date, ${c.status}, ${c.issuerRegion}, ${skill ? c.occupation : null},
        ${skill ? c.level : null})`;
    }),
  );
  if (rows.length === 0) return;
  await sql`insert into certificates (id, type, department, number, number_index, number_cipher, number_masked,
      holder_id, valid_from, valid_until, reviewed_until, status, issuer_region, issuer_org, occupation, level,
      created_at, updated_at)
    select gen_random_uuid(), v.type, split_part(v.type, '.', 1), null, gen_random_uuid()::text, null, 'N',
      v.holder, v.valid_from, v.valid_until, v.reviewed_until, v.status, v.region, '发证机关', v.occupation,
      v.level, now(), now()
    from (values ${sql.join(rows)}) as v(holder, type, valid_from, valid_until, reviewed_until, status, region,
      occupation, level)`.execute(db);
}

describe('grouped simulation (issue 16 §5)', () => {
  it('merges rows that list the same certificates in another order, with the smallest first holder', () => {
    const a = ['mem.lv-electrician', 'valid', null, null, '310000'] as const;
    const b = ['mohrss.skill-level', 'expired', '6-29-01-01', '四级', '320000'] as const;
    const c = ['mem.lv-electrician', 'valid', null, null, '320000'] as const;
    const groups = canonicalGroups([
      { facts: [a, b], holders: 3, first: 'b' },
      { facts: [b, a], holders: 2, first: 'a' },
      { facts: [c, b], holders: 5, first: 'c' },
      { facts: [a, a], holders: 1, first: 'd' },
    ]);
    assert.deepEqual(groups, [
      {
        facts: [a.slice(0, 4), b.slice(0, 4)],
        regions: ['310000', '320000'],
        holders: 5,
        first: 'a',
      },
      // The same facts from other provinces: another group, as byProvince counts them apart.
      { facts: [c.slice(0, 4), b.slice(0, 4)], regions: ['320000'], holders: 5, first: 'c' },
      { facts: [a.slice(0, 4), a.slice(0, 4)], regions: ['310000'], holders: 1, first: 'd' },
    ]);
  });

  it('impactOf a group equals the evaluation of any holder with those facts', () => {
    fc.assert(
      fc.property(fc.array(certificate as Generated, { maxLength: 6 }), (certs) => {
        const list = certs.map(held);
        const validity = (c: HeldCertificate) =>
          c.status !== 'valid'
            ? c.status
            : asOf < c.validFrom
              ? 'not-yet-valid'
              : c.validUntil != null && asOf > c.validUntil
                ? 'expired'
                : c.reviewedUntil != null && asOf > c.reviewedUntil
                  ? 'review-overdue'
                  : 'valid';
        const facts = list.map(
          (c) => [c.type, validity(c) as string, c.occupation ?? null, c.level ?? null] as const,
        );
        const before = recognitionKeys(evaluate(current, list, asOf, region));
        const next = recognitionKeys(evaluate(proposed, list, asOf, region));
        const got = impactOf(current, proposed, facts, asOf, region);
        assert.deepEqual(new Set(got.plus), new Set([...next].filter((k) => !before.has(k))));
        assert.deepEqual(new Set(got.minus), new Set([...before].filter((k) => !next.has(k))));
      }),
      { numRuns: 300 },
    );
  });

  it('counts exactly what the per-holder evaluation counts, on generated registries', async () => {
    let changedSeen = 0;
    await fc.assert(
      fc.asyncProperty(registry, async (holders) => {
        await load(holders);
        const expected = await perHolder(handle.db);
        const groups = await holderGroups(handle.db, asOf);
        const { changedGroups, ...got } = aggregateImpact(groups, holders.length, (facts) =>
          impactOf(current, proposed, facts, asOf, region),
        );
        assert.deepEqual(got, expected);
        assert.ok(groups.length <= holders.length);
        const keys = groups.map((g) => JSON.stringify([g.facts, g.regions]));
        assert.equal(new Set(keys).size, keys.length, 'each combination is one group');
        changedSeen += got.changed;
      }),
      { numRuns: 12, seed: 20261207 },
    );
    assert.ok(changedSeen > 0, 'the two policies differ for some generated holder');
  });
});
