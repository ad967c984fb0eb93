/**
 * Pass-rate funnel plot with an additive over-dispersion allowance (issue 8; exams.md §4.4), after Spiegelhalter,
 * "Handling over-dispersion of performance indicators", Quality and Safety in Health Care 14 (2005) 347–351: the
 * sections on winsorised z-scores and on additive random-effects models. Pure: no I/O, no clock. A unit outside
 * the limits is a prompt for a 质量督导 review, never a finding by itself.
 */

/** A unit (institution, examiner, batch): `events` passes out of `n` candidates. Units with n = 0 are dropped. */
export interface FunnelUnit {
  id: string;
  n: number;
  events: number;
}

/** `zs` are the limit multipliers, e.g. [1.96, 3.09] for 95% and 99.8%; `winsorize` is the fraction trimmed at each end, e.g. 0.1. */
export interface FunnelOptions {
  zs: readonly number[];
  winsorize: number;
  overdispersion: boolean;
}

export interface FunnelLimit {
  z: number;
  lower: number;
  upper: number;
}

/** `z` is measured against sqrt(s_i² + τ²); `outside` is the largest z whose limits the rate lies strictly outside, else null. */
export interface FunnelPoint {
  id: string;
  n: number;
  events: number;
  rate: number;
  z: number;
  limits: FunnelLimit[];
  outside: number | null;
}

/** `target` θ0 = Σevents/Σn (0 when there is no unit); `phi` the mean winsorised z²; `tau2` the between-unit variance. */
export interface FunnelAnswer {
  target: number;
  phi: number;
  tau2: number;
  points: FunnelPoint[];
}

const clamp = (x: number, low: number, high: number): number => Math.min(high, Math.max(low, x));
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/**
 * The q-th sample quantile of sorted values by R's default rule (type 7, Hyndman & Fan 1996): linear
 * interpolation between the order statistics either side of position (n − 1)·q. FunnelPlotR winsorises with it.
 */
function quantileType7(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const low = sorted[below] ?? Number.NaN;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? low;
  return low + (position - below) * (high - low);
}

/** Values below the q-th quantile are raised to it and values above the (1−q)-th lowered to it (Spiegelhalter 2005). */
function winsorize(values: readonly number[], fraction: number): number[] {
  if (fraction === 0 || values.length === 0) return [...values];
  const sorted = [...values].sort((a, b) => a - b);
  const low = quantileType7(sorted, fraction);
  const high = quantileType7(sorted, 1 - fraction);
  return values.map((v) => clamp(v, low, high));
}

/**
 * τ² by the method of moments (DerSimonian–Laird), Spiegelhalter 2005, additive random-effects model: with I units,
 * w_i = 1/s_i² and the winsorised dispersion φ, τ² = (Iφ − (I − 1)) / (Σw − Σw²/Σw) when Iφ > I − 1, else 0.
 */
function betweenUnitVariance(phi: number, variances: readonly number[]): number {
  const units = variances.length;
  if (units < 2 || units * phi <= units - 1) return 0;
  const weights = variances.map((v) => 1 / v);
  const total = sum(weights);
  return (units * phi - (units - 1)) / (total - sum(weights.map((w) => w * w)) / total);
}

function limitsAround(target: number, se: number, z: number): { lower: number; upper: number } {
  return { lower: clamp(target - z * se, 0, 1), upper: clamp(target + z * se, 0, 1) };
}

/**
 * Funnel plot of pass rates against the pooled rate (exams.md §4.4). s_i = sqrt(θ0(1−θ0)/n_i), z_i = (y_i − θ0)/s_i,
 * winsorised at `opts.winsorize` per end before φ is taken; limits θ0 ± z·sqrt(s_i² + τ²), clamped to [0, 1].
 * When θ0 is 0 or 1 (everyone failed or everyone passed) there is no binomial spread: τ² = 0, the limits collapse
 * to θ0 and every z is 0.
 */
export function funnel(units: readonly FunnelUnit[], opts: FunnelOptions): FunnelAnswer {
  if (!(opts.winsorize >= 0 && opts.winsorize <= 0.5)) {
    throw new RangeError(`winsorize ${opts.winsorize} is not a fraction per end in [0, 0.5]`);
  }
  const kept = units.filter((u) => u.n > 0);
  const totalN = sum(kept.map((u) => u.n));
  const target = totalN > 0 ? sum(kept.map((u) => u.events)) / totalN : 0;
  const isDegenerate = target <= 0 || target >= 1;
  const variances = kept.map((u) => (target * (1 - target)) / u.n);
  const rawZ = kept.map((u, i) =>
    isDegenerate ? 0 : (u.events / u.n - target) / Math.sqrt(variances[i] ?? 0),
  );
  const phi = kept.length > 0 ? sum(winsorize(rawZ, opts.winsorize).map((z) => z * z)) / kept.length : 0;
  const tau2 = opts.overdispersion && !isDegenerate ? betweenUnitVariance(phi, variances) : 0;

  const points = kept.map((u, i): FunnelPoint => {
    const rate = u.events / u.n;
    const se = Math.sqrt((variances[i] ?? 0) + tau2);
    const limits = opts.zs.map((z) => ({ z, ...limitsAround(target, se, z) }));
    const breached = limits.filter((l) => rate < l.lower || rate > l.upper).map((l) => l.z);
    return {
      id: u.id,
      n: u.n,
      events: u.events,
      rate,
      z: se > 0 ? (rate - target) / se : 0,
      limits,
      outside: breached.length > 0 ? Math.max(...breached) : null,
    };
  });
  return { target, phi, tau2, points };
}

/** The control limits for drawing: for each n, target ± z·sqrt(target(1−target)/n + tau2), clamped to [0,1]. An n ≤ 0 carries no information: [0, 1]. */
export function funnelCurve(
  answer: Pick<FunnelAnswer, 'target' | 'tau2'>,
  ns: readonly number[],
  z: number,
): { n: number; lower: number; upper: number }[] {
  const { target, tau2 } = answer;
  return ns.map((n) =>
    n > 0
      ? { n, ...limitsAround(target, Math.sqrt((target * (1 - target)) / n + tau2), z) }
      : { n, lower: 0, upper: 1 },
  );
}
