import { funnel } from './funnel.ts';
import { findCopyingPairs, gnormed, itemPValues } from './integrity.ts';
import type { SupervisionRules } from './supervision.rules-data.ts';
import type { Finding, PlanFacts } from './warnings.model.ts';

/**
 * The statistical warning rules (issue 8 §2; exams.md §4): answer copying within a room, aberrant score patterns,
 * implausibly fast completion, and the institution's pass rate against its peers' funnel. Evidence carries
 * registration ids and statistics only, never names or ID numbers.
 */
const round = (x: number, digits = 4) => Number(x.toPrecision(digits));
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}
const submitted = (facts: PlanFacts) => facts.attempts.filter((a) => a.submittedAt !== null);
const institutionOfSitting = (facts: PlanFacts, sittingId: string) =>
  facts.sittings.find((s) => s.id === sittingId)?.institutionId ?? null;

/**
 * 雷同答卷 (exams.md §4.1): Holland's K within each sitting (one room) and paper form, p estimated from everyone who
 * took the form in the plan, Bonferroni over the room's pairs.
 */
export function answerCopying(facts: PlanFacts, rules: SupervisionRules): Finding[] {
  const t = rules.thresholds['integrity.answer-copying'];
  const done = submitted(facts);
  const rooms = groupBy(done, (a) => `${a.sittingId}|${a.paperId}`);
  // One population array per form, so its prepared counts are shared by every room of the form.
  const forms = new Map(
    [...groupBy(done, (a) => a.paperId)].map(([paper, xs]) => [paper, xs.map((a) => a.responses)]),
  );
  const out: Finding[] = [];
  for (const room of rooms.values()) {
    const first = room[0];
    if (!first || room.length < 2) continue;
    const population = forms.get(first.paperId) ?? [];
    // Too few others on the form to estimate how often honest candidates agree: no test (rules.json).
    if (population.length - 2 < t.minComparison) continue;
    for (const flag of findCopyingPairs(
      room.map((a) => a.responses),
      population,
      { ...t, minGroup: t.minComparison },
    )) {
      out.push({
        rule: 'integrity.answer-copying',
        key: `pair:${[flag.copier, flag.source].sort().join(':')}`,
        institutionId: institutionOfSitting(facts, first.sittingId),
        sittingId: first.sittingId,
        summary: `同一考场两份答卷雷同：错误选项相同 ${flag.k.matches}/${flag.k.sourceWrong} 题，K 指数校正 p = ${round(flag.adjustedP, 3)} · identical wrong answers within one room`,
        evidence: {
          copier: flag.copier,
          source: flag.source,
          paper: first.paperId,
          roomSize: room.length,
          k: { ...flag.k, p: round(flag.k.p), pValue: flag.k.pValue },
          omega: flag.omega && { z: round(flag.omega.z), pValue: flag.omega.pValue },
          adjustedP: flag.adjustedP,
          alpha: t.alpha,
        },
      });
    }
  }
  return out;
}

/**
 * Normed Guttman errors (exams.md §4.2) against item difficulty: the form's proportions correct when enough took it,
 * otherwise the bank's calibrated difficulty (p ≈ 1 − difficulty).
 */
export function aberrantPatterns(facts: PlanFacts, rules: SupervisionRules): Finding[] {
  const t = rules.thresholds['integrity.aberrant-pattern'];
  const done = submitted(facts);
  // Proportions correct once per form (not per candidate: a plan may hold thousands on one form).
  const forms = groupBy(done, (a) => a.paperId);
  const formPValues = new Map(
    [...forms].map(([paper, xs]) => [
      paper,
      xs.length >= t.minPopulation ? itemPValues(xs.map((x) => x.responses)) : null,
    ]),
  );
  const out: Finding[] = [];
  for (const a of done) {
    const items = a.responses.correct.length;
    if (items < t.minItems) continue;
    const right = a.responses.correct.filter(Boolean).length;
    if (right < t.minCorrectShare * items || right > t.maxCorrectShare * items) continue;
    const fromForm = formPValues.get(a.paperId) ?? null;
    const pValues = fromForm ?? a.difficulty.map((d) => 1 - d);
    const g = gnormed(a.responses.correct, pValues);
    if (!g || g.gnormed < t.gnormed) continue;
    out.push({
      rule: 'integrity.aberrant-pattern',
      key: `registration:${a.registrationId}`,
      institutionId: institutionOfSitting(facts, a.sittingId),
      sittingId: a.sittingId,
      summary: `作答模式异常：Gnormed = ${round(g.gnormed, 3)}（阈值 ${t.gnormed}）· easy items wrong, hard items right`,
      evidence: {
        registration: a.registrationId,
        guttmanErrors: g.guttmanErrors,
        gnormed: round(g.gnormed),
        correct: right,
        items,
        difficultyFrom: fromForm ? 'form' : 'bank',
      },
    });
  }
  return out;
}

