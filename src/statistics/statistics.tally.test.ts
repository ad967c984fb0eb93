import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { loadCatalog } from '../catalog/catalog.load.ts';
import { loadConfig, projectRoot } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { mulberry32 } from '../demo/demo.random.ts';
import { loadPolicyPacks } from '../recognition/recognition.load.ts';
import { fixedClock } from '../shared/clock.ts';
import { loadSupervisionRules } from '../supervision/supervision.rules-data.ts';
import { createTestDatabase } from '../testing/database.ts';
import type { CertificateCountRow } from './statistics.rules.ts';
import { getCertificateFigures } from './statistics.service.ts';
import { type CertificateFilter, countCertificates } from './statistics.store.ts';
import { countCertificatesTallied, readTallyState, refreshTallies } from './statistics.tally.ts';

/**
 * Issue 16 §7: the figures from the tallies counted ahead equal the live count, for every filter and every day —
 * the days at a month's edges most of all — on generated registries (a fixed seed, so a failure replays).
 */
let handle: DatabaseHandle;

const rnd = mulberry32(20261207);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const day = (from: string, spanDays: number) =>
  new Date(Date.parse(`${from}T00:00:00Z`) + Math.floor(rnd() * spanDays) * 86_400_000)
    .toISOString()
    .slice(0, 10);

const TYPES = [
  ['mem', 'mem.lv-electrician', null, null],
  ['mem', 'mem.fusion-welding', null, null],
  ['samr', 'samr.metal-welding', null, null],
  ['mohurd', 'mohurd.electrician', null, null],
  ['mohrss', 'mohrss.skill-level', '6-31-01-03', '4'],
  ['mohrss', 'mohrss.skill-level', '6-18-02-04', '5'],
] as const;
const REGIONS = ['310101', '310000', '320500', '440300', '440000'];

async function seed(count: number, issuedOn?: string) {
  const holder = crypto.randomUUID();
  const now = new Date();
  await handle.db
    .insertInto('holders')
    .values({
      id: holder,
      id_type: 'resident',
      id_index: `tally-${holder}`,
      id_cipher: 'k.x',
      id_masked: '****',
      name: '统计',
      created_at: now,
      updated_at: now,
    })
    .execute();
  const rows = Array.from({ length: count }, (_, i) => {
    const [department, type, occupation, level] = pick(TYPES);
    // Most rows around the days tested, some far before: the edges of months are what the tallies must get right.
    const validFrom = issuedOn ?? (rnd() < 0.8 ? day('2026-09-01', 210) : day('2018-01-01', 3000));
    const until = rnd();
    const validUntil = issuedOn ? null : until < 0.3 ? null : day(validFrom, until < 0.6 ? 120 : 2400);
    return {
      id: crypto.randomUUID(),
      type,
      department,
      number: null,
      number_index: `tally-${i}-${rnd()}`,
      number_cipher: null,
      number_masked: 'N',
      holder_id: holder,
      valid_from: validFrom,
      valid_until: validUntil,
      status: issuedOn ? 'valid' : pick(['valid', 'valid', 'valid', 'valid', 'revoked', 'suspended']),
      issuer_region: pick(REGIONS),
      issuer_org: '发证机关',
      occupation,
      level,
      created_at: now,
      updated_at: now,
    };
  });
  for (let i = 0; i < rows.length; i += 500)
    await handle.db
      .insertInto('certificates')
      .values(rows.slice(i, i + 500))
      .execute();
}

const normal = (rows: CertificateCountRow[]) =>
  rows
    .filter((r) => r.n > 0)
    .map((r) => `${r.department}|${r.type}|${r.province}|${r.status}=${r.n}`)
    .sort();

before(async () => {
  handle = await createTestDatabase();
  await seed(3000);
});
after(async () => {
  await handle?.close();
});

describe('certificate statistics counted ahead (issue 16 §7)', () => {
  it('equal the live count for every filter, on month edges and inside months', async () => {
    assert.equal(await refreshTallies(handle.db, new Date()), 3000);
    const state = await readTallyState(handle.db);
    assert.equal(state?.rows, 3000);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from certificate_tallies`.execute(
      handle.db,
    );
    assert.ok((rows[0]?.n ?? 0) < 3000, 'the tallies are fewer rows than the certificates');

    const todays = ['2026-12-01', '2026-12-31', '2027-01-15', '2026-02-28', '2026-10-16'];
    const periods: [string | undefined, string | undefined][] = [
      [undefined, undefined],
      ['2026-10-15', undefined],
      [undefined, '2026-11-30'],
      ['2026-11-01', '2026-12-31'],
      ['2026-12-05', '2026-12-20'],
      ['2025-01-31', '2027-02-01'],
    ];
    const scopes = [
      { department: null, province: null },
      { department: 'mem', province: null },
      { department: null, province: '440000' },
      { department: 'mohrss', province: '310000' },
    ];
    let compared = 0;
    for (const today of todays)
      for (const [from, to] of periods)
        for (const scope of scopes)
          for (const narrow of [{}, { occupation: '6-31-01-03' }, { occupation: '6-18-02-04', level: '5' }]) {
            const f: CertificateFilter = { scope, today, from, to, ...narrow };
            const live = normal(await countCertificates(handle.db, f));
            assert.deepEqual(normal(await countCertificatesTallied(handle.db, f)), live, JSON.stringify(f));
            compared += live.length;
          }
    assert.ok(compared > 500, `${compared} figures compared`);
  });

  it('answers from the tallies past the threshold, says when they were taken, and misses later rows until the next', async () => {
    const clock = fixedClock('2026-12-07T04:00:00Z');
    const catalog = loadCatalog(loadConfig({}).catalogDir);
    const deps = {
      db: handle.db,
      catalog,
      clock,
      policies: loadPolicyPacks(path.join(projectRoot, 'policies'), catalog),
      supervision: loadSupervisionRules(),
      tallyFromRows: 1,
    };
    const admin: Principal = {
      via: 'session',
      userId: null,
      username: 'test',
      role: 'system-admin',
      department: null,
      province: null,
      institution: null,
      holderId: null,
    };
    const tallied = await getCertificateFigures(deps, admin, {});
    assert.ok(tallied.talliedAt, 'from the tallies');
    const live = await getCertificateFigures({ ...deps, tallyFromRows: 1_000_000 }, admin, {});
    assert.equal(live.talliedAt, null, 'below the threshold: live');
    assert.deepEqual({ ...tallied, talliedAt: null }, live);

    // Issued years ago, so the tallies decide them: missing until the next refresh.
    await seed(10, '2019-05-20');
    assert.equal((await getCertificateFigures(deps, admin, {})).total, live.total);
    await refreshTallies(handle.db, new Date());
    assert.equal((await getCertificateFigures(deps, admin, {})).total, live.total + 10);
  });
});
