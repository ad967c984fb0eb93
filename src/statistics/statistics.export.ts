import type { Principal } from '../accounts/accounts.model.ts';
import { todayInChina } from '../shared/clock.ts';
import { getTicketStats } from '../tickets/tickets.stats.ts';
import type { ExportQuery, FigureName } from './statistics.model.ts';
import {
  getCertificateFigures,
  getFlowFigures,
  getPassRateFigures,
  getRecognitionFigures,
  getWarningFigures,
  type StatisticsDeps,
  scopeOf,
} from './statistics.service.ts';
import { buildWorkbook, type ExportFigures } from './statistics.xlsx.ts';

/** The figures asked for, in the caller's scope, as one XLSX workbook; the same numbers the JSON routes give. */
export async function exportStatistics(
  deps: StatisticsDeps,
  principal: Principal,
  query: ExportQuery,
): Promise<{ filename: string; body: Buffer }> {
  const scope = scopeOf(principal, query.province);
  const { figures: names, year, ...filter } = query;
  const wanted = new Set<FigureName>(names);
  const figures: ExportFigures = {};
  if (wanted.has('certificates')) figures.certificates = await getCertificateFigures(deps, principal, filter);
  if (wanted.has('recognitions')) figures.recognitions = await getRecognitionFigures(deps, principal, filter);
  if (wanted.has('flows')) figures.flows = await getFlowFigures(deps, principal, filter);
  if (wanted.has('pass-rates'))
    figures['pass-rates'] = await getPassRateFigures(deps, principal, {
      province: filter.province,
      occupation: filter.occupation,
      level: filter.level,
      year,
    });
  if (wanted.has('warnings')) figures.warnings = await getWarningFigures(deps, principal, filter);
  if (wanted.has('tickets'))
    figures.tickets = await getTicketStats(
      { db: deps.db, catalog: deps.catalog, clock: deps.clock, national: deps.policies.national },
      principal,
      { from: filter.from, to: filter.to, province: filter.province },
    );
  const region = scope.province ? deps.catalog.regionsByCode.get(scope.province) : undefined;
  const scopeName = [
    scope.province ? `${region?.nameZh ?? scope.province} ${region?.nameEn ?? ''}`.trim() : '全国 National',
    scope.department
      ? (deps.catalog.departments.find((d) => d.id === scope.department)?.nameZh ?? scope.department)
      : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const today = todayInChina(deps.clock);
  const body = await buildWorkbook(
    {
      scope,
      scopeName,
      period: `${query.from ?? '—'} ~ ${query.to ?? today}`,
      generatedAt: deps.clock.now().toISOString(),
      figures: names,
    },
    figures,
  );
  return { filename: `statistics-${scope.province ?? 'national'}-${today}.xlsx`, body };
}
