/**
 * Demo certificate data: a pure, deterministic generator of department rows (`RawCertificate`, the shape of one
 * import row) for the embedded demo, the benches and tests. Same options → same rows, on every machine: a seeded
 * PRNG (mulberry32), no clock (`today` is an option), no I/O.
 *
 * What the rows look like (design.md "Canonical identifiers", reference.md §2–§5, §8):
 * - holders with Chinese names (a few minority names with `·`), 居民身份证 numbers with real county codes, real birth
 *   dates 1965–2004, the sex digit and a GB 11643 check digit;
 * - MEM 特种作业操作证: number "T" + ID number, 6 years (令30 第二十一条);
 * - MOHURD 建筑施工特种作业: 省简称 + city letter + 工种 code + year + serial, 2 years (陕西 before 2024-02-27: 6 years),
 *   建筑焊工 only in the provinces that designate it;
 * - SAMR 特种设备作业人员证: the holder's ID number (the common practice; the national rule is not verified), 4 years;
 * - MOHRSS 职业技能等级证书 for 电工 / 焊工: the 22-character code with the level at position 16, no expiry.
 * Issuers are the real names of the provincial and city authorities; the 统一社会信用代码 given for them are
 * SYNTHETIC (valid check characters, derived from the name), never the authorities' real codes. Evaluation
 * institutions and their codes are illustrative. Every row passes `validateCertificate`; (type, number) is unique.
 */
import type { RawCertificate } from '../registry/registry.model.ts';
import { addDays, addYears } from '../registry/registry.rules.ts';
import { type Institution, type IssuingProvince, issuingProvinces, orgCodeFor } from './demo.issuers.ts';
import { certificateNumber, departmentOf, type NumberingContext, pickDates } from './demo.numbers.ts';
import { type Holder, makeHolder } from './demo.people.ts';
import { mulberry32, Random } from './demo.random.ts';

export { mulberry32 } from './demo.random.ts';

export interface DemoOptions {
  /** Number of distinct holders (ID numbers); default 1,000. */
  holders?: number;
  /** PRNG seed; default fixed (demoDefaults.seed). */
  seed?: number;
  /** The date the data describes (no certificate starts after it); default 2026-11-29. */
  today?: string;
  /** Provinces that issue 建筑焊工 (catalog/province-designations.json); default 310000 and 320000. */
  welderRegions?: readonly string[];
}

