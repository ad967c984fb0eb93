/**
 * Compiles the national pack, a provincial pack and the catalog into frozen lookup tables keyed by certificate
 * type, once per (policy version, region, date window). Everything that does not depend on the holder is decided
 * here: which rules are in force on the window's dates, provincial overrides, 建筑焊工 designations, and the
 * condition texts of each level, so that `evaluate` only looks up, compares dates and copies.
 */
import type { Catalog, Occupation } from '../catalog/catalog.model.ts';
import {
  type Condition,
  type EvaluationResponse,
  type ExemptionCode,
  type ExemptionRule,
  heldSkillLevelRule,
  type NationalPack,
  type Override,
  type ProvincialPack,
  type TraceReason,
} from './recognition.model.ts';

/** One route of the national standard's 申报条件 (alternatives: any one suffices), pre-built per status. */
export interface RouteTemplate {
  /** The condition when its status does not depend on experience; undefined otherwise. */
  readonly fixed: Condition | undefined;
  readonly years: number;
  readonly enough: Condition;
  readonly short: Condition;
  readonly unknown: Condition;
}

/** A deemed level one certificate type gives (national rule, provincial 对应目录 row, or a skill level held). */
export interface LevelSource {
  readonly rule: string;
  /** Position of the rule in the packs: the lowest names the level when several rules support it. */
  readonly ordinal: number;
  readonly occupation: string;
  readonly occupationOrder: number;
  readonly deemed: number;
  readonly mayApplyFor: number | null;
  readonly routes: readonly RouteTemplate[];
  /** The conditions when no experience is known (also when they do not depend on it). */
  readonly conditions: readonly Condition[];
}

export interface CompiledExemption {
  readonly rule: string;
  readonly ordinal: number;
  readonly target: string;
  /** After a provincial override: empty when denied, a subset when narrowed. */
  readonly exempt: readonly ExemptionCode[];
  readonly overriddenBy: string | undefined;
  readonly conditions: readonly Condition[] | undefined;
  /** Two-digit province prefixes that issue the target; undefined when the rule needs no designation. */
  readonly issuedIn: ReadonlySet<string> | undefined;
  /** `conditions` plus "only where the target is issued", for an evaluation without a region. */
  readonly conditionsWithoutRegion: readonly Condition[];
}

export interface DormantRule {
  readonly rule: string;
  readonly reason: TraceReason;
}

export interface TypeTable {
  readonly type: string;
  readonly isSkillLevel: boolean;
  readonly exemptions: readonly CompiledExemption[];
  readonly levels: readonly LevelSource[];
  /** Rules naming this type that give nothing in this window (for the trace only). */
  readonly dormant: readonly DormantRule[];
}

export interface CompiledPolicy {
  readonly national: string;
  readonly province: { readonly id: string; readonly version: string; readonly region: string } | undefined;
  /** The `policy` of every answer. */
  readonly policy: EvaluationResponse['policy'];
  /** The asOf dates this compilation holds for: `from ≤ asOf < until` (null = unbounded). */
  readonly window: { readonly from: string | null; readonly until: string | null };
  readonly types: ReadonlyMap<string, TypeTable>;
  readonly occupationOrder: ReadonlyMap<string, number>;
  /** Skill-level certificates held directly, by occupation then level number (1…5). */
  readonly held: ReadonlyMap<string, readonly (LevelSource | undefined)[]>;
  /** The same for occupations the catalog does not describe, by level number; `occupation` is filled in. */
  readonly heldElsewhere: readonly (LevelSource | undefined)[];
  readonly oneExamMultiCert: ProvincialPack['oneExamMultiCert'];
}

export interface CompileOptions {
  /** Where each designated type is issued (建筑焊工); defaults to the catalog's designations. */
  designations?: readonly { type: string; region: string }[];
}

interface Dated {
  effectiveFrom: string;
  effectiveUntil?: string | null | undefined;
}

