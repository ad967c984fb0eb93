/**
 * Staffing a sitting (issue 7 §3): invigilators and examiners by the standard's ratios, and recusal. Pure: the
 * facts (staff, candidates, ratios, the running institution) are passed in; every check is a value with a code.
 */
import type { StaffRatios } from './plans.standards.ts';

export const staffRoles = ['invigilator', 'examiner', 'reviewer'] as const;
export type StaffRole = (typeof staffRoles)[number];

export interface StaffMember {
  id: string;
  role: StaffRole;
  name: string;
  employer: string;
}

export type StaffCheckCode =
  | 'invigilators' // 理论知识考试: at least minPerRoom per room and 1 per candidatesPerStaff candidates
  | 'examiners' // 技能考核: at least min and 1 per candidatesPerStaff candidates
  | 'examiners-odd' // 技能考核: an odd number of examiners, so a panel's majority decides
  | 'review-panel' // 综合评审 (levels 2 and 1): at least min members
  | 'review-panel-odd'; // 综合评审: an odd number

export interface StaffCheck {
  code: StaffCheckCode;
  status: 'met' | 'unmet' | 'skipped';
  required: number;
  actual: number;
}

export type RecusalReason =
  | 'running-institution' // works for the institution running the sitting (exams.md §1.3 回避)
  | 'candidate-employer'; // works for a registered candidate's employer

export interface Recusal {
  staffId: string;
  reason: RecusalReason;
}

export interface StaffingFacts {
  ratios: StaffRatios;
  /** The subjects the plan sits: examiners are checked for skills, the panel for review. */
  subjects: readonly string[];
  candidates: number;
  /** Rooms of the sitting; Hutong does not model rooms yet, so a sitting is one room. */
  rooms: number;
  runningInstitution: string;
  /** Employers the sitting's registered candidates declared (工作单位, optional at registration). */
  candidateEmployers: readonly string[];
  staff: readonly StaffMember[];
}

export interface StaffingAnswer {
  ok: boolean;
  checks: StaffCheck[];
  recusals: Recusal[];
}

/** Employer names compared loosely: full-width forms, spacing and case do not make a different employer. */
export function sameEmployer(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return norm(a) !== '' && norm(a) === norm(b);
}

export function recusalsOf(
  facts: Pick<StaffingFacts, 'staff' | 'runningInstitution' | 'candidateEmployers'>,
) {
  const out: Recusal[] = [];
  for (const s of facts.staff) {
    if (sameEmployer(s.employer, facts.runningInstitution))
      out.push({ staffId: s.id, reason: 'running-institution' });
    else if (facts.candidateEmployers.some((e) => sameEmployer(s.employer, e)))
      out.push({ staffId: s.id, reason: 'candidate-employer' });
  }
  return out;
}

const check = (code: StaffCheckCode, required: number, actual: number, applies = true): StaffCheck => ({
  code,
  status: applies ? (actual >= required ? 'met' : 'unmet') : 'skipped',
  required,
  actual,
});
const oddCheck = (code: StaffCheckCode, actual: number, applies: boolean): StaffCheck => ({
  code,
  status: applies ? (actual % 2 === 1 ? 'met' : 'unmet') : 'skipped',
  required: 1,
  actual: actual % 2,
});
const roundUpToOdd = (n: number) => (n % 2 === 0 ? n + 1 : n);

/**
 * Checks a sitting's staff against the ratios (issue 7 §3; exams/standards.json). A recused member does not
 * count towards any ratio: they may not serve at this sitting.
 */
export function checkStaffing(facts: StaffingFacts): StaffingAnswer {
  const recusals = recusalsOf(facts);
  const recused = new Set(recusals.map((r) => r.staffId));
  const serving = (role: StaffRole) =>
    facts.staff.filter((s) => s.role === role && !recused.has(s.id)).length;
  const { invigilators, examiners, reviewPanel } = facts.ratios;
  const hasSkills = facts.subjects.includes('skills');
  const hasReview = facts.subjects.includes('review');
  const neededExaminers = Math.max(examiners.min, Math.ceil(facts.candidates / examiners.candidatesPerStaff));
  const checks = [
    check(
      'invigilators',
      Math.max(
        invigilators.minPerRoom * facts.rooms,
        Math.ceil(facts.candidates / invigilators.candidatesPerStaff),
      ),
      serving('invigilator'),
      facts.subjects.includes('theory'),
    ),
    check(
      'examiners',
      examiners.odd ? roundUpToOdd(neededExaminers) : neededExaminers,
      serving('examiner'),
      hasSkills,
    ),
    oddCheck('examiners-odd', serving('examiner'), hasSkills && examiners.odd),
    check('review-panel', reviewPanel.min, serving('reviewer'), hasReview),
    oddCheck('review-panel-odd', serving('reviewer'), hasReview && reviewPanel.odd),
  ];
  return { ok: recusals.length === 0 && checks.every((c) => c.status !== 'unmet'), checks, recusals };
}
