import { Alert, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import type { HostedResult, LinkedResult, PublicQuery, PublicResult } from '../../query-types';
import { LinkedCard } from './linked-card';

/**
 * The answer of a public query (issue 15 §2): what Hutong holds, or a plain 「未查到」 when it holds nothing —
 * the departments' own query sites are then offered as places to check, never counted as results.
 */
export function QueryAnswer({
  answer,
  renderHosted,
}: {
  answer: { query: PublicQuery; items: PublicResult[] };
  renderHosted: (item: HostedResult, index: number) => ReactNode;
}) {
  const { t } = useI18n();
  const hosted: Array<[HostedResult, number]> = [];
  const linked: LinkedResult[] = [];
  answer.items.forEach((item, index) => {
    if (item.kind === 'linked') linked.push(item);
    else hosted.push([item, index]);
  });
  const isNotFound = hosted.length === 0;
  return (
    <div style={{ marginTop: 24, maxWidth: 960 }} data-testid="query-results">
      {isNotFound ? (
        <Alert
          type="info"
          showIcon
          data-testid="query-not-found"
          title={t('query.notFound')}
          description={t('query.notFoundHint')}
          style={{ marginBottom: 24 }}
        />
      ) : (
        <>
          <Typography.Title level={4}>{t('query.results', { count: hosted.length })}</Typography.Title>
          {hosted.map(([item, index]) => renderHosted(item, index))}
        </>
      )}
      {linked.length > 0 ? (
        <section data-testid="query-also-check">
          <Typography.Title level={5}>{t('query.alsoCheck')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('query.alsoCheckHint')}</Typography.Paragraph>
          {linked.map((item) => (
            <LinkedCard key={`linked-${item.source.id}`} item={item} />
          ))}
        </section>
      ) : null}
    </div>
  );
}
