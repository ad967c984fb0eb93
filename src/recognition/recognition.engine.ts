/**
 * The recognition engine: what a holder's certificates earn them on one date in one region, under a compiled
 * policy. Pure and synchronous (the date is an argument, never the clock); it looks up each certificate's type
 * table, checks 合法有效, and copies the pre-built results. The trace is built only when asked for.
 */
import { AppError } from '../shared/errors.ts';
import type { CompiledExemption, CompiledPolicy, LevelSource, TypeTable } from './recognition.compile.ts';
import { coversDate } from './recognition.compile.ts';
import {
  type CertificateTrace,
  type Condition,
  type EvaluationResponse,
  type ExemptionResult,
  type Experience,
  type HeldCertificate,
  heldSkillLevelRule,
  type Ignored,
  type IgnoredReason,
  type LevelResult,
  type TraceStep,
} from './recognition.model.ts';

export interface EvaluateOptions {
  /** Explain, per certificate, every rule considered. */
  trace?: boolean;
  /** Years in each occupation, for the national standard's 申报条件. */
  experience?: readonly Experience[];
}

type Validity = 'valid' | IgnoredReason;

/** The best level found so far for one occupation. */
interface Best {
  source: LevelSource;
  basis: string[];
}

/** A level step of the trace, settled once every certificate has been seen. */
interface PendingStep {
  step: TraceStep;
  source: LevelSource;
}

export function evaluate(
  compiled: CompiledPolicy,
  certificates: readonly HeldCertificate[],
  asOf: string,
  region: string | null | undefined,
  options: EvaluateOptions = {},
): EvaluationResponse {
  checkScope(compiled, asOf, region);
  const regionPrefix = region ? region.slice(0, 2) : undefined;
  const exemptions: ExemptionResult[] = [];
  const ignored: Ignored[] = [];
  const best: Best[] = [];
  const traces: CertificateTrace[] | undefined = options.trace ? [] : undefined;
  const pending: PendingStep[] | undefined = options.trace ? [] : undefined;

  for (let i = 0; i < certificates.length; i++) {
    const c = certificates[i] as HeldCertificate;
    const table = compiled.types.get(c.type);
    if (table === undefined) throw invalidCertificate(i, 'type', `unknown certificate type "${c.type}"`);
    const validity = validityOf(c, asOf);
    const steps: TraceStep[] | undefined = traces ? [] : undefined;
    if (traces && steps) traces.push({ number: c.number, type: c.type, validity, steps });
    const source = table.isSkillLevel ? heldSource(compiled, c, i) : undefined;

    // 合法有效 is the precondition of every rule (通知 一、二).
    if (validity !== 'valid') {
      ignored.push({ number: c.number, type: c.type, reason: validity });
      if (steps) explainIgnored(table, validity, steps);
      continue;
    }

    const rules = table.exemptions;
    for (let j = 0; j < rules.length; j++) {
      const e = rules[j] as CompiledExemption;
      let conditions = e.conditions;
      if (e.issuedIn !== undefined) {
        // 通知 一(二): only towards a region that issues 建筑焊工.
        if (regionPrefix === undefined) conditions = e.conditionsWithoutRegion;
        else if (!e.issuedIn.has(regionPrefix)) {
          steps?.push({ rule: e.rule, outcome: 'not-matched', reason: 'target-not-issued-in-region' });
          continue;
        }
      }
      exemptions.push(exemptionResult(c.number, e, conditions));
      if (steps) {
        const overridden = e.overriddenBy !== undefined;
        steps.push({
          rule: e.rule,
          outcome: overridden ? 'overridden' : 'matched',
          reason: overridden
            ? `overridden-by:${e.overriddenBy}`
            : conditions === e.conditions
              ? 'applies'
              : 'region-unknown',
        });
      }
    }

    if (table.isSkillLevel) {
      if (source === undefined)
        steps?.push({ rule: heldSkillLevelRule, outcome: 'not-matched', reason: 'level-not-standard' });
      else addLevel(best, source, c.number, steps, pending);
    }
    const levels = table.levels;
    for (let j = 0; j < levels.length; j++)
      addLevel(best, levels[j] as LevelSource, c.number, steps, pending);

    if (steps) {
      for (const d of table.dormant) steps.push({ rule: d.rule, outcome: 'not-matched', reason: d.reason });
      if (steps.length === 0) steps.push({ rule: null, outcome: 'not-matched', reason: 'no-rule' });
    }
  }

  const response: EvaluationResponse = {
    asOf,
    region: region ?? null,
    policy: compiled.policy,
    levels: levelResults(best, options.experience),
    exemptions: exemptions.length > 1 ? exemptions.sort(byRuleThenBasis) : exemptions,
    ignored: ignored.length > 1 ? ignored.sort(byIgnored) : ignored,
  };
  if (traces && pending) {
    // A level rule matched, but only the highest level of each occupation counts (design.md: the highest wins).
    for (const { step, source } of pending) {
      const winner = best.find((b) => b.source.occupation === source.occupation);
      step.reason = winner !== undefined && winner.source.deemed === source.deemed ? 'highest' : 'superseded';
    }
    response.trace = traces.sort(byTrace);
  }
  return response;
}