/** Finished in a fraction of the time allowed and of the room's median, with a high score (exams.md §4.2). */
export function fastCompletion(facts: PlanFacts, rules: SupervisionRules): Finding[] {
  const t = rules.thresholds['integrity.fast-completion'];
  const done = submitted(facts);
  const minutes = (a: (typeof done)[number]) =>
    ((a.submittedAt?.getTime() ?? 0) - a.startedAt.getTime()) / 60_000;
  const rooms = new Map(
    [...groupBy(done, (a) => `${a.sittingId}|${a.paperId}`)].map(([key, xs]) => [
      key,
      median(xs.map(minutes)),
    ]),
  );
  const out: Finding[] = [];
  for (const a of done) {
    if (a.score === null || a.fullScore <= 0 || a.score < t.minScoreShare * a.fullScore) continue;
    const used = minutes(a);
    const roomMedian = rooms.get(`${a.sittingId}|${a.paperId}`) ?? 0;
    if (used >= t.fractionOfAllowed * a.allowedMinutes || used >= t.fractionOfMedian * roomMedian) continue;
    out.push({
      rule: 'integrity.fast-completion',
      key: `registration:${a.registrationId}`,
      institutionId: institutionOfSitting(facts, a.sittingId),
      sittingId: a.sittingId,
      summary: `用时 ${round(used, 3)} 分钟（限时 ${a.allowedMinutes}，考场中位 ${round(roomMedian, 3)}）得分 ${a.score} · implausibly fast`,
      evidence: {
        registration: a.registrationId,
        minutes: round(used),
        allowedMinutes: a.allowedMinutes,
        roomMedianMinutes: round(roomMedian),
        score: a.score,
        fullScore: a.fullScore,
      },
    });
  }
  return out;
}

/**
 * The plan's institutions against the funnel of every institution evaluating the same occupation and level that
 * year (exams.md §4.4), overdispersion-adjusted. Too few peers or candidates say nothing.
 */
export function passRateFunnel(facts: PlanFacts, rules: SupervisionRules): Finding[] {
  const t = rules.thresholds['institution.pass-rate-funnel'];
  const units = facts.peers.filter((u) => u.n >= t.minCandidates);
  if (units.length < t.minPeers) return [];
  const answer = funnel(units, { zs: [t.z], winsorize: t.winsorize, overdispersion: true });
  const mine = new Set(facts.institutions.map((i) => i.id));
  return answer.points
    .filter((p) => mine.has(p.id) && p.outside !== null)
    .map((p) => {
      const limit = p.limits[0];
      const side = p.rate > answer.target ? '偏高 above' : '偏低 below';
      return {
        rule: 'institution.pass-rate-funnel' as const,
        key: `institution:${p.id}:${facts.plan.occupation}:${facts.plan.level}:${facts.plan.year}`,
        institutionId: p.id,
        sittingId: null,
        summary: `通过率 ${(p.rate * 100).toFixed(1)}%（${p.events}/${p.n}）${side} 同行控制限 [${((limit?.lower ?? 0) * 100).toFixed(1)}%, ${((limit?.upper ?? 1) * 100).toFixed(1)}%] · pass rate outside the peers' funnel`,
        evidence: {
          n: p.n,
          passed: p.events,
          rate: round(p.rate),
          target: round(answer.target),
          tau2: round(answer.tau2),
          z: round(p.z),
          limits: p.limits,
          peers: units.length,
        },
      };
    });
}
