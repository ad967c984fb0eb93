/**
 * Recognition evaluations per second on one core, for holders of 1, 3 and 10 certificates (pre-generated, fixed
 * seed, a mix of types, statuses, dates, reviews and regions), against two anchors on the same inputs in the same run:
 *   - the same national rules encoded for json-rules-engine (`recognition-jre.ts`); target ≥ 100× and ≥ 1M/s
 *   - a bare lookup: a Map from type to rule ids behind the validity check, no explanation (context only)
 * A policy is compiled per province (designations included), as the policy cache keeps them: one per province the
 * holders apply in, and one for no region, all before timing. Before timing, both engines must give the same
 * recognitions on a sample, so the comparison is honest.
 */
import path from 'node:path';
import { loadCatalog } from '../src/catalog/catalog.load.ts';
import {
  type CompiledPolicy,
  compilePolicy,
  type DesignationFact,
  provinceOf,
} from '../src/recognition/recognition.compile.ts';
import { evaluate } from '../src/recognition/recognition.engine.ts';
import { loadPolicyPacks } from '../src/recognition/recognition.load.ts';
import type { Experience, HeldCertificate, NationalPack } from '../src/recognition/recognition.model.ts';
import type { Figure } from './figures.ts';
import { createJreEvaluator, type JreEvaluator, type Recognitions } from './recognition-jre.ts';

const root = path.resolve(import.meta.dirname, '..');
const asOf = '2026-11-29';
const HOLDERS = 1024; // a power of two: `i & (HOLDERS - 1)` cycles through them

/** Where the holders apply: a province issuing 建筑焊工, one not issuing it, two without a record, none given. */
const REGIONS = ['310000', '110000', '320115', '440000', null] as const;
/** Bench facts (not real data), in the shape admins record them: one of each status, the rest unknown. */
const DESIGNATIONS: DesignationFact[] = [
  { type: 'mohurd.welder', region: '310000', status: 'issued' },
  { type: 'mohurd.welder', region: '110000', status: 'not-issued' },
];

interface Holder {
  certificates: HeldCertificate[];
  region: string | null;
  experience: Experience[] | undefined;
  /** The compiled policy of the holder's province (or of no region), picked before timing. */
  policy: CompiledPolicy;
}

export async function benchRecognition(figures: Figure[]): Promise<void> {
  const catalog = loadCatalog(path.join(root, 'catalog'));
  const packs = loadPolicyPacks(path.join(root, 'policies'), catalog);
  const policies = new Map<string, CompiledPolicy>();
  for (const region of REGIONS) {
    const key = region ? provinceOf(region) : '';
    // The national pack alone, as the JRE anchor encodes it; designations per province as the cache compiles them.
    if (!policies.has(key))
      policies.set(
        key,
        compilePolicy(packs.national, undefined, catalog, asOf, {
          region: key || null,
          designations: DESIGNATIONS,
        }),
      );
  }
  const jre = createJreEvaluator(packs.national, DESIGNATIONS);
  const bare = bareLookup(packs.national);
  const target = '≥ 100× json-rules-engine and ≥ 1,000,000/s';

  for (const size of [1, 3, 10]) {
    const holders = generateHolders(size, 0x5eed + size, policies);
    await checkSameRecognitions(jre, holders.slice(0, 200));
    let sink = 0;
    let i = 0;
    const value = opsPerSecond(() => {
      const h = holders[i++ & (HOLDERS - 1)] as Holder;
      sink += evaluate(h.policy, h.certificates, asOf, h.region, { experience: h.experience }).levels.length;
    });
    const anchorJre = await asyncOpsPerSecond(async () => {
      const h = holders[i++ & (HOLDERS - 1)] as Holder;
      sink += (await jre(h.certificates, asOf, h.region)).levels.length;
    });
    const anchorBare = opsPerSecond(() => {
      const h = holders[i++ & (HOLDERS - 1)] as Holder;
      sink += bare(h.certificates, asOf).length;
    });
    if (sink === 0) throw new Error('no holder was recognised anything');
    const name = `recognition: evaluate, ${size} certificate${size > 1 ? 's' : ''} per holder`;
    const unit = 'evaluations/s';
    figures.push({
      name,
      value,
      unit,
      anchor: { name: 'json-rules-engine, same rules and inputs', value: anchorJre },
      target: size <= 3 ? target : '≥ 100× json-rules-engine',
    });
    figures.push({
      name: `${name} (context)`,
      value,
      unit,
      anchor: { name: 'bare Map lookup, no explanation', value: anchorBare },
    });
    if (size === 3) {
      const traced = opsPerSecond(() => {
        const h = holders[i++ & (HOLDERS - 1)] as Holder;
        sink += evaluate(h.policy, h.certificates, asOf, h.region, { trace: true }).levels.length;
      });
      figures.push({
        name: `${name}, with trace`,
        value: traced,
        unit,
        anchor: { name: 'without trace', value },
      });
    }
  }
}