function checkScope(compiled: CompiledPolicy, asOf: string, region: string | null | undefined): void {
  if (!coversDate(compiled, asOf)) {
    const { from, until } = compiled.window;
    throw new AppError(
      'internal',
      `the policy was compiled for ${from ?? '…'} – ${until ?? '…'}, not ${asOf}`,
    );
  }
  const province = compiled.province;
  if (province !== undefined && (!region || region.slice(0, 2) !== province.region.slice(0, 2))) {
    throw new AppError(
      'internal',
      `the policy was compiled for region ${province.region}, not ${region ?? 'none'}`,
    );
  }
}

function validityOf(c: HeldCertificate, asOf: string): Validity {
  const status = c.status ?? 'valid';
  if (status !== 'valid') return status;
  // Inclusive at both ends: valid on its first and on its last day (design.md 合法有效).
  if (asOf < c.validFrom) return 'not-yet-valid';
  if (c.validUntil != null && asOf > c.validUntil) return 'expired';
  return 'valid';
}

/** A skill-level certificate held directly: level N counts as N for its own occupation, whatever the packs say. */
function heldSource(compiled: CompiledPolicy, c: HeldCertificate, index: number): LevelSource | undefined {
  if (c.occupation === undefined) {
    throw invalidCertificate(index, 'occupation', 'a skill-level certificate needs its occupation');
  }
  if (c.level === undefined)
    throw invalidCertificate(index, 'level', 'a skill-level certificate needs its level');
  const n = standardLevels[c.level];
  if (n === undefined) return undefined;
  const known = compiled.held.get(c.occupation);
  if (known !== undefined) return known[n];
  const template = compiled.heldElsewhere[n];
  return template && { ...template, occupation: c.occupation };
}

/** The five levels of the national standards; 学徒工, 特级技师 and 首席技师 have no 申报条件 there. */
const standardLevels: Readonly<Record<string, number | undefined>> = {
  '5': 5,
  '4': 4,
  '3': 3,
  '2': 2,
  '1': 1,
};

function addLevel(
  best: Best[],
  source: LevelSource,
  number: string,
  steps: TraceStep[] | undefined,
  pending: PendingStep[] | undefined,
): void {
  if (steps && pending) {
    const step: TraceStep = { rule: source.rule, outcome: 'matched', reason: 'highest' };
    steps.push(step);
    pending.push({ step, source });
  }
  for (let k = 0; k < best.length; k++) {
    const b = best[k] as Best;
    if (b.source.occupation !== source.occupation) continue;
    if (source.deemed < b.source.deemed) {
      // A lower number is a higher level: the highest wins.
      b.source = source;
      b.basis = [number];
    } else if (source.deemed === b.source.deemed) {
      if (!b.basis.includes(number)) b.basis.push(number);
      if (source.ordinal < b.source.ordinal) b.source = source;
    }
    return;
  }
  best.push({ source, basis: [number] });
}

