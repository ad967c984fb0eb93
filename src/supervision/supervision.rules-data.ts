import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../config.ts';
import { readDataFile } from '../shared/data-files.ts';

/**
 * The warning rules as data (issue 8 §2; `supervision/rules.json`): id, severity, basis and thresholds, versioned.
 * The code below names every rule the engine knows; the file must describe exactly those, so a rule cannot be
 * switched on without its basis nor silently dropped.
 */
export const ruleIds = [
  'scope.outside-filing',
  'scope.filing-lapsed',
  'archive.scores-incomplete',
  'staff.ratio',
  'staff.recusal',
  'scores.examiner-disagreement',
  'institution.pass-rate-funnel',
  'integrity.answer-copying',
  'integrity.aberrant-pattern',
  'integrity.fast-completion',
  'identity.overlapping-sittings',
] as const;
export type RuleId = (typeof ruleIds)[number];

export const severities = ['hard', 'high', 'medium', 'low'] as const;
export type Severity = (typeof severities)[number];

const share = z.number().min(0).max(1);
const thresholdsById = {
  'scope.outside-filing': z.strictObject({}),
  'scope.filing-lapsed': z.strictObject({}),
  'archive.scores-incomplete': z.strictObject({}),
  'staff.ratio': z.strictObject({}),
  'staff.recusal': z.strictObject({}),
  'scores.examiner-disagreement': z.strictObject({ maxSpread: z.number().min(0).max(100) }),
  'institution.pass-rate-funnel': z.strictObject({
    z: z.number().positive(),
    winsorize: z.number().min(0).max(0.49),
    minCandidates: z.number().int().min(1),
    minPeers: z.number().int().min(2),
  }),
  'integrity.answer-copying': z.strictObject({
    alpha: z.number().positive().max(0.5),
    minSourceWrong: z.number().int().min(1),
    minMatches: z.number().int().min(1),
    /** Others on the form (besides the pair) needed to estimate p at all. */
    minComparison: z.number().int().min(1),
  }),
  'integrity.aberrant-pattern': z.strictObject({
    gnormed: share,
    minItems: z.number().int().min(2),
    minCorrectShare: share,
    maxCorrectShare: share,
    minPopulation: z.number().int().min(2),
  }),
  'integrity.fast-completion': z.strictObject({
    fractionOfAllowed: share,
    fractionOfMedian: share,
    minScoreShare: share,
  }),
  'identity.overlapping-sittings': z.strictObject({}),
} satisfies Record<RuleId, z.ZodType>;
export type Thresholds = { [K in RuleId]: z.infer<(typeof thresholdsById)[K]> };

const ruleSchema = z.strictObject({
  id: z.enum(ruleIds),
  severity: z.enum(severities),
  title: z.string().min(1),
  basis: z.string().min(1),
  thresholds: z.record(z.string(), z.unknown()),
});
const fileSchema = z.strictObject({
  $comment: z.string().optional(),
  version: z.string().min(1),
  /** Days the institution has to answer a warning sent to it (and again after a return). */
  reviewDays: z.number().int().min(1).max(90),
  rules: z.array(ruleSchema),
});

export interface RuleSpec {
  id: RuleId;
  severity: Severity;
  title: string;
  basis: string;
}
export interface SupervisionRules {
  version: string;
  reviewDays: number;
  rules: Record<RuleId, RuleSpec>;
  thresholds: Thresholds;
}

export function loadSupervisionRules(dir = path.join(projectRoot, 'supervision')): SupervisionRules {
  const problems: { path: string; message: string }[] = [];
  const file = readDataFile(dir, 'rules.json', fileSchema, problems);
  const fail = (why: string) => new Error(`supervision/rules.json is invalid: ${why}`);
  if (!file) throw fail(problems.map((p) => `${p.path} ${p.message}`).join('; '));
  const rules = {} as Record<RuleId, RuleSpec>;
  const thresholds = {} as Record<RuleId, unknown>;
  for (const [i, r] of file.rules.entries()) {
    if (rules[r.id]) throw fail(`rules.${i}.id ${r.id} appears twice`);
    const parsed = thresholdsById[r.id].safeParse(r.thresholds);
    if (!parsed.success)
      throw fail(
        `rules.${i}.thresholds ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`,
      );
    rules[r.id] = { id: r.id, severity: r.severity, title: r.title, basis: r.basis };
    thresholds[r.id] = parsed.data;
  }
  const missing = ruleIds.filter((id) => !rules[id]);
  if (missing.length > 0) throw fail(`no entry for ${missing.join(', ')}`);
  return { version: file.version, reviewDays: file.reviewDays, rules, thresholds: thresholds as Thresholds };
}
