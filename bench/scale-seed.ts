import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../src/db/database.ts';
import { openKeyring } from '../src/protection/protection.service.ts';
import { holderIndex, maskNumber } from '../src/registry/registry.protect.ts';
import { residentIdCheckChar } from '../src/shared/identifiers.ts';

/**
 * The national-scale registry of `npm run bench -- scale` (issue 16 §7): N certificates over N / 2.5 holders (one
 * to four each), all four departments, issuing provinces in proportion to their population (2020 census, millions),
 * validity as each department's rules give it. Holders are made in Node (their ID numbers sealed and
 * blind-indexed as the registry does, so the public query finds them); certificates in SQL from the holders.
 * Certificate numbers are not looked up here, so each row carries a random sealed-length stand-in of its number and
 * index: the table's size is the real one, its numbers are not.
 */
const PROVINCES: [string, number][] = [
  ['110000', 21.9],
  ['120000', 13.9],
  ['130000', 74.6],
  ['140000', 34.9],
  ['150000', 24.0],
  ['210000', 42.6],
  ['220000', 24.1],
  ['230000', 31.9],
  ['310000', 24.9],
  ['320000', 84.7],
  ['330000', 64.6],
  ['340000', 61.0],
  ['350000', 41.5],
  ['360000', 45.2],
  ['370000', 101.5],
  ['410000', 99.4],
  ['420000', 57.8],
  ['430000', 66.4],
  ['440000', 126.0],
  ['450000', 50.1],
  ['460000', 10.1],
  ['500000', 32.1],
  ['510000', 83.7],
  ['520000', 38.6],
  ['530000', 47.2],
  ['540000', 3.6],
  ['610000', 39.5],
  ['620000', 25.0],
  ['630000', 5.9],
  ['640000', 7.2],
  ['650000', 25.9],
];

/** Department shares of certificates and the types drawn within each (uniformly). */
const DEPARTMENTS: { department: string; share: number; types: string[]; years: number | null }[] = [
  {
    department: 'mem',
    share: 45,
    types: [
      'mem.lv-electrician',
      'mem.hv-electrician',
      'mem.fusion-welding',
      'mem.installation-at-height',
      'mem.refrigeration-operation',
      'mem.coal-gas-inspection',
    ],
    years: 6,
  },
  { department: 'mohrss', share: 25, types: ['mohrss.skill-level'], years: null },
  {
    department: 'mohurd',
    share: 15,
    types: ['mohurd.electrician', 'mohurd.welder', 'mohurd.tower-crane-operator', 'mohurd.scaffolder'],
    years: 2,
  },
  {
    department: 'samr',
    share: 15,
    types: ['samr.metal-welding', 'samr.forklift-driver', 'samr.crane-operator', 'samr.elevator-repair'],
    years: 4,
  },
];

const BATCH = 20_000;

/** Distinct valid resident ID numbers: a birth date per thousand, a sequence number within it. */
function idNumberOf(i: number): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 1000) * 86_400_000);
  const seventeen = `310101${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(i % 1000).padStart(3, '0')}`;
  return seventeen + residentIdCheckChar(seventeen);
}
const nameOf = (i: number) =>
  `${'赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨'[i % 16]}${'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平'[Math.floor(i / 16) % 20]}`;

export interface ScaleRegistry {
  master: string;
  holders: number;
  certificates: number;
  persons: { name: string; idNumber: string; index: string }[];
  seconds: number;
}