export function compilePolicy(
  national: NationalPack,
  province: ProvincialPack | undefined,
  catalog: Catalog,
  asOf: string,
  options: CompileOptions = {},
): CompiledPolicy {
  const dated: Dated[] = [...national.rules];
  const occupationOrder = new Map(catalog.occupations.map((o, i) => [o.code, i]));
  const issuedIn = indexDesignations(options.designations ?? catalog.provinceDesignations);
  const overrides = new Map<string, Override>();
  for (const o of province?.overrides ?? []) {
    dated.push(o);
    if (isInForce(o, asOf) && !overrides.has(o.rule)) overrides.set(o.rule, o);
  }

  const tables = new Map<string, MutableTable>(
    catalog.certificateTypes.map((t) => [
      t.id,
      { type: t.id, isSkillLevel: t.kind === 'skill-level', exemptions: [], levels: [], dormant: [] },
    ]),
  );
  const departmentOf = (type: string) => catalog.certificateTypesById.get(type)?.department;
  const order = (occupation: string) => occupationOrder.get(occupation) ?? Number.MAX_SAFE_INTEGER;
  const levelSource = (
    rule: string,
    ordinal: number,
    occupation: string,
    deemed: number,
    mayApplyFor: number,
  ) =>
    buildLevelSource(rule, ordinal, occupation, order(occupation), {
      deemed,
      mayApplyFor,
      standard: catalog.occupationsByCode.get(occupation),
    });

  national.rules.forEach((rule, ordinal) => {
    const dormant = dormancyOf(rule, asOf);
    for (const from of rule.from) {
      const table = tables.get(from);
      if (table === undefined) continue;
      if (dormant !== undefined) {
        table.dormant.push(freeze({ rule: rule.id, reason: dormant }));
      } else if (rule.kind === 'deemed-level') {
        // 通知 二: 视同达到相应职业(工种)初级工(五级)/中级工(四级)水平
        table.levels.push(
          levelSource(rule.id, ordinal, rule.occupation, +rule.deemedLevel, +rule.mayApplyFor),
        );
      } else if (departmentOf(from) === departmentOf(rule.to)) {
        // 通知 一: 申请"其他两个部门"相应证书 — within one department there is nothing to recognise.
        table.dormant.push(freeze({ rule: rule.id, reason: 'same-department' }));
      } else {
        const issued = rule.requiresTargetDesignated
          ? (issuedIn.get(rule.to) ?? new Set<string>())
          : undefined;
        const targetName = catalog.certificateTypesById.get(rule.to)?.nameZh ?? rule.to;
        table.exemptions.push(compileExemption(rule, ordinal, overrides.get(rule.id), issued, targetName));
      }
    }
  });

  const base = national.rules.length;
  province?.correspondence.forEach((row, i) => {
    dated.push(row);
    const dormant = dormancyOf(row, asOf);
    for (const from of row.from) {
      const table = tables.get(from);
      if (table === undefined) continue;
      if (dormant !== undefined) table.dormant.push(freeze({ rule: row.id, reason: dormant }));
      else
        table.levels.push(levelSource(row.id, base + i, row.occupation, +row.deemedLevel, +row.mayApplyFor));
    }
  });
  for (const a of province?.oneExamMultiCert ?? []) dated.push(a);

  // A skill-level certificate held directly: level N counts as N for its occupation (国家职业标准 申报条件).
  const heldLevels = (standard: Occupation | undefined, code: string) =>
    freeze([
      undefined,
      ...[1, 2, 3, 4, 5].map((n) =>
        buildLevelSource(heldSkillLevelRule, Number.MAX_SAFE_INTEGER, code, order(code), {
          deemed: n,
          mayApplyFor: n > 1 ? n - 1 : null,
          standard,
        }),
      ),
    ]);
  const held = new Map(catalog.occupations.map((o) => [o.code, heldLevels(o, o.code)]));
  const heldElsewhere = heldLevels(undefined, '');

  const types = new Map<string, TypeTable>();
  for (const [id, t] of tables) {
    const { exemptions, levels, dormant } = t;
    types.set(
      id,
      freeze({ ...t, exemptions: freeze(exemptions), levels: freeze(levels), dormant: freeze(dormant) }),
    );
  }
  return freeze({
    national: national.version,
    province: province && freeze({ id: province.id, version: province.version, region: province.region }),
    policy: freeze(
      province ? { national: national.version, province: province.version } : { national: national.version },
    ),
    window: freeze(windowAround(dated, asOf)),
    types,
    occupationOrder,
    held,
    heldElsewhere,
    oneExamMultiCert: freeze(province?.oneExamMultiCert.filter((a) => isInForce(a, asOf)) ?? []),
  });
}

/** True when `asOf` falls in the window the policy was compiled for. */
export function coversDate(compiled: CompiledPolicy, asOf: string): boolean {
  const { from, until } = compiled.window;
  return (from === null || asOf >= from) && (until === null || asOf < until);
}

/**
 * Keeps one compiled policy per region (the national one under `null`) and recompiles only when an evaluation
 * date leaves its window. Build a new cache when the packs or the designations change.
 */
export function createPolicyCache(
  national: NationalPack,
  provinces: ReadonlyMap<string, ProvincialPack>,
  catalog: Catalog,
  options: CompileOptions = {},
): (region: string | null | undefined, asOf: string) => CompiledPolicy {
  const compiled = new Map<string, CompiledPolicy>();
  return (region, asOf) => {
    const province = region ? provinces.get(provinceOf(region)) : undefined;
    const key = province?.region ?? '';
    const cached = compiled.get(key);
    if (cached !== undefined && coversDate(cached, asOf)) return cached;
    const fresh = compilePolicy(national, province, catalog, asOf, options);
    compiled.set(key, fresh);
    return fresh;
  };
}

/** GB/T 2260: the first two digits name the province (310115 浦东新区 → 310000). */
export function provinceOf(region: string): string {
  return `${region.slice(0, 2)}0000`;
}

type MutableTable = {
  type: string;
  isSkillLevel: boolean;
  exemptions: CompiledExemption[];
  levels: LevelSource[];
  dormant: DormantRule[];
};

