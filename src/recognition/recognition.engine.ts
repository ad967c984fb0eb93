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
  /** Earliest validFrom among `basis`. */
  since: string;
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
  const granted: Granted[] = [];
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

    // 合法有效 is the precondition of every rule (通知 一、二), 复审 included (design.md).
    if (validity !== 'valid') {
      ignored.push({ number: c.number, type: c.type, reason: validity });
      if (steps) explainIgnored(table, validity, steps);
      continue;
    }

    const rules = table.exemptions;
    for (let j = 0; j < rules.length; j++) {
      const e = rules[j] as CompiledExemption;
      // An exemption towards a certificate the holder already holds 合法有效 advises nothing.
      if (certificates.length > 1 && holdsValid(certificates, e.target, asOf)) {
        steps?.push({ rule: e.rule, outcome: 'not-matched', reason: 'target-already-held' });
        continue;
      }
      granted.push({ basis: c.number, e });
      steps?.push({
        rule: e.rule,
        outcome: e.decidedBy.pack === 'national' ? 'matched' : 'overridden',
        reason: e.reason,
      });
    }

    if (table.isSkillLevel) {
      if (source === undefined)
        steps?.push({ rule: heldSkillLevelRule, outcome: 'not-matched', reason: 'level-not-standard' });
      else addLevel(best, source, c, steps, pending);
    }
    const levels = table.levels;
    for (let j = 0; j < levels.length; j++) addLevel(best, levels[j] as LevelSource, c, steps, pending);

    if (steps) {
      for (const d of table.dormant) steps.push({ rule: d.rule, outcome: 'not-matched', reason: d.reason });
      if (steps.length === 0) steps.push({ rule: null, outcome: 'not-matched', reason: 'no-rule' });
    }
  }

  const response: EvaluationResponse = {
    asOf,
    region: region ?? null,
    policy: compiled.policy,
    levels: levelResults(best, asOf, options.experience),
    exemptions: exemptionResults(granted),
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

function holdsValid(certificates: readonly HeldCertificate[], type: string, asOf: string): boolean {
  for (let k = 0; k < certificates.length; k++) {
    const c = certificates[k] as HeldCertificate;
    if (c.type === type && validityOf(c, asOf) === 'valid') return true;
  }
  return false;
}

/** An exemption one certificate gives, before lines are merged. */
interface Granted {
  basis: string;
  e: CompiledExemption;
}

/**
 * Lists an exemption once: certificates giving the same waiver towards the same target under the same conditions
 * make one line (低压 and 高压 towards 建筑电工; MEM numbers are per person, so two may even share a number). The line
 * is the one of the lowest rule in pack order (so its evidence and who decided), its basis the smallest number, the
 * others in `alsoBasis` — whatever order the certificates came in.
 */
function exemptionResults(granted: Granted[]): ExemptionResult[] {
  if (granted.length === 0) return [];
  if (granted.length === 1) {
    const g = granted[0] as Granted;
    return [exemptionResult(g.basis, g.e)];
  }
  // One pass, no sort: each line keeps the least (rule order, number) of its group, whatever the input order.
  const lines: Line[] = [];
  for (let k = 0; k < granted.length; k++) {
    const g = granted[k] as Granted;
    let line: Line | undefined;
    for (let m = 0; m < lines.length; m++) {
      const l = lines[m] as Line;
      if (
        l.e.target === g.e.target &&
        sameCodes(l.e.exempt, g.e.exempt) &&
        sameConditions(l.e.conditions, g.e.conditions)
      ) {
        line = l;
        break;
      }
    }
    if (line === undefined) {
      lines.push({ e: g.e, basis: g.basis, also: undefined });
      continue;
    }
    const isBetter = g.e.ordinal < line.e.ordinal || (g.e.ordinal === line.e.ordinal && g.basis < line.basis);
    const other = isBetter ? line.basis : g.basis;
    if (isBetter) {
      line.e = g.e;
      line.basis = g.basis;
    }
    line.also ??= [];
    line.also.push(other);
  }
  const results: ExemptionResult[] = new Array(lines.length);
  for (let m = 0; m < lines.length; m++) {
    const { e, basis, also } = lines[m] as Line;
    const result = exemptionResult(basis, e);
    if (also !== undefined) {
      const others = [...new Set(also)].filter((n) => n !== basis).sort();
      if (others.length > 0) result.alsoBasis = others;
    }
    results[m] = result;
  }
  return results.length > 1 ? results.sort(byRuleThenBasis) : results;
}

/** A line of the answer being built: its deciding exemption and certificate, and the other certificates. */
interface Line {
  e: CompiledExemption;
  basis: string;
  also: string[] | undefined;
}

function sameConditions(a: readonly Condition[] | undefined, b: readonly Condition[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if ((a[i] as Condition).code !== (b[i] as Condition).code) return false;
  return true;
}

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!b.includes(a[i] as string)) return false;
  return true;
}

