import { Button, Card, Collapse, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useCallback } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { TechDetails } from '../../components/tech-details';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { ticketsApi } from '../tickets/tickets-api';
import { type Exemption, explainApi, type TypeExplained } from './explain-api';
import { asOfSuffix, ExplainHeader, TextList, useAsOf, useClause } from './explain-parts';

function ExemptionCard({ e, towards }: { e: Exemption; towards?: { zh: string; en: string } }) {
  const { t, pick } = useI18n();
  const clause = useClause();
  const heading = towards
    ? t('ex.fromHolder', { type: pick(towards.zh, towards.en) })
    : t('ex.applyingFor', {
        type: pick(e.target.zh, e.target.en),
        department: pick(e.target.department.zh, e.target.department.en),
      });
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid={`ex-exemption-${e.target.code}`}>
      <Typography.Text strong>{heading}</Typography.Text>
      <div style={{ margin: '6px 0' }}>
        {e.exempt.map((x) => (
          <Tag color="green" key={x.code} style={{ whiteSpace: 'normal', marginBottom: 4 }}>
            {pick(x.zh, x.en)}
          </Tag>
        ))}
      </div>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        {t('ex.clause')}
        {pick(e.decidedBy.zh, e.decidedBy.en)} · <span data-verbatim="">{clause(e.clause)}</span>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('ex.evidence')}
        {pick(e.evidence.zh, e.evidence.en)}
      </Typography.Paragraph>
      <TextList title={t('ex.conditions')} items={e.conditions.map((c) => ({ zh: c.text, en: c.text }))} />
      <TextList title={t('ex.mustStillDo')} items={e.mustStillDo} testId="ex-must" />
      <TechDetails>
        <code>{e.technical.rule}</code> · <code>{e.technical.reason}</code> · <code>{e.evidence.code}</code>
      </TechDetails>
    </Card>
  );
}

function Levels({ data }: { data: TypeExplained }) {
  const { t, pick } = useI18n();
  const clause = useClause();
  return data.gives.levels.map((l) => (
    <Card size="small" key={l.technical.rule} style={{ marginBottom: 12 }}>
      <Typography.Text strong>
        {t('ex.deemed', {
          occupation: pick(l.occupation.zh, l.occupation.en),
          level: pick(l.deemedLevel.zh, l.deemedLevel.en),
        })}
      </Typography.Text>
      <Typography.Paragraph style={{ margin: '6px 0 4px' }}>
        {t('ex.clause')}
        <span data-verbatim="">{clause(l.clause)}</span>
      </Typography.Paragraph>
      {l.evidence ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('ex.evidence')}
          {pick(l.evidence.zh, l.evidence.en)}
        </Typography.Paragraph>
      ) : null}
      <TextList title={t('ex.mustStillDo')} items={l.mustStillDo} />
      <TechDetails>
        <code>{l.technical.rule}</code>
      </TechDetails>
    </Card>
  ));
}

const ProvinceMap = lazy(() => import('./explain-province-map'));

function Provinces({ data, asOf }: { data: TypeExplained; asOf: string | undefined }) {
  const { t, pick } = useI18n();
  if (data.provinces.length === 0)
    return <Typography.Paragraph type="secondary">{t('ex.noProvinceDifferences')}</Typography.Paragraph>;
  return (
    <>
      <Suspense fallback={null}>
        <ProvinceMap data={data} asOf={asOf} />
      </Suspense>
      <Table
        size="small"
        rowKey={(p) => p.region.code}
        pagination={false}
        tableLayout="fixed"
        data-testid="ex-provinces"
        dataSource={data.provinces}
        columns={[
          {
            title: t('ex.province'),
            width: 96,
            render: (_, p) => (
              <Link to={`/explain/regions/${p.region.code}${asOfSuffix(asOf)}`}>
                {pick(p.region.zh, p.region.en)}
              </Link>
            ),
          },
          {
            title: t('ex.difference'),
            render: (_, p) => (
              <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                {p.differences.map((d) => (
                  <li key={`${d.kind}:${d.zh}`}>{pick(d.zh, d.en)}</li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </>
  );
}

function TypeFaq({ type }: { type: string }) {
  const { t } = useI18n();
  const load = useCallback(() => ticketsApi.faq({ type, limit: 10 }), [type]);
  const { data } = useApiData(load);
  if (!data || data.items.length === 0) return null;
  return (
    <section data-testid="ex-faq">
      <Typography.Title level={4}>{t('ex.faq')}</Typography.Title>
      <Collapse
        size="small"
        items={data.items.map((f) => ({
          key: f.id,
          label: f.question,
          children: (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{f.answer}</Typography.Paragraph>
          ),
        }))}
      />
    </section>
  );
}

/** 持有这本证书，能带来什么 (issue 14 §1): public, printable, shareable; `?asOf=` explains another day's policy. */
export function ExplainTypePage() {
  const { type = '' } = useParams();
  const asOf = useAsOf();
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const load = useCallback(() => explainApi.type(type, asOf), [type, asOf]);
  const { data, error, isLoading, reload } = useApiData(load);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (isLoading && !data) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!data) return null;
  const name = pick(data.type.zh, data.type.en);
  const nothing = data.gives.exemptions.length === 0 && data.gives.levels.length === 0;
  return (
    <article className="hutong-explain" data-testid="explain-type">
      <ExplainHeader
        title={name}
        subtitle={`${t('ex.typeQuestion')} · ${pick(data.type.department.zh, data.type.department.en)}`}
        asOf={data.asOf}
        extra={
          <Button
            type="primary"
            data-testid="ex-to-recognition"
            onClick={() => navigate(`/recognition?type=${encodeURIComponent(data.type.code)}`)}
          >
            {t('ex.toRecognition')}
          </Button>
        }
      />
      <Typography.Title level={4}>{t('ex.exemptions')}</Typography.Title>
      {nothing ? <Empty description={t('ex.nothingGiven')} /> : null}
      {data.gives.exemptions.map((e) => (
        <ExemptionCard key={`${e.technical.rule}:${e.target.code}`} e={e} />
      ))}
      {data.gives.levels.length > 0 ? (
        <>
          <Typography.Title level={4}>{t('ex.levels')}</Typography.Title>
          <Levels data={data} />
        </>
      ) : null}
      {data.towardsThis.length > 0 ? (
        <>
          <Typography.Title level={4}>{t('ex.towardsThis')}</Typography.Title>
          {data.towardsThis.map((e) => (
            <ExemptionCard key={`${e.technical.rule}:${e.from.code}`} e={e} towards={e.from} />
          ))}
        </>
      ) : null}
      <Typography.Title level={4}>{t('ex.provinces')}</Typography.Title>
      <Provinces data={data} asOf={asOf} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('ex.validity')}
      </Typography.Paragraph>
      <TypeFaq type={data.type.code} />
      <Space wrap className="hutong-no-print" style={{ marginTop: 16 }}>
        <Link
          to={`/tickets/new?topic=certificate-type&ref=${encodeURIComponent(data.type.code)}`}
          data-testid="ex-ask"
        >
          {t('ex.ask')}
        </Link>
        <Link to={`/explain${asOfSuffix(asOf)}`}>{t('ex.backToIndex')}</Link>
      </Space>
      <TechDetails>
        <code>{data.type.code}</code> · <code>{data.validityCondition}</code>
      </TechDetails>
    </article>
  );
}
