/**
 * Compiles the national pack, a provincial pack and the catalog into frozen lookup tables keyed by certificate
 * type, once per (policy version, region, date window). Everything that does not depend on the holder is decided
 * here: which rules are in force on the window's dates, provincial overrides, 建筑焊工 designations, and the
 * condition texts of each level, so that `evaluate` only looks up, compares dates and copies.
 */
import type { Catalog, Occupation } from '../catalog/catalog.model.ts';
import {
  type Condition,
  type DecidedBy,
  type DepartmentPack,
  type DepartmentRule,
  type EvaluationResponse,
  type Evidence,
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
  /** Years counted since the level held ("取得五级证书后…"), bounded by the supporting certificate's age. */
  readonly sinceLevel: boolean;
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
  /** After the department's and the province's rows: empty when denied, a subset when narrowed. */
  readonly exempt: readonly ExemptionCode[];
  readonly evidence: Evidence;
  /** The last pack whose row changed the national answer (or the national pack). */
  readonly decidedBy: DecidedBy;
  /** Includes "the target province's designation is unknown" where that applies. */
  readonly conditions: readonly Condition[] | undefined;
  /** Why the trace says what it says when it applies. */
  readonly reason: TraceReason;
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
  /** The province this compilation answers for (XX0000), or null for an evaluation without a region. */
  readonly region: string | null;
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

/** What is on record about a province-designated type (建筑焊工) in one province; no record = unknown. */
export interface DesignationFact {
  readonly type: string;
  readonly region: string;
  readonly status: 'issued' | 'not-issued';
}

export interface CompileOptions {
  /** Where each designated type is (or is known not to be) issued; none known by default. */
  designations?: readonly DesignationFact[];
  /** Department packs in force for this province: national-scope ones and the province's own. */
  departments?: readonly DepartmentPack[];
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
  options: CompileOptions & { region?: string | null } = {},
): CompiledPolicy {
  const asked = options.region ? provinceOf(options.region) : null;
  if (province && asked && asked !== province.region)
    throw new Error(`compilePolicy: the pack of ${province.region} cannot answer for ${asked}`);
  const region = province?.region ?? asked;
  const dated: Dated[] = [...national.rules];
  const occupationOrder = new Map(catalog.occupations.map((o, i) => [o.code, i]));
  const designation = indexDesignations(options.designations ?? [], region);
  const departments = (options.departments ?? []).filter((p) => p.region === null || p.region === region);
  // 如无特别规定: national → the target department (national scope, then its provincial department) → the province.
  const layers: Layer[] = [];
  for (const pack of [...departments].sort((a, b) => (a.region === null ? -1 : b.region === null ? 1 : 0))) {
    const ref = { department: pack.department, ...(pack.region && { region: pack.region }), pack: pack.id };
    for (const row of pack.rules) {
      if (row.region !== undefined && row.region !== region) continue;
      dated.push(row);
      if (isInForce(row, asOf))
        layers.push({ row, decidedBy: { ...ref, version: pack.version, row: row.id } });
    }
  }
  for (const o of province?.overrides ?? []) {
    dated.push(o);
    if (isInForce(o, asOf) && region)
      layers.push({
        row: o,
        decidedBy: {
          department: 'mohrss',
          region,
          pack: province?.id ?? '',
          version: province?.version ?? '',
          row: o.id,
        },
      });
  }

  const tables = new Map<string, MutableTable>(
    catalog.certificateTypes.map((t) => [
      t.id,
      { type: t.id, isSkillLevel: t.kind === 'skill-level', exemptions: [], levels: [], dormant: [] },
    ]),
  );
  const departmentOf = (type: string) => catalog.certificateTypesById.get(type)?.department;
  const nameOf = (type: string) => catalog.certificateTypesById.get(type)?.nameZh ?? type;
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
  const nationalRef: DecidedBy = { pack: 'national', version: national.version, row: '' };
  const addExemption = (from: string, grant: Grant, ordinal: number): void => {
    const table = tables.get(from);
    if (table === undefined) return;
    if (departmentOf(from) === departmentOf(grant.to)) {
      // 通知 一: 申请"其他两个部门"相应证书 — within one department there is nothing to recognise.
      table.dormant.push(freeze({ rule: grant.rule, reason: 'same-department' }));
      return;
    }
    const where = grant.requiresTargetDesignated
      ? designationOf(designation, grant.to, region)
      : 'not-required';
    if (where === 'not-issued') {
      table.dormant.push(freeze({ rule: grant.rule, reason: 'target-not-issued-in-region' }));
      return;
    }
    table.exemptions.push(compileExemption(grant, ordinal, where, nameOf(grant.to)));
  };

  national.rules.forEach((rule, ordinal) => {
    const dormant = dormancyOf(rule, asOf);
    if (rule.kind === 'exemption' && dormant === undefined) {
      const grant = applyLayers(rule, { ...nationalRef, row: rule.id }, layers);
      for (const from of rule.from) addExemption(from, grant, ordinal);
      return;
    }
    for (const from of rule.from) {
      const table = tables.get(from);
      if (table === undefined) continue;
      if (dormant !== undefined) table.dormant.push(freeze({ rule: rule.id, reason: dormant }));
      else if (rule.kind === 'deemed-level')
        // 通知 二: 视同达到相应职业(工种)初级工(五级)/中级工(四级)水平
        table.levels.push(
          levelSource(rule.id, ordinal, rule.occupation, +rule.deemedLevel, +rule.mayApplyFor),
        );
    }
  });
  // A department's own grants under the general clause (pairs no national row names).
  layers.forEach(({ row, decidedBy }, i) => {
    if (!('action' in row) || row.action !== 'grant') return;
    const grant: Grant = {
      rule: row.id,
      to: row.to,
      exempt: row.exempt,
      evidence: 'general-clause',
      decidedBy,
      conditions: [],
      requiresTargetDesignated: catalog.certificateTypesById.get(row.to)?.issuedOnlyWhereDesignated ?? false,
    };
    for (const from of row.from) addExemption(from, grant, national.rules.length + i);
  });

  const base = national.rules.length + layers.length;
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

  // A skill-level certificate held directly: level N counts as N for its occupation (国家职业标准 申报条件). It comes
  // first among equals: holding the certificate is more than being deemed to (视同 is not holding it).
  const heldLevels = (standard: Occupation | undefined, code: string) =>
    freeze([
      undefined,
      ...[1, 2, 3, 4, 5].map((n) =>
        buildLevelSource(heldSkillLevelRule, -1, code, order(code), {
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
  const departmentVersions =
    departments.length > 0 ? Object.fromEntries(departments.map((p) => [p.id, p.version])) : undefined;
  return freeze({
    national: national.version,
    region,
    province: province && freeze({ id: province.id, version: province.version, region: province.region }),
    policy: freeze({
      national: national.version,
      ...(province && { province: province.version }),
      ...(departmentVersions && { departments: departmentVersions }),
    }),
    window: freeze(windowAround(dated, asOf)),
    types,
    occupationOrder,
    held,
    heldElsewhere,
    oneExamMultiCert: freeze(province?.oneExamMultiCert.filter((a) => isInForce(a, asOf)) ?? []),
  });
}

/** A row of a department or provincial pack in force, with the pack that wrote it. */
interface Layer {
  readonly row: DepartmentRule | Override;
  readonly decidedBy: DecidedBy;
}

/** An exemption after every layer: what is granted, on what evidence, decided by whom. */
interface Grant {
  readonly rule: string;
  readonly to: string;
  readonly exempt: readonly ExemptionCode[];
  readonly evidence: Evidence;
  readonly decidedBy: DecidedBy;
  readonly conditions: readonly Condition[];
  readonly requiresTargetDesignated: boolean;
}

/** Applies the layers naming `rule`, in order: each narrows, denies, conditions or extends what the last left. */
function applyLayers(rule: ExemptionRule, national: DecidedBy, layers: readonly Layer[]): Grant {
  let exempt: readonly ExemptionCode[] = rule.exempt;
  let decidedBy = national;
  const conditions: Condition[] = [];
  for (const { row, decidedBy: by } of layers) {
    if (!('rule' in row) || row.rule !== rule.id) continue;
    decidedBy = by;
    if (row.action === 'deny') exempt = [];
    else if (row.action === 'narrow') exempt = exempt.filter((code) => row.targets.includes(code));
    else if (row.action === 'extend')
      exempt = [...exempt, ...row.add.filter((code) => !exempt.includes(code))];
    else conditions.push(freeze({ code: row.condition.code, text: row.condition.text, status: 'unknown' }));
  }
  return {
    rule: rule.id,
    to: rule.to,
    exempt,
    evidence: rule.evidence,
    decidedBy,
    conditions,
    requiresTargetDesignated: rule.requiresTargetDesignated,
  };
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
    const key = region ? provinceOf(region) : '';
    const province = region ? provinces.get(key) : undefined;
    const cached = compiled.get(key);
    if (cached !== undefined && coversDate(cached, asOf)) return cached;
    const fresh = compilePolicy(national, province, catalog, asOf, { ...options, region: key || null });
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
  grant: Grant,
  ordinal: number,
  where: 'not-required' | 'issued' | 'unknown' | 'no-region',
  targetName: string,
): CompiledExemption {
  const conditions = [...grant.conditions];
  if (where === 'unknown' || where === 'no-region') {
    // 通知 一(二): only towards a region that issues 建筑焊工. Unknown is not "no": the worker asks 住建.
    conditions.push(
      freeze<Condition>({
        code: 'designated-region',
        text:
          where === 'no-region'
            ? `仅向颁发${targetName}证书地区的主管部门申请时适用：请选择申请地区`
            : `该省是否颁发${targetName}证书尚无记录：请向当地住房城乡建设主管部门确认`,
        status: 'unknown',
      }),
    );
  }
  return freeze({
    rule: grant.rule,
    ordinal,
    target: grant.to,
    exempt: freeze([...grant.exempt]),
    evidence: grant.evidence,
    decidedBy: freeze(grant.decidedBy),
    conditions: conditions.length > 0 ? freeze(conditions) : undefined,
    reason:
      grant.decidedBy.pack !== 'national'
        ? `overridden-by:${grant.decidedBy.row}`
        : where === 'no-region'
          ? 'region-unknown'
          : where === 'unknown'
            ? 'designation-unknown'
            : 'applies',
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
        freeze<Condition>({ code: route.id, text: route.textZh, status });
      const { levelHeld, yearsInOccupation, school, apprenticeship } = route.requires;
      // A lower number is a higher level: deemed 四级 also satisfies "取得五级".
      const holdsLevel = levelHeld === undefined || deemed <= +levelHeld;
      const open = school !== undefined || apprenticeship === true;
      const unknown = make('unknown');
      const fixed = !holdsLevel
        ? make('not-met')
        : yearsInOccupation === undefined
          ? open
            ? unknown
            : make('met')
          : undefined;
      routes.push(
        freeze({
          fixed,
          years: yearsInOccupation ?? 0,
          sinceLevel: levelHeld !== undefined,
          enough: open ? unknown : make('met'),
          short: make('not-met'),
          unknown,
        }),
      );
    }
    conditions = routes.map((r) => r.fixed ?? r.unknown);
    if (routes.length === 0) {
      const text = standard
        ? (target?.note ?? '国家职业标准未列出该等级的申报条件')
        : '该职业的国家职业标准申报条件未收录于目录, 须按规定核实';
      conditions = [freeze<Condition>({ code: 'standard-conditions-unknown', text, status: 'unknown' })];
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

/** type → what is on record for the compiled province. */
function indexDesignations(
  designations: readonly DesignationFact[],
  region: string | null,
): Map<string, 'issued' | 'not-issued'> {
  const byType = new Map<string, 'issued' | 'not-issued'>();
  if (region === null) return byType;
  for (const d of designations) if (provinceOf(d.region) === region) byType.set(d.type, d.status);
  return byType;
}

function designationOf(
  index: ReadonlyMap<string, 'issued' | 'not-issued'>,
  type: string,
  region: string | null,
): 'issued' | 'not-issued' | 'unknown' | 'no-region' {
  if (region === null) return 'no-region';
  return index.get(type) ?? 'unknown';
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