function checkScope(compiled: CompiledPolicy, asOf: string, region: string | null | undefined): void {
  if (!coversDate(compiled, asOf)) {
    const { from, until } = compiled.window;
    throw new AppError(
      'internal',
      `the policy was compiled for ${from ?? '…'} – ${until ?? '…'}, not ${asOf}`,
    );
  }
  const wanted = region ? `${region.slice(0, 2)}0000` : null;
  if (compiled.region !== wanted) {
    throw new AppError(
      'internal',
      `the policy was compiled for region ${compiled.region ?? 'none'}, not ${region ?? 'none'}`,
    );
  }
}

function validityOf(c: HeldCertificate, asOf: string): Validity {
  const status = c.status ?? 'valid';
  if (status !== 'valid') return status;
  // Inclusive at both ends: valid on its first and on its last day (design.md 合法有效).
  if (asOf < c.validFrom) return 'not-yet-valid';
  if (c.validUntil != null && asOf > c.validUntil) return 'expired';
  // 复审: valid on the last day of the review too; a review date not known is not held against the holder.
  if (c.reviewedUntil != null && asOf > c.reviewedUntil) return 'review-overdue';
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
  certificate: HeldCertificate,
  steps: TraceStep[] | undefined,
  pending: PendingStep[] | undefined,
): void {
  const { number, validFrom } = certificate;
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
      b.since = validFrom;
    } else if (source.deemed === b.source.deemed) {
      if (!b.basis.includes(number)) b.basis.push(number);
      if (validFrom < b.since) b.since = validFrom;
      if (source.ordinal < b.source.ordinal) b.source = source;
    }
    return;
  }
  best.push({ source, basis: [number], since: validFrom });
}

function levelResults(
  best: Best[],
  asOf: string,
  experience: readonly Experience[] | undefined,
): LevelResult[] {
  if (best.length > 1) best.sort(byOccupation);
  const results: LevelResult[] = new Array(best.length);
  for (let k = 0; k < best.length; k++) {
    const { source, basis, since } = best[k] as Best;
    results[k] = {
      occupation: source.occupation,
      deemedLevel: source.deemed,
      mayApplyFor: source.mayApplyFor,
      basis: basis.length > 1 ? basis.sort() : basis,
      since,
      rule: source.rule,
      conditions: conditionsFor(source, since, asOf, experience),
    };
  }
  return results;
}

/**
 * 申报条件 of the level the holder may apply for, each on its own figure: a route after a level held counts the
 * years since that level, never more than the supporting certificate has existed; a route of years alone counts all
 * years in the occupation (which are at least the years since the level).
 */
function conditionsFor(
  source: LevelSource,
  since: string,
  asOf: string,
  experience: readonly Experience[] | undefined,
): readonly Condition[] {
  const routes = source.routes;
  if (experience === undefined || routes.length === 0) return source.conditions;
  const e = experience.find((x) => x.occupation === source.occupation);
  if (e === undefined) return source.conditions;
  const conditions: Condition[] = new Array(routes.length);
  for (let k = 0; k < routes.length; k++) {
    const r = routes[k] as (typeof routes)[number];
    if (r.fixed !== undefined) conditions[k] = r.fixed;
    else if (r.sinceLevel) {
      const declared = e.yearsSinceLevel;
      conditions[k] =
        declared === undefined
          ? r.unknown
          : declared >= r.years && yearsBetween(since, asOf) >= r.years
            ? r.enough
            : r.short;
    } else {
      const total = e.yearsInOccupation ?? e.yearsSinceLevel;
      conditions[k] =
        total === undefined
          ? r.unknown
          : total >= r.years
            ? r.enough
            : e.yearsInOccupation === undefined
              ? r.unknown
              : r.short;
    }
  }
  return conditions;
}

/** Whole years from `from` to `to` (ISO dates): 2020-03-01 → 2024-03-01 is 4, → 2024-02-29 is 3. */
export function yearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) >= from.slice(5) ? years : years - 1;
}

function exemptionResult(basis: string, e: CompiledExemption): ExemptionResult {
  const result: ExemptionResult = {
    basis,
    target: e.target,
    exempt: e.exempt,
    rule: e.rule,
    evidence: e.evidence,
    // 如无特别规定: the answer names the pack (and row) that decided.
    decidedBy: e.decidedBy,
  };
  if (e.conditions !== undefined) result.conditions = e.conditions;
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
