import { type DownloadedFile, request, requestFile, withQuery } from './api';

/** 跟踪分析 (issue 8 §4): the figures of `GET /api/v1/statistics/…`, each in the caller's scope. */

export interface Named {
  code: string;
  zh: string;
  en: string;
}

export interface StatisticsScope {
  province: string | null;
  department: string | null;
}

export const effectiveStatuses = ['valid', 'expired', 'not-yet-valid', 'suspended', 'revoked'] as const;
export type EffectiveStatus = (typeof effectiveStatuses)[number];
export type StatusCounts = Record<EffectiveStatus, number>;

export interface Breakdown {
  key: Named;
  total: number;
  statuses: StatusCounts;
}

export interface CertificateFigures {
  scope: StatisticsScope;
  asOf: string;
  /** When the counts were tallied ahead (a large registry); null: counted live. */
  talliedAt: string | null;
  total: number;
  statuses: StatusCounts;
  byDepartment: Breakdown[];
  byType: (Breakdown & { department: string })[];
  byProvince: Breakdown[];
}

export interface RecognitionFigures {
  scope: StatisticsScope;
  total: { decisions: number; holders: number };
  byRule: { rule: Named; kind: 'level' | 'exemption'; decisions: number; holders: number }[];
  byProvince: { province: Named; decisions: number; holders: number }[];
  months: string[];
  byMonth: { month: string; rule: string; decisions: number }[];
}

export interface FlowFigures {
  scope: StatisticsScope;
  flows: { applied: Named; issued: Named; decisions: number; holders: number }[];
  crossRegionHolders: number;
}

export interface FunnelLimit {
  z: number;
  lower: number;
  upper: number;
}

export interface PassRateInstitution {
  id: string;
  name: string;
  code: string;
  province: Named;
  n: number;
  passed: number;
  rate: number;
  inFunnel: boolean;
  z: number | null;
  limits: FunnelLimit[];
  outlier: 'above' | 'below' | null;
}

export interface PassRateFigures {
  scope: StatisticsScope;
  year: number;
  occupation: Named | null;
  level: string | null;
  rule: {
    id: string;
    version: string;
    z: number;
    zs: number[];
    winsorize: number;
    minCandidates: number;
    minPeers: number;
  };
  funnel: { target: number; phi: number; tau2: number } | null;
  institutions: PassRateInstitution[];
  curves: { z: number; points: { n: number; lower: number; upper: number }[] }[];
}

export const ageBuckets = ['lt7', '7to30', 'gt30'] as const;
export type AgeBucket = (typeof ageBuckets)[number];

export interface WarningFigures {
  scope: StatisticsScope;
  asOf: string;
  total: number;
  open: number;
  overdue: number;
  byRule: { rule: Named; total: number; open: number; overdue: number }[];
  byStatus: { status: string; count: number }[];
  byRuleStatus: { rule: string; status: string; count: number }[];
  byAge: { age: AgeBucket; open: number }[];
}

export interface StatisticsFilter {
  from?: string;
  to?: string;
  province?: string;
  occupation?: string;
  level?: string;
  /** Pass rates only: the plans' year. */
  year?: number;
}

export interface AllFigures {
  certificates: CertificateFigures;
  recognitions: RecognitionFigures;
  flows: FlowFigures;
  passRates: PassRateFigures;
  warnings: WarningFigures;
}

function query(filter: StatisticsFilter) {
  const { year: _year, ...rest } = filter;
  return { ...rest };
}

export const statisticsApi = {
  certificates: (f: StatisticsFilter) =>
    request<CertificateFigures>('GET', withQuery('/statistics/certificates', query(f))),
  recognitions: (f: StatisticsFilter) =>
    request<RecognitionFigures>('GET', withQuery('/statistics/recognitions', query(f))),
  flows: (f: StatisticsFilter) => request<FlowFigures>('GET', withQuery('/statistics/flows', query(f))),
  passRates: (f: StatisticsFilter) =>
    request<PassRateFigures>(
      'GET',
      withQuery('/statistics/pass-rates', {
        province: f.province,
        occupation: f.occupation,
        level: f.level,
        year: f.year,
      }),
    ),
  warnings: (f: StatisticsFilter) =>
    request<WarningFigures>('GET', withQuery('/statistics/warnings', query(f))),
  /** Every figure at once (five requests side by side). */
  all: async (f: StatisticsFilter): Promise<AllFigures> => {
    const [certificates, recognitions, flows, passRates, warnings] = await Promise.all([
      statisticsApi.certificates(f),
      statisticsApi.recognitions(f),
      statisticsApi.flows(f),
      statisticsApi.passRates(f),
      statisticsApi.warnings(f),
    ]);
    return { certificates, recognitions, flows, passRates, warnings };
  },
  /** One workbook with a sheet per table of every figure (`figures` left out: all of them). */
  exportXlsx: (f: StatisticsFilter): Promise<DownloadedFile> =>
    requestFile('GET', withQuery('/statistics/export.xlsx', { ...f })),
};

/** Exam figures (institutions, results, warnings) belong to MOHRSS's skill-level system (statistics.rules.ts). */
export function seesExamFigures(scope: StatisticsScope): boolean {
  return scope.department === null || scope.department === 'mohrss';
}
