import { Card, Empty, Spin, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { TechDetails } from '../../components/tech-details';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { explainApi, type VersionExplained } from './explain-api';
import { asOfSuffix, ExplainHeader, useAsOf, useClause } from './explain-parts';

function VersionCard({ v, isUpcoming }: { v: VersionExplained; isUpcoming: boolean }) {
  const { t, pick, lang } = useI18n();
  const clause = useClause();
  const nothing = v.added.length + v.removed.length + v.changed.length === 0;
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="ex-version"
      title={<span style={{ whiteSpace: 'normal' }}>{pick(v.policy.zh, v.policy.en)}</span>}
      extra={isUpcoming ? <Tag color="orange">{t('ex.upcoming')}</Tag> : null}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('ex.effectiveFrom', { from: formatDate(v.effectiveFrom, lang) })}
        {v.publishedAt ? ` · ${t('ex.publishedOn', { date: formatDate(v.publishedAt, lang) })}` : ''}
        {' · '}
        <span data-verbatim="">{clause(v.basis)}</span>
      </Typography.Paragraph>
      {nothing ? <Typography.Text type="secondary">{t('ex.noChange')}</Typography.Text> : null}
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {v.added.map((r) => (
          <li key={`a:${r.technical.row}`}>
            <Tag color="green">{t('ex.added')}</Tag>
            {pick(r.zh, r.en)}
          </li>
        ))}
        {v.removed.map((r) => (
          <li key={`r:${r.technical.row}`}>
            <Tag color="red">{t('ex.removed')}</Tag>
            {pick(r.zh, r.en)}
          </li>
        ))}
        {v.changed.map((c) => (
          <li key={`c:${c.technical.row}`}>
            <Tag color="blue">{t('ex.changed')}</Tag>
            {t('ex.changedFromTo', {
              before: pick(c.before.zh, c.before.en),
              after: pick(c.after.zh, c.after.en),
            })}
          </li>
        ))}
      </ul>
      <TechDetails>
        <code>
          {v.technical.policy} {v.technical.version}
          {v.technical.basedOn ? ` ← ${v.technical.basedOn}` : ''}
        </code>
      </TechDetails>
    </Card>
  );
}

/** 政策变化 (issue 14 §1): what each published version changed, in plain words; public and printable. */
export function ExplainChangesPage() {
  const asOf = useAsOf();
  const { t, pick, lang } = useI18n();
  const load = useCallback(() => explainApi.changes(asOf), [asOf]);
  const { data, error, isLoading, reload } = useApiData(load);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (isLoading && !data) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!data) return null;
  return (
    <article className="hutong-explain" data-testid="explain-changes">
      <ExplainHeader title={t('ex.changesTitle')} subtitle={t('ex.changesQuestion')} asOf={data.asOf} />
      {data.upcoming.length > 0 ? (
        <>
          <Typography.Title level={4}>{t('ex.upcomingTitle')}</Typography.Title>
          {data.upcoming.map((v) => (
            <VersionCard key={`${v.technical.policy}@${v.version}`} v={v} isUpcoming />
          ))}
        </>
      ) : null}
      <Typography.Title level={4}>{t('ex.versionsTitle')}</Typography.Title>
      {data.versions.length === 0 ? <Empty description={t('ex.noVersions')} /> : null}
      {data.versions.map((v) => (
        <VersionCard key={`${v.technical.policy}@${v.version}`} v={v} isUpcoming={false} />
      ))}
      <Typography.Title level={4}>{t('ex.nationalTitle')}</Typography.Title>
      {data.national.events.map((e) => (
        <Card size="small" key={e.date} style={{ marginBottom: 8 }}>
          <Typography.Text strong>{formatDate(e.date, lang)}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {e.tookEffect.map((r) => (
              <li key={`t:${r.code}`}>
                {t('ex.tookEffect')}
                {pick(r.zh, r.en)}
              </li>
            ))}
            {e.ended.map((r) => (
              <li key={`e:${r.code}`}>
                {t('ex.ended')}
                {pick(r.zh, r.en)}
              </li>
            ))}
          </ul>
        </Card>
      ))}
      <Typography.Paragraph className="hutong-no-print">
        <Link to={`/explain${asOfSuffix(asOf)}`}>{t('ex.backToIndex')}</Link>
      </Typography.Paragraph>
    </article>
  );
}