/**
 * The bench is only honest if both engines answer the same (condition texts, level conditions and trace aside: JRE
 * builds none). An exemption line is compared by target, waiver, every number giving it, who decided and the
 * condition codes; its rule (and that rule's evidence) must be one of the rows JRE found giving it.
 */
async function checkSameRecognitions(jre: JreEvaluator, holders: Holder[]): Promise<void> {
  for (const h of holders) {
    const ours = evaluate(h.policy, h.certificates, asOf, h.region);
    const theirs = await jre(h.certificates, asOf, h.region);
    const fail = (what: string, a: unknown, b: unknown) => {
      throw new Error(
        `json-rules-engine disagrees (${what}) for ${JSON.stringify(h.certificates)} in ${h.region}:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`,
      );
    };
    const lines = ours.exemptions.map((e) => ({
      target: e.target,
      exempt: [...e.exempt].sort(),
      numbers: [e.basis, ...(e.alsoBasis ?? [])].sort(),
      decidedBy: `${e.decidedBy.pack}@${e.decidedBy.version}`,
      conditions: (e.conditions ?? []).map((c) => `${c.code} ${c.status}`),
      named: { rule: e.rule, evidence: e.evidence, row: e.decidedBy.row },
    }));
    const jreLines = theirs.exemptions.map(({ rules, ...line }) => ({
      ...line,
      exempt: [...line.exempt].sort(),
    }));
    const a = canonical({
      exemptions: lines.map(({ named: _, ...l }) => l),
      levels: ours.levels,
      ignored: ours.ignored,
    });
    const b = canonical({ exemptions: jreLines, levels: theirs.levels, ignored: theirs.ignored });
    if (a !== b) fail('recognitions', a, b);
    for (const { target, exempt, named } of lines) {
      const found = theirs.exemptions.find((e) => e.target === target && e.exempt.join() === exempt.join());
      const row = found?.rules.find((r) => r.rule === named.rule);
      if (row?.evidence !== named.evidence || named.row !== named.rule)
        fail('the row naming a line', named, found);
    }
  }
}

/** Either engine's answer, read-only: what the comparison looks at. */
interface Comparable {
  exemptions: readonly object[];
  levels: readonly Omit<Recognitions['levels'][number], 'conditions'>[];
  ignored: readonly Recognitions['ignored'][number][];
}

function canonical(r: Comparable): string {
  const sortBy = (x: object, y: object) => JSON.stringify(x).localeCompare(JSON.stringify(y));
  return JSON.stringify({
    exemptions: r.exemptions.map((e) => JSON.parse(JSON.stringify(e, Object.keys(e).sort()))).sort(sortBy),
    levels: r.levels
      .map(({ occupation, deemedLevel, mayApplyFor, basis, since, rule }) => ({
        occupation,
        deemedLevel,
        mayApplyFor,
        basis,
        since,
        rule,
      }))
      .sort(sortBy),
    ignored: [...r.ignored].sort(sortBy),
  });
}

/** The floor: validity check, then a Map from type to the rule ids naming it. */
function bareLookup(
  national: NationalPack,
): (certificates: readonly HeldCertificate[], on: string) => string[] {
  const byType = new Map<string, string[]>();
  for (const rule of national.rules) {
    for (const from of rule.from) byType.set(from, [...(byType.get(from) ?? []), rule.id]);
  }
  return (certificates, on) => {
    const granted: string[] = [];
    for (const c of certificates) {
      if (
        (c.status ?? 'valid') !== 'valid' ||
        on < c.validFrom ||
        (c.validUntil != null && on > c.validUntil) ||
        (c.reviewedUntil != null && on > c.reviewedUntil)
      )
        continue;
      const rules = byType.get(c.type);
      if (rules) for (const r of rules) granted.push(r);
    }
    return granted;
  };
}

