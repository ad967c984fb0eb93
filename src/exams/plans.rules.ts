/**
 * Pure decisions about exam plans (issue 6 §2): subjects within the standard's bounds, the filing checks of every
 * participating institution, the plan's lifecycle, and who may see and change a plan. No I/O; `today` is passed in.
 */
import { type FilingProblem, filingProblem } from '../institutions/institution.rules.ts';
import type { ErrorDetail } from '../shared/errors.ts';
import {
  chinaDateOf,
  type InstitutionFacts,
  type Plan,
  type PlanStatus,
  type SittingFacts,
  type Subject,
  type SubjectInput,
} from './plans.model.ts';
import type { StaffRatios, Standard } from './plans.standards.ts';

// ---------------------------------------------------------------------------------------------------------------
// Subjects

/**
 * The plan's subjects: the standard's, with the plan's own duration and pass mark where given. The standard's
 * figures are minimums (exams.md §1.2: "考核时间不少于…", 60/100 passes), so a plan may only be longer or stricter,
 * and not beyond the file's `planBounds`.
 */
export function resolveSubjects(
  standard: Standard,
  input: readonly SubjectInput[] | undefined,
): { subjects: Subject[]; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  const given = new Map<string, SubjectInput>();
  (input ?? []).forEach((s, i) => {
    const path = `body.subjects.${i}`;
    if (!standard.subjects.some((r) => r.kind === s.kind))
      problems.push({ path: `${path}.kind`, message: `subject-not-in-standard: ${s.kind}` });
    else if (given.has(s.kind))
      problems.push({ path: `${path}.kind`, message: `duplicate-subject: ${s.kind}` });
    else given.set(s.kind, s);
  });
  const subjects = standard.subjects.map((rule) => {
    const own = given.get(rule.kind);
    const subject: Subject = {
      kind: rule.kind,
      durationMinutes: own?.durationMinutes ?? rule.durationMinutes,
      passMark: own?.passMark ?? rule.passMark,
      fullMark: rule.fullMark,
    };
    const path = own ? `body.subjects.${(input ?? []).indexOf(own)}` : `subjects.${rule.kind}`;
    if (subject.durationMinutes < rule.durationMinutes)
      problems.push({
        path: `${path}.durationMinutes`,
        message: `duration-below-standard: at least ${rule.durationMinutes} minutes`,
      });
    if (subject.durationMinutes > standard.bounds.maxDurationMinutes)
      problems.push({
        path: `${path}.durationMinutes`,
        message: `duration-above-bound: at most ${standard.bounds.maxDurationMinutes} minutes`,
      });
    if (subject.passMark < rule.passMark)
      problems.push({
        path: `${path}.passMark`,
        message: `pass-mark-below-standard: at least ${rule.passMark}`,
      });
    const maxPass = Math.min(standard.bounds.maxPassMark, rule.fullMark);
    if (subject.passMark > maxPass)
      problems.push({ path: `${path}.passMark`, message: `pass-mark-above-bound: at most ${maxPass}` });
    return subject;
  });
  return { subjects, problems };
}

// ---------------------------------------------------------------------------------------------------------------
// Filing and schedule checks

type PlanDates = Pick<Plan, 'occupation' | 'level' | 'registrationOpens' | 'registrationCloses'>;

export interface InstitutionProblem {
  institution: Pick<InstitutionFacts, 'id' | 'name'>;
  problem: FilingProblem;
}

/**
 * Why any participating institution may not run the plan (issue 6 §2: "a plan outside the institution's filed
 * scope, or after its filing lapsed, is refused"): checked on both ends of the registration window and on every
 * date its sittings touch. One problem per institution and reason code, at its first date.
 */
export function filingProblems(
  plan: PlanDates,
  institutions: readonly InstitutionFacts[],
  sittings: readonly SittingFacts[],
): InstitutionProblem[] {
  const out: InstitutionProblem[] = [];
  for (const inst of institutions) {
    const dates = new Set([plan.registrationOpens, plan.registrationCloses]);
    for (const s of sittings) {
      if (s.institutionId !== inst.id) continue;
      dates.add(chinaDateOf(s.startsAt));
      dates.add(chinaDateOf(s.endsAt));
    }
    const seen = new Set<string>();
    for (const date of [...dates].sort()) {
      const problem = filingProblem(inst, inst.scopes, plan.occupation, plan.level, date);
      if (problem && !seen.has(problem.code)) {
        seen.add(problem.code);
        out.push({ institution: { id: inst.id, name: inst.name }, problem });
      }
    }
  }
  return out;
}

