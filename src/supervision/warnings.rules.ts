import { chinaDateOf } from '../exams/plans.model.ts';
import { checkStaffing } from '../exams/staffing.rules.ts';
import { filingStatusOn } from '../institutions/institution.rules.ts';
import type { SupervisionRules } from './supervision.rules-data.ts';
import {
  aberrantPatterns,
  answerCopying,
  fastCompletion,
  passRateFunnel,
} from './warnings.integrity-rules.ts';
import type { Finding, PlanFacts } from './warnings.model.ts';

/**
 * The warning rules (issue 8 §2) as pure functions of one plan's facts. The cheap ones run on every exam event of
 * the plan; the statistical ones (copying, person fit, the funnel) need the whole plan's responses and run when
 * its results are computed and when it closes. Thresholds come from `supervision/rules.json`.
 */
type Rule = (facts: PlanFacts, rules: SupervisionRules) => Finding[];

const institutionOf = (facts: PlanFacts, id: string) => facts.institutions.find((i) => i.id === id);
const levelLabel = (level: string) => `${level}级`;

/**
 * 超范围认定 (exams.md §1.8): a sitting still to come at an institution no longer filed for the plan's occupation and
 * level. Past sittings were checked when scheduled (plans refuse them), so a later narrowing of the scope does not
 * turn history into a warning.
 */
const outsideFiling: Rule = (facts) =>
  facts.sittings.flatMap((s): Finding[] => {
    const inst = institutionOf(facts, s.institutionId);
    if (!inst || s.endsAt <= facts.now) return [];
    const filed = inst.scopes.some(
      (x) => x.occupation === facts.plan.occupation && x.level === facts.plan.level,
    );
    if (filed) return [];
    return [
      {
        rule: 'scope.outside-filing',
        key: `sitting:${s.id}`,
        institutionId: inst.id,
        sittingId: s.id,
        summary: `${inst.name}（${s.siteName}）${chinaDateOf(s.startsAt)} 的考试超出备案范围：${facts.plan.occupation} ${levelLabel(facts.plan.level)} · sitting outside the filed scope`,
        evidence: {
          occupation: facts.plan.occupation,
          level: facts.plan.level,
          filedScope: inst.scopes,
          sittingStartsAt: s.startsAt.toISOString(),
        },
      },
    ];
  });

/**
 * Activity after the filing lapsed: a sitting on a date outside the filing's validity, a sitting still to come under
 * a suspended or withdrawn filing, or a certificate issued on a date the filing did not cover.
 */
const filingLapsed: Rule = (facts) => {
  const out: Finding[] = [];
  for (const s of facts.sittings) {
    const inst = institutionOf(facts, s.institutionId);
    if (!inst) continue;
    const day = chinaDateOf(s.startsAt);
    const dated = filingStatusOn({ ...inst, status: 'active' }, day);
    const state = s.endsAt > facts.now ? filingStatusOn(inst, day) : dated;
    if (state === 'active') continue;
    out.push({
      rule: 'scope.filing-lapsed',
      key: `sitting:${s.id}`,
      institutionId: inst.id,
      sittingId: s.id,
      summary: `${inst.name} 备案状态为 ${state} 时安排考试（${day}）· sitting while the filing is ${state}`,
      evidence: {
        filing: { status: inst.status, validFrom: inst.validFrom, validUntil: inst.validUntil },
        day,
      },
    });
  }
  for (const c of facts.issued) {
    const inst = institutionOf(facts, c.institutionId);
    if (!inst) continue;
    const state = filingStatusOn({ ...inst, status: 'active' }, c.issuedOn);
    if (state === 'active') continue;
    out.push({
      rule: 'scope.filing-lapsed',
      key: `certificate:${c.certificateId}`,
      institutionId: inst.id,
      sittingId: null,
      summary: `${inst.name} 在备案有效期外发证（${c.issuedOn}）· certificate issued outside the filing's validity`,
      evidence: {
        certificate: c.certificateId,
        registration: c.registrationId,
        issuedOn: c.issuedOn,
        filing: { validFrom: inst.validFrom, validUntil: inst.validUntil },
      },
    });
  }
  return out;
};

/** A certificate whose sealed record lacks a score for one of the plan's subjects, or that has no record at all. */
const scoresIncomplete: Rule = (facts) =>
  facts.issued.flatMap((c): Finding[] => {
    if (c.archivedScores === 'purged') return [];
    const have = new Map((c.archivedScores ?? []).map((s) => [s.kind, s.score]));
    const missing = facts.plan.subjects.filter((k) => typeof have.get(k) !== 'number');
    if (missing.length === 0) return [];
    return [
      {
        rule: 'archive.scores-incomplete',
        key: `certificate:${c.certificateId}`,
        institutionId: c.institutionId,
        sittingId: null,
        summary: `证书已发放但成绩档案缺少：${missing.join('、')} · certificate issued without archived ${missing.join(', ')} scores`,
        evidence: {
          certificate: c.certificateId,
          registration: c.registrationId,
          sealed: c.archivedScores !== null,
          missing,
        },
      },
    ];
  });

