import { Empty, List, Select, Spin, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { TechDetails } from '../../components/tech-details';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { useRegistryCatalog } from '../registry/use-registry-catalog';
import { explainApi } from './explain-api';
import { asOfSuffix, ExplainHeader, useAsOf, useClause } from './explain-parts';

interface Row {
  zh: string;
  en: string;
  basis: string;
  effectiveFrom: string;
  effectiveUntil: string | null;
  technical: { row: string };
  department?: { zh: string; en: string };
}

function Rows({ rows, testId }: { rows: Row[]; testId: string }) {
  const { t, pick, lang } = useI18n();
  const clause = useClause();
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ex.none')} />;
  return (
    <List
      size="small"
      data-testid={testId}
      dataSource={rows}
      rowKey={(r) => r.technical.row}
      renderItem={(r) => (
        <List.Item style={{ display: 'block' }}>
          <Typography.Text>
            {r.department ? <Tag>{pick(r.department.zh, r.department.en)}</Tag> : null}
            {pick(r.zh, r.en)}
          </Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {t('ex.clause')}
            <span data-verbatim="">{clause(r.basis)}</span>
            {' · '}
            {r.effectiveUntil
              ? t('ex.effectiveBetween', {
                  from: formatDate(r.effectiveFrom, lang),
                  until: formatDate(r.effectiveUntil, lang),
                })
              : t('ex.effectiveFrom', { from: formatDate(r.effectiveFrom, lang) })}
          </Typography.Paragraph>
          <TechDetails>
            <code>{r.technical.row}</code>
          </TechDetails>
        </List.Item>
      )}
    />
  );
}

/** 各省安排 (issue 14 §1): a province's 对应目录, 一试多证, its own and its departments' provisions; public. */
export function ExplainRegionPage() {
  const { region = '' } = useParams();
  const asOf = useAsOf();
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const catalog = useRegistryCatalog();
  const load = useCallback(() => explainApi.region(region, asOf), [region, asOf]);
  const { data, error, isLoading, reload } = useApiData(load);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (isLoading && !data) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!data) return null;
  return (
    <article className="hutong-explain" data-testid="explain-region">
      <ExplainHeader
        title={t('ex.regionTitle', { region: pick(data.region.zh, data.region.en) })}
        subtitle={t('ex.regionQuestion')}
        asOf={data.asOf}
        extra={
          <Select
            aria-label={t('ex.otherProvince')}
            placeholder={t('ex.otherProvince')}
            style={{ minWidth: 160 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={catalog.provinces.map((r) => ({ value: r.code, label: pick(r.nameZh, r.nameEn) }))}
            onChange={(code: string) => navigate(`/explain/regions/${code}${asOfSuffix(asOf)}`)}
          />
        }
      />
      <Typography.Title level={4}>{t('ex.correspondence')}</Typography.Title>
      <Rows rows={data.correspondence} testId="ex-correspondence" />
      <Typography.Title level={4}>{t('ex.oneExam')}</Typography.Title>
      <Rows rows={data.oneExamMultiCert} testId="ex-one-exam" />
      {data.overrides.length > 0 ? (
        <>
          <Typography.Title level={4}>{t('ex.overrides')}</Typography.Title>
          <Rows rows={data.overrides} testId="ex-overrides" />
        </>
      ) : null}
      <Typography.Title level={4}>{t('ex.departmentRules')}</Typography.Title>
      <Rows rows={data.departmentRules} testId="ex-department-rules" />
      {data.designations.length > 0 ? (
        <>
          <Typography.Title level={4}>{t('ex.designations')}</Typography.Title>
          <List
            size="small"
            dataSource={data.designations}
            rowKey={(d) => d.type.code}
            renderItem={(d) => (
              <List.Item>
                <Link to={`/explain/types/${d.type.code}${asOfSuffix(asOf)}`}>
                  {pick(d.type.zh, d.type.en)}
                </Link>
                <Tag
                  color={d.status === 'issued' ? 'green' : d.status === 'not-issued' ? 'default' : 'orange'}
                >
                  {pick(d.zh, d.en)}
                </Tag>
              </List.Item>
            )}
          />
        </>
      ) : null}
      <Typography.Paragraph className="hutong-no-print" style={{ marginTop: 16 }}>
        <Link to={`/tickets/new?region=${data.region.code}`}>{t('ex.ask')}</Link>
        {' · '}
        <Link to={`/explain${asOfSuffix(asOf)}`}>{t('ex.backToIndex')}</Link>
      </Typography.Paragraph>
    </article>
  );
}
