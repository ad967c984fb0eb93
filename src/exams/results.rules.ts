import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../config.ts';
import { readDataFile } from '../shared/data-files.ts';

/**
 * Pure rules of results and issuance (issue 7 §4–6): combining examiners' scores, the disagreement flag, pass or
 * fail per subject, the 22-character skill-level certificate number (reference.md §5.2) and retention classes.
 */
const retentionSchema = z.strictObject({ years: z.number().int().positive().nullable(), basis: z.string() });
export const resultsRulesSchema = z.strictObject({
  $comment: z.string().optional(),
  version: z.string(),
  publicityDays: z.number().int().min(0).max(60),
  appealDays: z.number().int().min(0).max(60),
  combination: z.literal('mean'),
  disagreementThreshold: z.number().min(0).max(100),
  retention: z.strictObject({ roster: retentionSchema, paper: retentionSchema, process: retentionSchema }),
});
export type ResultsRules = z.infer<typeof resultsRulesSchema>;
export type RetentionClass = keyof ResultsRules['retention'];

export function loadResultsRules(dir = path.join(projectRoot, 'exams')): ResultsRules {
  const problems: { path: string; message: string }[] = [];
  const rules = readDataFile(dir, 'results.json', resultsRulesSchema, problems);
  if (!rules)
    throw new Error(
      `exams/results.json is invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
    );
  return rules;
}

export type SubjectKind = 'theory' | 'skills' | 'review';
export interface SubjectSpec {
  kind: SubjectKind;
  passMark: number;
}

export interface SubjectScore {
  kind: SubjectKind;
  score: number | null;
  passMark: number;
  passed: boolean;
  /** Examiners' totals behind a combined score (skills, review). */
  examiners?: number[];
}

export type ResultFlag =
  | { code: 'examiner-disagreement'; subject: SubjectKind; spread: number; threshold: number }
  | { code: 'missing-score'; subject: SubjectKind }
  | { code: 'too-few-examiners'; subject: SubjectKind; count: number };

/** The standard's rule: examiners' totals combine as their mean, rounded to one decimal. */
export function combine(totals: readonly number[]): number | null {
  if (totals.length === 0) return null;
  return Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 10) / 10;
}

/**
 * Every required subject must reach its pass mark (exams.md §1.2: 60/100 by default); a subject without a score
 * fails and is flagged. Examiners disagreeing by more than the threshold are flagged for review, never silently
 * averaged away; fewer than three examiners for skills or a review panel is flagged too (exams.md §1.3).
 */
export function decideResult(
  subjects: readonly SubjectSpec[],
  theory: number | null,
  examinerTotals: Partial<Record<'skills' | 'review', number[]>>,
  threshold: number,
): { scores: SubjectScore[]; passed: boolean; flags: ResultFlag[] } {
  const flags: ResultFlag[] = [];
  const scores = subjects.map((s): SubjectScore => {
    if (s.kind === 'theory') {
      if (theory === null) flags.push({ code: 'missing-score', subject: 'theory' });
      return {
        kind: 'theory',
        score: theory,
        passMark: s.passMark,
        passed: theory !== null && theory >= s.passMark,
      };
    }
    const totals = examinerTotals[s.kind] ?? [];
    const score = combine(totals);
    if (score === null) flags.push({ code: 'missing-score', subject: s.kind });
    else {
      if (totals.length < 3) flags.push({ code: 'too-few-examiners', subject: s.kind, count: totals.length });
      const spread = Math.max(...totals) - Math.min(...totals);
      if (spread > threshold)
        flags.push({ code: 'examiner-disagreement', subject: s.kind, spread, threshold });
    }
    return {
      kind: s.kind,
      score,
      passMark: s.passMark,
      passed: score !== null && score >= s.passMark,
      examiners: totals,
    };
  });
  return { scores, passed: scores.length > 0 && scores.every((s) => s.passed), flags };
}

/**
 * The first 16 characters of a skill-level certificate number: the 13-character institution code, the two-digit
 * year of issue and the level digit; the 6-digit serial follows (reference.md §5.2).
 */
export function skillNumberPrefix(institutionCode: string, issuedOn: string, level: string): string {
  if (!/^[YS]\d{12}$/.test(institutionCode)) throw new Error(`not an institution code: ${institutionCode}`);
  if (!/^[1-5]$/.test(level)) throw new Error(`not a level: ${level}`);
  return `${institutionCode}${issuedOn.slice(2, 4)}${level}`;
}

export function withSerial(prefix: string, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 999_999) throw new Error('the serial is 1–999999');
  return `${prefix}${String(serial).padStart(6, '0')}`;
}

/** When a retained artefact may be purged: never for rosters, else N years after issuance. */
export function purgeableAfter(rules: ResultsRules, cls: RetentionClass, issuedAt: Date): Date | null {
  const years = rules.retention[cls].years;
  if (years === null) return null;
  const d = new Date(issuedAt);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}