const mixedTypes: [type: string, weight: number][] = [
  ['mem.lv-electrician', 18],
  ['mem.hv-electrician', 8],
  ['mem.fusion-welding', 14],
  ['mohurd.electrician', 10],
  ['mohurd.welder', 4],
  ['samr.metal-welding', 8],
  ['samr.nonmetal-welding', 2],
  ['mohrss.skill-level', 12],
  ['mem.brazing', 4],
  ['mem.scaffolding-at-height', 8],
  ['samr.forklift-driver', 8],
  ['mohurd.tower-crane-operator', 4],
];

function generateHolders(
  size: number,
  seed: number,
  policies: ReadonlyMap<string, CompiledPolicy>,
): Holder[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const total = mixedTypes.reduce((s, [, w]) => s + w, 0);
  const type = () => {
    let r = random() * total;
    for (const [id, w] of mixedTypes) {
      r -= w;
      if (r < 0) return id;
    }
    return mixedTypes[0]?.[0] as string;
  };
  const holders: Holder[] = [];
  for (let h = 0; h < HOLDERS; h++) {
    const id = `T3101151990${String(h).padStart(7, '0')}`;
    const certificates: HeldCertificate[] = [];
    for (let k = 0; k < size; k++) {
      const t = type();
      const roll = random();
      const status = roll < 0.05 ? 'suspended' : roll < 0.08 ? 'revoked' : 'valid';
      const dates = pick([
        { validFrom: '2022-05-01', validUntil: '2028-04-30' },
        { validFrom: '2024-03-01', validUntil: '2030-02-28' },
        { validFrom: '2019-01-01', validUntil: '2025-12-31' }, // expired
        { validFrom: '2020-06-01', validUntil: asOf },
        { validFrom: '2027-01-01', validUntil: '2033-01-01' }, // not yet valid
        { validFrom: '2023-09-01', validUntil: '2029-08-31' },
      ]);
      const skill = t === 'mohrss.skill-level';
      // 复审 (MEM and SAMR): mostly done in time, sometimes overdue, sometimes not known.
      const review = random();
      const reviewedUntil =
        t.startsWith('mem.') || t.startsWith('samr.')
          ? review < 0.6
            ? { reviewedUntil: '2027-05-01' }
            : review < 0.7
              ? { reviewedUntil: '2026-03-01' }
              : {}
          : {};
      certificates.push({
        type: t,
        // MEM numbers are "T" + the ID number, shared by a person's items (reference §2.3).
        number: t.startsWith('mem.') ? id : `${t.slice(0, 2).toUpperCase()}${h}-${k}`,
        status,
        ...dates,
        ...reviewedUntil,
        ...(skill
          ? {
              occupation: pick(['6-31-01-03', '6-18-02-04', '4-01-02-01']),
              level: pick(['5', '4', '3'] as const),
              validUntil: null,
            }
          : {}),
      });
    }
    const region = pick(REGIONS);
    const sinceLevel = Math.floor(random() * 8);
    holders.push({
      certificates,
      region,
      // As the request schema accepts it: years since the level never above the years in the occupation.
      experience:
        random() < 0.3
          ? [
              {
                occupation: pick(['6-31-01-03', '6-18-02-04']),
                yearsSinceLevel: sinceLevel,
                yearsInOccupation: sinceLevel + Math.floor(random() * 4),
              },
            ]
          : undefined,
      policy: policies.get(region ? provinceOf(region) : '') as CompiledPolicy,
    });
  }
  return holders;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function opsPerSecond(fn: () => void, ms = 1500): number {
  for (let i = 0; i < 20_000; i++) fn();
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 1000; i++) fn();
    n += 1000;
    now = performance.now();
  }
  return (n / (now - start)) * 1000;
}

async function asyncOpsPerSecond(fn: () => Promise<void>, ms = 1500): Promise<number> {
  for (let i = 0; i < 500; i++) await fn();
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 50; i++) await fn();
    n += 50;
    now = performance.now();
  }
  return (n / (now - start)) * 1000;
}