/**
 * Staff ratios and recusal (exams.md §1.3), once the sitting has begun: before that the institution may still fix
 * its staffing, and the console shows it the same checks.
 */
const staffing = (facts: PlanFacts) =>
  facts.sittings
    .filter((s) => s.startsAt <= facts.now)
    .map((s) => {
      const inst = institutionOf(facts, s.institutionId);
      const answer = checkStaffing({
        ratios: facts.ratios,
        subjects: facts.plan.subjects,
        candidates: s.candidates,
        rooms: 1,
        runningInstitution: inst?.name ?? '',
        candidateEmployers: s.candidateEmployers,
        staff: s.staff,
      });
      return { s, inst, answer };
    });

const staffRatio: Rule = (facts) =>
  staffing(facts).flatMap(({ s, inst, answer }): Finding[] => {
    const unmet = answer.checks.filter((c) => c.status === 'unmet');
    if (unmet.length === 0 || s.candidates === 0) return [];
    return [
      {
        rule: 'staff.ratio',
        key: `sitting:${s.id}`,
        institutionId: s.institutionId,
        sittingId: s.id,
        summary: `${inst?.name ?? ''}（${s.siteName}）考评人员配比不足：${unmet.map((c) => `${c.code} ${c.actual}/${c.required}`).join('，')} · staff ratio not met`,
        evidence: { candidates: s.candidates, checks: unmet },
      },
    ];
  });

const staffRecusal: Rule = (facts) =>
  staffing(facts).flatMap(({ s, inst, answer }): Finding[] => {
    if (answer.recusals.length === 0) return [];
    const names = answer.recusals.map((r) => s.staff.find((m) => m.id === r.staffId)?.name ?? r.staffId);
    return [
      {
        rule: 'staff.recusal',
        key: `sitting:${s.id}`,
        institutionId: s.institutionId,
        sittingId: s.id,
        summary: `${inst?.name ?? ''}（${s.siteName}）未执行回避：${names.join('、')} · recusal not applied`,
        evidence: {
          recusals: answer.recusals.map((r) => {
            const m = s.staff.find((x) => x.id === r.staffId);
            return {
              staffId: r.staffId,
              name: m?.name,
              role: m?.role,
              employer: m?.employer,
              reason: r.reason,
            };
          }),
        },
      },
    ];
  });

const examinerDisagreement: Rule = (facts, rules) => {
  const { maxSpread } = rules.thresholds['scores.examiner-disagreement'];
  return facts.sheets.flatMap((sheet): Finding[] => {
    if (sheet.totals.length < 2) return [];
    const spread = Math.max(...sheet.totals) - Math.min(...sheet.totals);
    if (spread <= maxSpread) return [];
    const sitting = facts.sittings.find((s) => s.id === sheet.sittingId);
    return [
      {
        rule: 'scores.examiner-disagreement',
        key: `registration:${sheet.registrationId}:${sheet.subject}`,
        institutionId: sitting?.institutionId ?? null,
        sittingId: sheet.sittingId,
        summary: `考评员评分分歧 ${spread} 分（阈值 ${maxSpread}）· examiners disagree by ${spread} points`,
        evidence: {
          registration: sheet.registrationId,
          subject: sheet.subject,
          totals: sheet.totals,
          spread,
          maxSpread,
        },
      },
    ];
  });
};

/** One identity in two overlapping sittings (替考, exams.md §1.8): registration refuses it, imports may not. */
const overlapping: Rule = (facts) =>
  facts.overlaps.flatMap((o): Finding[] => {
    const sitting = facts.sittings.find((s) => s.id === o.sittingId);
    const pair = [o.registrationId, o.otherRegistrationId].sort();
    return [
      {
        rule: 'identity.overlapping-sittings',
        key: `registrations:${pair.join(':')}`,
        institutionId: sitting?.institutionId ?? null,
        sittingId: o.sittingId,
        summary: '同一身份报名参加时间重叠的两场考试 · one identity in two overlapping sittings',
        evidence: { registrations: pair, otherPlan: o.otherPlanId },
      },
    ];
  });

/** Rules that read one event's worth of change: run on every exam event of the plan. */
export const eventRules: Record<string, Rule> = {
  'scope.outside-filing': outsideFiling,
  'scope.filing-lapsed': filingLapsed,
  'archive.scores-incomplete': scoresIncomplete,
  'staff.ratio': staffRatio,
  'staff.recusal': staffRecusal,
  'scores.examiner-disagreement': examinerDisagreement,
  'identity.overlapping-sittings': overlapping,
  'integrity.fast-completion': fastCompletion,
};

/** Rules over the whole plan's responses and its peers: run when results are computed and when the plan closes. */
export const planRules: Record<string, Rule> = {
  'integrity.answer-copying': answerCopying,
  'integrity.aberrant-pattern': aberrantPatterns,
  'institution.pass-rate-funnel': passRateFunnel,
};

/** Every finding for the plan: the event rules always, the plan rules when `whole` (results computed, closed). */
export function evaluatePlan(facts: PlanFacts, rules: SupervisionRules, whole: boolean): Finding[] {
  const run = whole ? { ...eventRules, ...planRules } : eventRules;
  return Object.values(run).flatMap((rule) => rule(facts, rules));
}
