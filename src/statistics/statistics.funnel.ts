import { funnel, funnelCurve } from '../supervision/funnel.ts';
import type { SupervisionRules } from '../supervision/supervision.rules-data.ts';
import type { Named, PassRateFigures } from './statistics.model.ts';

/** The 95% line drawn inside the rule's own limits (exams.md §4.4: limits "at 95% and 99.8%"). */
export const INNER_Z = 1.96;
const FUNNEL_RULE = 'institution.pass-rate-funnel';

/** One institution's results in the period, from `GROUP BY institution` in SQL. */
export interface PassCountRow {
  id: string;
  name: string;
  code: string;
  province: string;
  n: number;
  passed: number;
}

/**
 * The sizes at which the control-limit curves are drawn: geometric steps from 1 to a little past the largest
 * institution, so the funnel's narrow end is as smooth as its wide one.
 */
export function curveSizes(maxN: number, steps = 48): number[] {
  const top = Math.max(2, Math.ceil(maxN * 1.1));
  const out = new Set<number>([1]);
  for (let i = 1; i <= steps; i += 1) out.add(Math.max(1, Math.round(top ** (i / steps))));
  out.add(top);
  return [...out].sort((a, b) => a - b);
}

/**
 * Pass rates on the funnel plot of the supervision rule `institution.pass-rate-funnel`: the same peers, minimum
 * sizes, winsorising and overdispersion as the warning the rule raises, so the picture and the warnings agree.
 * Institutions below `minCandidates` are listed but not placed in the funnel; with fewer than `minPeers` placed,
 * there is no funnel at all (too few to say what is usual).
 */
export function buildPassRates(
  rows: readonly PassCountRow[],
  rules: Pick<SupervisionRules, 'version' | 'thresholds'>,
  provinceName: (code: string) => Named,
): Pick<PassRateFigures, 'rule' | 'funnel' | 'institutions' | 'curves'> {
  const t = rules.thresholds[FUNNEL_RULE];
  const zs = [...new Set([INNER_Z, t.z])].sort((a, b) => a - b);
  const rule = { id: FUNNEL_RULE, version: rules.version, zs, ...t };
  const placed = rows.filter((r) => r.n >= t.minCandidates);
  const answer =
    placed.length >= t.minPeers
      ? funnel(
          placed.map((r) => ({ id: r.id, n: r.n, events: r.passed })),
          { zs, winsorize: t.winsorize, overdispersion: true },
        )
      : null;
  const points = new Map(answer?.points.map((p) => [p.id, p]));
  const institutions = rows
    .map((r) => {
      const point = points.get(r.id);
      const ruleLimit = point?.limits.find((l) => l.z === t.z);
      const rate = r.n > 0 ? r.passed / r.n : 0;
      const outlier =
        ruleLimit && rate > ruleLimit.upper ? 'above' : ruleLimit && rate < ruleLimit.lower ? 'below' : null;
      return {
        id: r.id,
        name: r.name,
        code: r.code,
        province: provinceName(r.province),
        n: r.n,
        passed: r.passed,
        rate,
        inFunnel: point !== undefined,
        z: point?.z ?? null,
        limits: point?.limits ?? [],
        outlier,
      } as const;
    })
    .sort((a, b) => b.n - a.n || a.code.localeCompare(b.code));
  if (!answer) return { rule, funnel: null, institutions, curves: [] };
  const sizes = curveSizes(Math.max(...placed.map((r) => r.n)));
  return {
    rule,
    funnel: { target: answer.target, phi: answer.phi, tau2: answer.tau2 },
    institutions,
    curves: zs.map((z) => ({ z, points: funnelCurve(answer, sizes, z) })),
  };
}