export async function seedScale(
  handle: DatabaseHandle,
  certificates: number,
  log: (line: string) => void,
): Promise<ScaleRegistry> {
  const started = performance.now();
  const master = randomBytes(32);
  const keyring = await openKeyring(handle.db, master, 0);
  const protector = keyring.protector();
  const holders = Math.ceil(certificates / 2.5);
  const persons: ScaleRegistry['persons'] = [];
  const sampleEvery = Math.max(1, Math.floor(holders / 5000));
  for (let start = 0; start < holders; start += BATCH) {
    const ids: string[] = [];
    const indexes: string[] = [];
    const ciphers: string[] = [];
    const masked: string[] = [];
    const names: string[] = [];
    for (let i = start; i < Math.min(holders, start + BATCH); i++) {
      const idNumber = idNumberOf(i);
      const index = holderIndex(protector, 'resident', idNumber);
      ids.push(crypto.randomUUID());
      indexes.push(index);
      ciphers.push(protector.encrypt(idNumber));
      masked.push(maskNumber(idNumber));
      names.push(nameOf(i));
      if (i % sampleEvery === 0) persons.push({ name: nameOf(i), idNumber, index });
    }
    await sql`insert into holders (id, id_type, id_index, id_cipher, id_masked, name, created_at, updated_at)
      select id, 'resident', ix, cipher, masked, name, now(), now()
      from unnest(${ids}::uuid[], ${indexes}::text[], ${ciphers}::text[], ${masked}::text[], ${names}::text[])
        as t(id, ix, cipher, masked, name)`.execute(handle.db);
    if ((start / BATCH) % 25 === 0)
      log(`scale: ${Math.min(holders, start + BATCH).toLocaleString('en-US')} holders`);
  }
  keyring.close();

  // Provinces and departments as cumulative ranges over 0..9999, picked by a hash of the holder and certificate.
  const total = PROVINCES.reduce((sum, [, w]) => sum + w, 0);
  let acc = 0;
  const provinceRanges = PROVINCES.map(([code, w]) => {
    const lo = Math.round((acc / total) * 10_000);
    acc += w;
    return { code, lo, hi: Math.round((acc / total) * 10_000) };
  });
  let shareAcc = 0;
  const departmentRanges = DEPARTMENTS.map((d) => {
    const lo = shareAcc * 100;
    shareAcc += d.share;
    return { ...d, lo, hi: shareAcc * 100 };
  });
  await sql`create temporary table bench_provinces (code text, lo int, hi int)`.execute(handle.db);
  await sql`insert into bench_provinces select * from unnest(${provinceRanges.map((p) => p.code)}::text[],
    ${provinceRanges.map((p) => p.lo)}::int[], ${provinceRanges.map((p) => p.hi)}::int[])`.execute(handle.db);
  await sql`create temporary table bench_types (department text, type text, years int, lo int, hi int, k int, n int)`.execute(
    handle.db,
  );
  for (const d of departmentRanges)
    for (const [k, type] of d.types.entries())
      await sql`insert into bench_types values (${d.department}, ${type}, ${d.years}, ${d.lo}, ${d.hi}, ${k}, ${d.types.length})`.execute(
        handle.db,
      );

  log('scale: certificates (SQL)…');
  // One to four certificates per holder (2.5 on average); for each a department by share, a type within it, an
  // issuing province by population, a start date over 2015–2026 and the department's validity.
  await sql`insert into certificates (id, type, department, number, number_index, number_cipher, number_masked,
      holder_id, valid_from, valid_until, status, issuer_region, issuer_org, occupation, level, created_at, updated_at)
    select gen_random_uuid(), t.type, t.department, null,
      substr(md5(c.seed) || md5(c.seed || 'i'), 1, 43), 'k1.' || md5(c.seed || 'a') || md5(c.seed || 'b'),
      'N' || right(c.seed, 4),
      c.holder_id, c.valid_from,
      case when t.years is null then null else (c.valid_from + make_interval(years => t.years))::date - 1 end,
      case when c.h % 50 = 0 then 'revoked' else 'valid' end,
      p.code, '发证机关',
      case when t.type = 'mohrss.skill-level' then (array['6-31-01-03', '6-18-02-04'])[1 + c.h % 2] end,
      case when t.type = 'mohrss.skill-level' then (array['5', '4', '3'])[1 + c.h % 3] end,
      now(), now()
    from (
      select h.id as holder_id, h.id::text || ':' || k as seed, (hashtext(h.id::text || ':' || k)::bigint & 2147483647) as h,
        date '2015-01-01' + ((hashtext(h.id::text || 'd' || k)::bigint & 2147483647) % 4300)::int as valid_from
      from holders h
      cross join lateral generate_series(1, 1 + (hashtext(h.id::text)::bigint & 2147483647) % 4) k
    ) c
    join bench_types t on (c.h % 10000) >= t.lo and (c.h % 10000) < t.hi and (c.h / 10000) % t.n = t.k
    join bench_provinces p on ((c.h / 7) % 10000) >= p.lo and ((c.h / 7) % 10000) < p.hi`.execute(handle.db);
  log('scale: analyze…');
  await sql`analyze`.execute(handle.db);
  const counted = await sql<{ n: number }>`select count(*)::int as n from certificate_rows`.execute(
    handle.db,
  );
  return {
    master: master.toString('hex'),
    holders,
    certificates: counted.rows[0]?.n ?? 0,
    persons,
    seconds: (performance.now() - started) / 1000,
  };
}
