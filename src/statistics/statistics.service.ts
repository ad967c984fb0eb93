import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import type { Catalog } from '../catalog/catalog.model.ts';
import type { Database } from '../db/schema.ts';
import type { PolicyPacks } from '../recognition/recognition.load.ts';
import { type Clock, todayInChina } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { SupervisionRules } from '../supervision/supervision.rules-data.ts';
import { buildPassRates } from './statistics.funnel.ts';
import type {
  CertificateFigures,
  FlowFigures,
  Named,
  PassRateFigures,
  PassRateQuery,
  RecognitionFigures,
  StatisticsQuery,
  StatisticsScope,
  WarningFigures,
} from './statistics.model.ts';
import { countFlows, countGrants } from './statistics.recognition-store.ts';
import {
  createNamer,
  dayAfter,
  decideScope,
  monthsBetween,
  type Namer,
  rollUpCertificates,
  rollUpWarnings,
  seesExamFigures,
} from './statistics.rules.ts';
import { countCertificates, countPasses, countWarnings } from './statistics.store.ts';
import { countCertificatesTallied, readTallyState } from './statistics.tally.ts';

export interface StatisticsDeps {
  db: Kysely<Database>;
  catalog: Catalog;
  clock: Clock;
  policies: PolicyPacks;
  supervision: Pick<SupervisionRules, 'version' | 'thresholds' | 'rules'>;
  /**
   * From how many certificates the figures come from the tallies counted ahead (`statistics.tally.ts`) rather than
   * live; default 1,000,000 (below it the live count answers in well under a second).
   */
  tallyFromRows?: number;
}

/** The caller's scope, narrowed to the province asked for; a province outside it is a 403. */
export function scopeOf(principal: Principal, province: string | undefined): StatisticsScope {
  const decision = decideScope(principal, province);
  if (!decision.ok)
    throw new AppError('forbidden', decision.message, [
      { path: 'query.province', message: 'outside your scope' },
    ]);
  return decision.scope;
}

const namers = new WeakMap<Catalog, Namer>();
function namerOf(deps: StatisticsDeps): Namer {
  let namer = namers.get(deps.catalog);
  if (!namer) {
    namer = createNamer(deps.catalog, deps.policies.national);
    namers.set(deps.catalog, namer);
  }
  return namer;
}

const NO_REGION: Named = { code: '', zh: '未指明地区', en: 'No region given' };

export async function getCertificateFigures(
  deps: StatisticsDeps,
  principal: Principal,
  query: StatisticsQuery,
): Promise<CertificateFigures> {
  const scope = scopeOf(principal, query.province);
  const today = todayInChina(deps.clock);
  const filter = { ...query, scope, today };
  const tally = await readTallyState(deps.db);
  const tallied = tally !== null && tally.rows >= (deps.tallyFromRows ?? 1_000_000);
  const rows = tallied
    ? await countCertificatesTallied(deps.db, filter)
    : await countCertificates(deps.db, filter);
  return {
    scope,
    asOf: today,
    talliedAt: tallied ? tally.refreshedAt.toISOString() : null,
    ...rollUpCertificates(rows, namerOf(deps)),
  };
}

export async function getRecognitionFigures(
  deps: StatisticsDeps,
  principal: Principal,
  query: StatisticsQuery,
): Promise<RecognitionFigures> {
  const scope = scopeOf(principal, query.province);
  const names = namerOf(deps);
  const rows = await countGrants(deps.db, { scope, from: query.from, to: query.to, dayAfter });
  const total = rows.find((r) => r.set === 'total');
  const byMonth = rows
    .filter((r) => r.set === 'month')
    .map((r) => ({ month: r.month ?? '', rule: r.rule ?? '', decisions: r.decisions }))
    .sort((a, b) => a.month.localeCompare(b.month) || a.rule.localeCompare(b.rule));
  const lastMonth = (query.to ?? todayInChina(deps.clock)).slice(0, 7);
  const firstMonth = query.from?.slice(0, 7) ?? byMonth[0]?.month ?? lastMonth;
  return {
    scope,
    total: { decisions: total?.decisions ?? 0, holders: total?.holders ?? 0 },
    byRule: rows
      .filter((r) => r.set === 'rule')
      .map((r) => ({
        rule: names.rule(r.rule ?? ''),
        kind: r.kind ?? 'level',
        decisions: r.decisions,
        holders: r.holders,
      }))
      .sort((a, b) => b.decisions - a.decisions || a.rule.code.localeCompare(b.rule.code)),
    byProvince: rows
      .filter((r) => r.set === 'province')
      .map((r) => ({
        province: r.province ? names.province(r.province) : NO_REGION,
        decisions: r.decisions,
        holders: r.holders,
      }))
      .sort((a, b) => b.decisions - a.decisions || a.province.code.localeCompare(b.province.code)),
    months: firstMonth <= lastMonth ? monthsBetween(firstMonth, lastMonth) : [],
    byMonth,
  };
}

export async function getFlowFigures(
  deps: StatisticsDeps,
  principal: Principal,
  query: StatisticsQuery,
): Promise<FlowFigures> {
  const scope = scopeOf(principal, query.province);
  const names = namerOf(deps);
  const rows = await countFlows(deps.db, { scope, from: query.from, to: query.to, dayAfter });
  const flows = rows
    .filter((r) => r.applied !== null && r.issued !== null)
    .map((r) => ({
      applied: names.province(r.applied ?? ''),
      issued: names.province(r.issued ?? ''),
      decisions: r.decisions,
      holders: r.holders,
    }))
    .sort((a, b) => b.holders - a.holders || a.applied.code.localeCompare(b.applied.code));
  const total = rows.find((r) => r.applied === null && r.issued === null);
  return { scope, flows, crossRegionHolders: total?.crossRegionHolders ?? 0 };
}

export async function getPassRateFigures(
  deps: StatisticsDeps,
  principal: Principal,
  query: PassRateQuery,
): Promise<PassRateFigures> {
  const scope = scopeOf(principal, query.province);
  const names = namerOf(deps);
  const year = query.year ?? Number(todayInChina(deps.clock).slice(0, 4));
  const rows = seesExamFigures(scope)
    ? await countPasses(deps.db, { scope, year, occupation: query.occupation, level: query.level })
    : [];
  return {
    scope,
    year,
    occupation: query.occupation ? names.occupation(query.occupation) : null,
    level: query.level ?? null,
    ...buildPassRates(rows, deps.supervision, names.province),
  };
}

export async function getWarningFigures(
  deps: StatisticsDeps,
  principal: Principal,
  query: StatisticsQuery,
): Promise<WarningFigures> {
  const scope = scopeOf(principal, query.province);
  const now = deps.clock.now();
  const rows = seesExamFigures(scope) ? await countWarnings(deps.db, { ...query, scope, now }, dayAfter) : [];
  const rules = deps.supervision.rules as Record<string, { title: string } | undefined>;
  const ruleName = (id: string): Named => {
    // Titles read "通过率异常 Pass rate outside …": Chinese, then English after the first space.
    const title = rules[id]?.title;
    if (!title) return { code: id, zh: id, en: id };
    const space = title.indexOf(' ');
    return space < 0
      ? { code: id, zh: title, en: title }
      : { code: id, zh: title.slice(0, space), en: title.slice(space + 1) };
  };
  return { scope, asOf: now.toISOString(), ...rollUpWarnings(rows, ruleName) };
}
