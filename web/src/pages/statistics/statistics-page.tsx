import { Alert, Card, Col, Row, Space, Spin, Statistic, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/error-alert';
import { chinaDate, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { type AllFigures, type StatisticsFilter, seesExamFigures, statisticsApi } from '../../statistics-api';
import { useApiData } from '../../use-api-data';
import { useInstitutionCatalog } from '../institutions/use-institution-catalog';
import { DepartmentBars, ProvinceMap, TypeBars } from './certificate-charts';
import { FunnelCaption, FunnelPlot, PassRateTable } from './funnel-chart';
import { IntakeFiguresCard } from './intake-figures';
import { FlowSankey, FlowTable, RecognitionLines, RecognitionRuleTable } from './recognition-charts';
import { StatisticsFilters } from './statistics-filters';
import { TicketFiguresCard } from './ticket-figures';
import { AgeBars, WarningBars } from './warning-charts';

// The year in China, not in the browser's zone (issue 15 §6).
const thisYear = Number(chinaDate().slice(0, 4));
const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
const card = { size: 'small', style: { marginBottom: 16 } } as const;

function Kpis({ figures }: { figures: AllFigures }) {
  const { t } = useI18n();
  const showExams = seesExamFigures(figures.certificates.scope);
  const items: [string, string, number][] = [
    ['kpi-certificates', t('stat.kpi.certificates'), figures.certificates.total],
    ['kpi-recognitions', t('stat.kpi.recognitions'), figures.recognitions.total.decisions],
    ['kpi-holders', t('stat.kpi.holders'), figures.recognitions.total.holders],
    ['kpi-cross-region', t('stat.kpi.crossRegion'), figures.flows.crossRegionHolders],
  ];
  if (showExams)
    items.push(
      ['kpi-open-warnings', t('stat.kpi.openWarnings'), figures.warnings.open],
      ['kpi-overdue', t('stat.kpi.overdue'), figures.warnings.overdue],
    );
  return (
    <Row gutter={16} style={{ marginBottom: 16 }}>
      {items.map(([testId, title, value]) => (
        <Col key={testId} xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={title} value={value} data-testid={testId} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** 跟踪分析 (issue 8 §4): the figures that show how the policy works, in the caller's scope, with an Excel export. */
export function StatisticsPage() {
  const { t, pick, lang } = useI18n();
  const { user } = useAuth();
  const catalog = useInstitutionCatalog();
  const initial = useMemo<StatisticsFilter>(() => ({ year: thisYear }), []);
  const [filter, setFilter] = useState<StatisticsFilter>(initial);
  const load = useCallback(() => statisticsApi.all(filter), [filter]);
  const { data, error, isLoading, reload } = useApiData(load);
  // A scoped user's province is fixed: the server refuses another.
  const fixedProvince = user?.province ?? null;

  const scope = data?.certificates.scope;
  const department = data?.certificates.byDepartment.find((b) => b.key.code === scope?.department)?.key;
  const scopeName = [
    scope?.province ? catalog.provinceName(scope.province) : t('stat.scope.national'),
    department ? pick(department.zh, department.en) : (scope?.department ?? null),
  ]
    .filter(Boolean)
    .join(' · ');
  const passes = data?.passRates;
  const subject = passes?.occupation
    ? `${pick(passes.occupation.zh, passes.occupation.en)}${passes.level ? ` ${catalog.levelName(passes.level)}` : ''}`
    : passes?.level
      ? catalog.levelName(passes.level)
      : t('stat.passRates.allSubjects');

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('stat.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('stat.subtitle')}</Typography.Paragraph>
      <StatisticsFilters
        catalog={catalog}
        initial={initial}
        fixedProvince={fixedProvince}
        years={years}
        current={filter}
        onSearch={setFilter}
      />
      <ErrorAlert error={error} onRetry={reload} />
      {data ? (
        <Spin spinning={isLoading}>
          <Typography.Paragraph data-testid="stat-scope">
            {t('stat.scope', { scope: scopeName })}
          </Typography.Paragraph>
          {data.certificates.talliedAt ? (
            <Typography.Paragraph type="secondary" data-testid="stat-tallied-at">
              {t('stat.talliedAt', { time: formatDateTime(data.certificates.talliedAt, lang) })}
            </Typography.Paragraph>
          ) : null}
          <Kpis figures={data} />
          <Row gutter={16}>
            <Col xs={24} xl={14}>
              <Card {...card} title={t('stat.map')}>
                <ProvinceMap figures={data.certificates} />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card {...card} title={t('stat.byDepartment')}>
                <DepartmentBars figures={data.certificates} />
              </Card>
              <Card {...card} title={t('stat.byType')}>
                <TypeBars figures={data.certificates} />
              </Card>
            </Col>
          </Row>
          <Card {...card} title={t('stat.recognitions')}>
            <Row gutter={16}>
              <Col xs={24} xl={14}>
                <RecognitionLines figures={data.recognitions} />
              </Col>
              <Col xs={24} xl={10}>
                <RecognitionRuleTable figures={data.recognitions} />
              </Col>
            </Row>
          </Card>
          <IntakeFiguresCard filter={filter} />
          <Card {...card} title={t('stat.flows')}>
            <Row gutter={16}>
              <Col xs={24} xl={14}>
                <FlowSankey figures={data.flows} />
              </Col>
              <Col xs={24} xl={10}>
                <FlowTable figures={data.flows} />
              </Col>
            </Row>
          </Card>
          <TicketFiguresCard filter={filter} />
          {seesExamFigures(data.certificates.scope) ? (
            <>
              <Card {...card} title={t('stat.passRates')}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <FunnelCaption figures={data.passRates} subject={subject} />
                  <FunnelPlot figures={data.passRates} />
                  <PassRateTable figures={data.passRates} />
                </Space>
              </Card>
              <Card {...card} title={t('stat.warnings')}>
                <Row gutter={16}>
                  <Col xs={24} xl={14}>
                    <Typography.Text strong>{t('stat.warnings.byRule')}</Typography.Text>
                    <WarningBars figures={data.warnings} />
                  </Col>
                  <Col xs={24} xl={10}>
                    <Typography.Text strong>{t('stat.warnings.byAge')}</Typography.Text>
                    <AgeBars figures={data.warnings} />
                  </Col>
                </Row>
              </Card>
            </>
          ) : (
            <Alert type="info" showIcon title={t('stat.noExamFigures')} />
          )}
        </Spin>
      ) : isLoading ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : null}
    </div>
  );
}