function levelResults(best: Best[], experience: readonly Experience[] | undefined): LevelResult[] {
  if (best.length > 1) best.sort(byOccupation);
  const results: LevelResult[] = new Array(best.length);
  for (let k = 0; k < best.length; k++) {
    const { source, basis } = best[k] as Best;
    results[k] = {
      occupation: source.occupation,
      deemedLevel: source.deemed,
      mayApplyFor: source.mayApplyFor,
      basis: basis.length > 1 ? basis.sort() : basis,
      rule: source.rule,
      conditions: conditionsFor(source, experience),
    };
  }
  return results;
}

/** 申报条件 of the level the holder may apply for: met / unmet / unknown from the years given. */
function conditionsFor(
  source: LevelSource,
  experience: readonly Experience[] | undefined,
): readonly Condition[] {
  const routes = source.routes;
  if (experience === undefined || routes.length === 0) return source.conditions;
  let years: number | undefined;
  for (const e of experience) {
    if (e.occupation === source.occupation && (years === undefined || e.years > years)) years = e.years;
  }
  if (years === undefined) return source.conditions;
  const conditions: Condition[] = new Array(routes.length);
  for (let k = 0; k < routes.length; k++) {
    const r = routes[k] as (typeof routes)[number];
    conditions[k] = r.fixed ?? (years >= r.years ? r.enough : r.short);
  }
  return conditions;
}

function exemptionResult(
  basis: string,
  e: CompiledExemption,
  conditions: readonly Condition[] | undefined,
): ExemptionResult {
  const result: ExemptionResult = { basis, target: e.target, exempt: e.exempt, rule: e.rule };
  // 如无特别规定: the answer says which provincial rule changed the national one.
  if (e.overriddenBy !== undefined) result.overriddenBy = e.overriddenBy;
  if (conditions !== undefined && conditions.length > 0) result.conditions = conditions;
  return result;
}

function explainIgnored(table: TypeTable, validity: IgnoredReason, steps: TraceStep[]): void {
  for (const e of table.exemptions) steps.push({ rule: e.rule, outcome: 'not-matched', reason: validity });
  for (const l of table.levels) steps.push({ rule: l.rule, outcome: 'not-matched', reason: validity });
  if (table.isSkillLevel) steps.push({ rule: heldSkillLevelRule, outcome: 'not-matched', reason: validity });
  for (const d of table.dormant) steps.push({ rule: d.rule, outcome: 'not-matched', reason: d.reason });
  // Ignored all the same: the trace names the validity, not the missing rule.
  if (steps.length === 0) steps.push({ rule: null, outcome: 'not-matched', reason: validity });
}

function invalidCertificate(index: number, field: string, message: string): AppError {
  return new AppError('validation_failed', message, [{ path: `certificates.${index}.${field}`, message }]);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function byRuleThenBasis(a: ExemptionResult, b: ExemptionResult): number {
  return compare(a.rule, b.rule) || compare(a.basis, b.basis);
}

function byIgnored(a: Ignored, b: Ignored): number {
  return compare(a.number, b.number) || compare(a.type, b.type) || compare(a.reason, b.reason);
}

function byTrace(a: CertificateTrace, b: CertificateTrace): number {
  return (
    compare(a.number, b.number) ||
    compare(a.type, b.type) ||
    compare(a.validity, b.validity) ||
    compare(JSON.stringify(a.steps), JSON.stringify(b.steps))
  );
}

function byOccupation(a: Best, b: Best): number {
  return (
    a.source.occupationOrder - b.source.occupationOrder || compare(a.source.occupation, b.source.occupation)
  );
}