/** Error details naming the institution and the reason code of `filingProblem`. */
export function institutionDetails(problems: readonly InstitutionProblem[]): ErrorDetail[] {
  return problems.map(({ institution, problem }) => ({
    path: `institutions.${institution.id}`,
    message:
      problem.code === 'outside-filed-scope'
        ? `${problem.code}: ${institution.name} is not filed for ${problem.occupation} level ${problem.level}`
        : `${problem.code}: ${institution.name} on ${problem.date}`,
  }));
}

/** A sitting takes place after registration has closed (认定公告: 报名 first, then the exam). */
export function scheduleProblems(
  plan: Pick<Plan, 'registrationCloses'>,
  sittings: readonly SittingFacts[],
): ErrorDetail[] {
  return sittings
    .filter((s) => chinaDateOf(s.startsAt) <= plan.registrationCloses)
    .map((s) => ({
      path: `sittings.${s.id}`,
      message: `sitting-before-registration-closes: registration closes ${plan.registrationCloses}`,
    }));
}

/**
 * What stands in the way of approval: every filing re-checked, the schedule, at least one sitting at each
 * participating institution (a joint plan shares one schedule across them), and a window not already past.
 */
export function approvalProblems(
  plan: Plan,
  institutions: readonly InstitutionFacts[],
  sittings: readonly SittingFacts[],
  today: string,
): ErrorDetail[] {
  const problems = [
    ...institutionDetails(filingProblems(plan, institutions, sittings)),
    ...scheduleProblems(plan, sittings),
  ];
  for (const inst of institutions) {
    if (!sittings.some((s) => s.institutionId === inst.id))
      problems.push({ path: `institutions.${inst.id}`, message: `no-sittings: ${inst.name} has no sitting` });
  }
  if (plan.registrationCloses < today)
    problems.push({
      path: 'registrationCloses',
      message: `registration-closed: the window closed on ${plan.registrationCloses}`,
    });
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Lifecycle

export type PlanStep = 'update' | 'approve' | 'cancel' | 'close';

/** draft → approved → closed; draft or approved → cancelled. Closed and cancelled are final. */
export function nextPlanStatus(status: PlanStatus, step: PlanStep): PlanStatus | null {
  switch (step) {
    case 'update':
      return status === 'draft' ? 'draft' : null;
    case 'approve':
      return status === 'draft' ? 'approved' : null;
    case 'cancel':
      return status === 'draft' || status === 'approved' ? 'cancelled' : null;
    case 'close':
      return status === 'approved' ? 'closed' : null;
  }
}

/** `RD-<lead province>-<year>-<sequence>`, the sequence counting the lead province's plans of that year. */
export function planCode(leadProvince: string, year: string, seq: number): string {
  return `RD-${leadProvince}-${year}-${String(seq).padStart(4, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Staffing

const odd = (n: number, isOdd: boolean) => (isOdd && n % 2 === 0 ? n + 1 : n);

/**
 * The fewest staff a sitting of `capacity` needs by the standard's ratios (exams.md §1.3): invigilators 1:15 and
 * at least 2 (one room assumed), examiners 1:5 and at least 3, odd; a review panel of at least 3, odd.
 */
export function staffingFor(staff: StaffRatios, capacity: number, hasReview: boolean) {
  const inv = staff.invigilators;
  const ex = staff.examiners;
  return {
    invigilators: Math.max(inv.minPerRoom, Math.ceil(capacity / inv.candidatesPerStaff)),
    examiners: odd(Math.max(ex.min, Math.ceil(capacity / ex.candidatesPerStaff)), ex.odd),
    reviewPanel: hasReview ? odd(staff.reviewPanel.min, staff.reviewPanel.odd) : null,
  };
}