function compileExemption(
  { id: rule, to: target, exempt }: ExemptionRule,
  ordinal: number,
  override: Override | undefined,
  issuedIn: ReadonlySet<string> | undefined,
  targetName: string,
): CompiledExemption {
  let granted = exempt;
  let conditions: Condition[] | undefined;
  if (override?.action === 'deny') granted = [];
  else if (override?.action === 'narrow') granted = exempt.filter((code) => override.targets.includes(code));
  else if (override?.action === 'condition') {
    conditions = [freeze({ id: override.condition.code, text: override.condition.text, status: 'unknown' })];
  }
  const withoutRegion = issuedIn
    ? [
        ...(conditions ?? []),
        freeze<Condition>({
          id: 'target-issued-in-region',
          text: `仅向颁发${targetName}证书地区的主管部门申请时适用 (未给出申请地区)`,
          status: 'unknown',
        }),
      ]
    : (conditions ?? []);
  return freeze({
    rule,
    ordinal,
    target,
    exempt: freeze([...granted]),
    overriddenBy: override?.id,
    conditions: conditions && freeze(conditions),
    issuedIn,
    conditionsWithoutRegion: freeze(withoutRegion),
  });
}

/**
 * The conditions of the national standard for `mayApplyFor` (通知 二 "可按规定": the standard's 申报条件 still
 * apply). The deemed level stands in for the level a route requires ("取得本职业五级证书"), so only the years and
 * the schooling remain to be known.
 */
function buildLevelSource(
  rule: string,
  ordinal: number,
  occupation: string,
  occupationOrder: number,
  level: { deemed: number; mayApplyFor: number | null; standard: Occupation | undefined },
): LevelSource {
  const { deemed, mayApplyFor, standard } = level;
  const routes: RouteTemplate[] = [];
  let conditions: Condition[] = [];
  if (mayApplyFor !== null) {
    const target = standard?.levels.find((l) => +l.level === mayApplyFor);
    for (const route of target?.routes ?? []) {
      const make = (status: Condition['status']) =>
        freeze<Condition>({ id: route.id, text: route.textZh, status });
      const { levelHeld, yearsInOccupation, school, apprenticeship } = route.requires;
      // A lower number is a higher level: deemed 四级 also satisfies "取得五级".
      const holdsLevel = levelHeld === undefined || deemed <= +levelHeld;
      const open = school !== undefined || apprenticeship === true;
      const unknown = make('unknown');
      const fixed = !holdsLevel
        ? make('unmet')
        : yearsInOccupation === undefined
          ? open
            ? unknown
            : make('met')
          : undefined;
      routes.push(
        freeze({
          fixed,
          years: yearsInOccupation ?? 0,
          enough: open ? unknown : make('met'),
          short: make('unmet'),
          unknown,
        }),
      );
    }
    conditions = routes.map((r) => r.fixed ?? r.unknown);
    if (routes.length === 0) {
      const text = standard
        ? (target?.note ?? '国家职业标准未列出该等级的申报条件')
        : '该职业的国家职业标准申报条件未收录于目录, 须按规定核实';
      conditions = [freeze<Condition>({ id: 'standard-conditions-unknown', text, status: 'unknown' })];
    }
  }
  return freeze({
    rule,
    ordinal,
    occupation,
    occupationOrder,
    deemed,
    mayApplyFor,
    routes: freeze(routes),
    conditions: freeze(conditions),
  });
}

function indexDesignations(
  designations: readonly { type: string; region: string }[],
): Map<string, Set<string>> {
  const byType = new Map<string, Set<string>>();
  for (const d of designations) {
    const set = byType.get(d.type) ?? new Set<string>();
    set.add(d.region.slice(0, 2));
    byType.set(d.type, set);
  }
  return byType;
}

function isInForce(d: Dated, asOf: string): boolean {
  return d.effectiveFrom <= asOf && (d.effectiveUntil == null || asOf <= d.effectiveUntil);
}

function dormancyOf(d: Dated, asOf: string): TraceReason | undefined {
  if (asOf < d.effectiveFrom) return 'not-effective-yet';
  if (d.effectiveUntil != null && asOf > d.effectiveUntil) return 'no-longer-effective';
  return undefined;
}

/** The dates around `asOf` between which no rule, override or row starts or ends. */
function windowAround(dated: readonly Dated[], asOf: string): { from: string | null; until: string | null } {
  let from: string | null = null;
  let until: string | null = null;
  for (const d of dated) {
    const edges =
      d.effectiveUntil == null ? [d.effectiveFrom] : [d.effectiveFrom, dayAfter(d.effectiveUntil)];
    for (const edge of edges) {
      if (edge <= asOf) {
        if (from === null || edge > from) from = edge;
      } else if (until === null || edge < until) until = edge;
    }
  }
  return { from, until };
}

function dayAfter(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function freeze<T>(value: T): T {
  return Object.freeze(value);
}