export const demoDefaults = {
  holders: 1000,
  /** The day the notice was made public (reference §1.1). */
  seed: 20260116,
  today: '2026-11-29',
  welderRegions: ['310000', '320000'],
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Certificates

const OCC_ELECTRICIAN = '6-31-01-03';
const OCC_WELDER = '6-18-02-04';

const mohurdOtherTypes = [
  'mohurd.scaffolder',
  'mohurd.signaller-rigger',
  'mohurd.tower-crane-operator',
  'mohurd.hoist-operator',
  'mohurd.tower-crane-installer',
  'mohurd.suspended-platform-installer',
  'mohurd.attached-scaffolder',
  'mohurd.material-hoist-operator',
  'mohurd.hoist-installer',
  'mohurd.material-hoist-installer',
] as const;
const samrOtherTypes = [
  'samr.forklift-driver',
  'samr.forklift-driver',
  'samr.crane-operator',
  'samr.crane-signalling',
  'samr.industrial-boiler-operator',
  'samr.elevator-repair',
  'samr.cylinder-filling',
  'samr.quick-opening-vessel',
  'samr.boiler-water-treatment',
] as const;
const memOtherTypes = [
  'mem.installation-at-height',
  'mem.scaffolding-at-height',
  'mem.refrigeration-operation',
  'mem.refrigeration-installation',
  'mem.chemical-automation-instruments',
  'mem.hydrogenation-process',
  'mem.polymerization-process',
  'mem.coal-gas-work',
  'mem.explosion-proof-electrician',
] as const;

interface Context extends NumberingContext {
  welderRegions: readonly string[];
  keys: Set<string>;
  rows: RawCertificate[];
}

function pickStatus(random: Random): string {
  const r = random.float();
  return r < 0.03 ? 'suspended' : r < 0.05 ? 'revoked' : 'valid';
}

/** Where a certificate was issued: mostly the province the holder works in, sometimes a former one. */
function issuingProvinceFor(ctx: Context, holder: Holder, type: string): IssuingProvince | undefined {
  if (type === 'mohurd.welder') {
    if (ctx.welderRegions.includes(holder.work.code)) return holder.work;
    const designated = issuingProvinces.filter((p) => ctx.welderRegions.includes(p.code));
    return designated.length === 0 ? undefined : ctx.random.pick(designated);
  }
  return ctx.random.chance(0.85) ? holder.work : ctx.random.pick(issuingProvinces);
}

function issue(
  ctx: Context,
  holder: Holder,
  type: string,
  skill?: { occupation: string; level: string },
): void {
  const { random } = ctx;
  const department = departmentOf(type);
  const province = issuingProvinceFor(ctx, holder, type);
  if (province === undefined) return; // no province issues it
  const city = province === holder.work ? holder.city : random.pick(province.cities);
  const cityLevel = !province.municipality && random.chance(0.5);
  let issuerRegion: string;
  let issuerOrg: string;
  let issuerOrgCode: string;
  let institution: Institution | undefined;
  switch (department) {
    case 'mem':
      issuerRegion = cityLevel ? city.code : province.code;
      issuerOrg = cityLevel
        ? `${city.name}应急管理局`
        : `${province.name}应急管理${province.municipality ? '局' : '厅'}`;
      issuerOrgCode = orgCodeFor(random, issuerOrg, '11', issuerRegion);
      break;
    case 'samr':
      issuerRegion = cityLevel ? city.code : province.code;
      issuerOrg = `${cityLevel ? city.name : province.name}市场监督管理局`;
      issuerOrgCode = orgCodeFor(random, issuerOrg, '11', issuerRegion);
      break;
    case 'mohurd':
      issuerRegion = province.code;
      issuerOrg = province.mohurdOrg;
      issuerOrgCode = orgCodeFor(random, issuerOrg, '11', issuerRegion);
      break;
    case 'mohrss':
      institution = random.pick(province.institutions);
      issuerRegion = institution.region;
      issuerOrg = institution.name;
      issuerOrgCode = orgCodeFor(random, issuerOrg, institution.kind === 'Y' ? '91' : '12', issuerRegion);
      break;
  }
  const { validFrom, validUntil } = pickDates(ctx, holder, department, issuerRegion);
  const year = validFrom.slice(0, 4);
  const number = certificateNumber(ctx, type, holder, province, city, institution, year, skill?.level);
  const key = `${type}\u0000${number}`;
  if (ctx.keys.has(key)) return; // the same holder cannot hold the same MEM/SAMR item twice
  ctx.keys.add(key);
  ctx.rows.push({
    type,
    number,
    holderName: holder.name,
    idType: 'resident',
    idNumber: holder.idNumber,
    validFrom,
    validUntil,
    reviewedUntil: '',
    status: pickStatus(random),
    issuerRegion,
    issuerOrg,
    issuerOrgCode,
    occupation: skill?.occupation ?? '',
    level: skill?.level ?? '',
  });
}

function skillLevel(random: Random, low = false): string {
  return low
    ? random.weighted([
        ['5', 4],
        ['4', 5],
        ['3', 1],
      ])
    : random.weighted([
        ['5', 25],
        ['4', 40],
        ['3', 25],
        ['2', 8],
        ['1', 2],
      ]);
}

/** One or two skill-level certificates of an occupation (a later, higher level beside the first). */
function issueSkill(ctx: Context, holder: Holder, occupation: string, low = false): void {
  const level = skillLevel(ctx.random, low);
  issue(ctx, holder, 'mohrss.skill-level', { occupation, level });
  if (level !== '1' && ctx.random.chance(0.15)) {
    issue(ctx, holder, 'mohrss.skill-level', { occupation, level: String(Number(level) - 1) });
  }
}

type Profile = (ctx: Context, holder: Holder) => void;

const profiles: readonly (readonly [Profile, number])[] = [
  // Electricians with certificates from several departments: MEM 低压/高压 + MOHURD 建筑电工 (+ 电工 等级证书).
  [
    (ctx, h) => {
      const r = ctx.random.float();
      if (r < 0.85) issue(ctx, h, 'mem.lv-electrician');
      if (r >= 0.75) issue(ctx, h, 'mem.hv-electrician');
      issue(ctx, h, 'mohurd.electrician');
      if (ctx.random.chance(0.6)) issueSkill(ctx, h, OCC_ELECTRICIAN, true);
      if (ctx.random.chance(0.25)) issue(ctx, h, ctx.random.pick(mohurdOtherTypes));
    },
    10,
  ],
  // Welders across departments: MEM 熔化焊 + SAMR 金属/非金属焊接 (+ MOHURD 建筑焊工 where designated, + 焊工 等级证书).
  [
    (ctx, h) => {
      issue(ctx, h, 'mem.fusion-welding');
      const r = ctx.random.float();
      if (r < 0.85) issue(ctx, h, 'samr.metal-welding');
      if (r >= 0.75) issue(ctx, h, 'samr.nonmetal-welding');
      if (ctx.welderRegions.includes(h.work.code) ? ctx.random.chance(0.8) : ctx.random.chance(0.1)) {
        issue(ctx, h, 'mohurd.welder');
      }
      if (ctx.random.chance(0.5)) issueSkill(ctx, h, OCC_WELDER, true);
    },
    9,
  ],
  // Electricians.
  [
    (ctx, h) => {
      const r = ctx.random.float();
      if (r < 0.8) issue(ctx, h, 'mem.lv-electrician');
      if (r >= 0.7) issue(ctx, h, 'mem.hv-electrician');
      if (ctx.random.chance(0.2)) {
        issue(ctx, h, ctx.random.pick(['mem.power-cable', 'mem.electrical-testing', 'mem.relay-protection']));
      }
      if (ctx.random.chance(0.55)) issueSkill(ctx, h, OCC_ELECTRICIAN);
      if (ctx.random.chance(0.35)) issue(ctx, h, ctx.random.pick(memOtherTypes));
    },
    17,
  ],
  // Welders.
  [
    (ctx, h) => {
      const r = ctx.random.float();
      if (r < 0.6) issue(ctx, h, 'mem.fusion-welding');
      else if (r < 0.9 || !ctx.welderRegions.includes(h.work.code)) issue(ctx, h, 'samr.metal-welding');
      else issue(ctx, h, 'mohurd.welder');
      if (ctx.random.chance(0.5)) issueSkill(ctx, h, OCC_WELDER);
      if (ctx.random.chance(0.1)) issue(ctx, h, ctx.random.pick(['mem.pressure-welding', 'mem.brazing']));
      if (ctx.random.chance(0.3)) issue(ctx, h, ctx.random.pick(memOtherTypes));
    },
    14,
  ],
  // Construction site trades (MOHURD), often two of them.
  [
    (ctx, h) => {
      const first = ctx.random.pick(mohurdOtherTypes);
      issue(ctx, h, first);
      if (ctx.random.chance(0.6)) {
        const second = ctx.random.pick(mohurdOtherTypes);
        if (second !== first) issue(ctx, h, second);
      }
      if (ctx.random.chance(0.2)) issue(ctx, h, 'mohurd.electrician');
      if (ctx.random.chance(0.4)) issue(ctx, h, 'mem.installation-at-height');
      if (ctx.random.chance(0.2)) issue(ctx, h, 'samr.crane-operator');
    },
    17,
  ],
  // Special equipment operators (SAMR).
  [
    (ctx, h) => {
      const first = ctx.random.pick(samrOtherTypes);
      issue(ctx, h, first);
      if (ctx.random.chance(0.6)) {
        const second = ctx.random.pick(samrOtherTypes);
        if (second !== first) issue(ctx, h, second);
      }
      if (ctx.random.chance(0.15)) issue(ctx, h, 'samr.safety-management');
      if (ctx.random.chance(0.3))
        issue(ctx, h, ctx.random.pick(['mem.lv-electrician', 'mem.refrigeration-operation']));
    },
    12,
  ],
  // Industrial special operations (MEM).
  [
    (ctx, h) => {
      const first = ctx.random.pick(memOtherTypes);
      issue(ctx, h, first);
      const second = ctx.random.pick(memOtherTypes);
      if (second !== first && ctx.random.chance(0.6)) issue(ctx, h, second);
      if (ctx.random.chance(0.5)) issue(ctx, h, 'mem.lv-electrician');
    },
    10,
  ],
  // Skill-level certificates only (MOHRSS).
  [
    (ctx, h) => {
      const occupation = ctx.random.chance(0.55) ? OCC_ELECTRICIAN : OCC_WELDER;
      issueSkill(ctx, h, occupation);
      if (ctx.random.chance(0.25))
        issueSkill(ctx, h, occupation === OCC_ELECTRICIAN ? OCC_WELDER : OCC_ELECTRICIAN);
      if (ctx.random.chance(0.4)) issue(ctx, h, ctx.random.pick(samrOtherTypes));
    },
    11,
  ],
];

/**
 * Demo certificate rows: `holders` people (default 1,000) with about 2.3 certificates each, from all four
 * departments. Pure and deterministic: the same options give the same rows.
 */
export function generateDemoCertificates(options: DemoOptions = {}): RawCertificate[] {
  const holders = options.holders ?? demoDefaults.holders;
  const today = options.today ?? demoDefaults.today;
  const ctx: Context = {
    random: new Random(mulberry32(options.seed ?? demoDefaults.seed)),
    today,
    welderRegions: options.welderRegions ?? demoDefaults.welderRegions,
    keys: new Set(),
    serials: new Map(),
    rows: [],
  };
  const ids = new Set<string>();
  for (let i = 0; i < holders; i++) {
    const holder = makeHolder(ctx.random, ids, today);
    const before = ctx.rows.length;
    ctx.random.weighted(profiles)(ctx, holder);
    if (ctx.rows.length === before) issue(ctx, holder, 'mem.lv-electrician'); // everyone holds at least one
    if (ctx.rows.length === before)
      issue(ctx, holder, 'mohrss.skill-level', { occupation: OCC_ELECTRICIAN, level: '5' });
  }
  addReviews(ctx.rows, today);
  return ctx.rows;
}

const overdueTypes = new Set<string>(['mem.installation-at-height', 'mem.refrigeration-operation']);

/**
 * 复审 (令30 第二十一条: every 3 years within the 6-year validity; issue 13 item 5), without drawing from the PRNG
 * so the rest of the data stays as it was: every other MEM certificate in force carries 复审有效期至 — the first review
 * mark while it is ahead, else the end of validity (reviewed at the mark) — and the others leave it unknown. One
 * certificate is 待复审: the first valid one past its mark of an item no recognition rule names, so no demo
 * recognition or exam eligibility changes.
 */
function addReviews(rows: RawCertificate[], today: string): void {
  let mem = 0;
  let overdue = false;
  for (const row of rows) {
    // An expired certificate's review is moot: it stays unknown.
    if (!row.type.startsWith('mem.') || row.validUntil < today) continue;
    mem += 1;
    const mark = addDays(addYears(row.validFrom, 3), -1);
    const isPastMark = mark < today;
    if (!overdue && isPastMark && row.status === 'valid' && overdueTypes.has(row.type)) {
      row.reviewedUntil = mark;
      overdue = true;
    } else if (mem % 2 === 0) {
      row.reviewedUntil = mark >= today ? mark : row.validUntil;
    }
  }
}
