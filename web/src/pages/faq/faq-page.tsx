import { Collapse, Empty, Input, Pagination, Spin, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { type FaqEntry, ticketsApi } from '../tickets/tickets-api';

/** One FAQ entry: the question as its heading, the answer, and what it concerns. */
export function faqItem(f: FaqEntry, pick: (zh: string, en: string) => string, lang: 'zh' | 'en') {
  return {
    key: f.id,
    label: <span style={{ whiteSpace: 'normal' }}>{f.question}</span>,
    children: (
      <>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{f.answer}</Typography.Paragraph>
        <div>
          {f.type ? <Tag style={{ whiteSpace: 'normal' }}>{pick(f.type.zh, f.type.en)}</Tag> : null}
          {f.region ? <Tag>{pick(f.region.zh, f.region.en)}</Tag> : null}
          <Typography.Text type="secondary">{formatDate(f.publishedAt, lang)}</Typography.Text>
        </div>
      </>
    ),
  };
}

const PAGE_SIZE = 20;

/** 常见问题 (issue 14 §4): the published answers, searched by words (all must match), a page at a time; public. */
export function FaqPage() {
  const { t, pick, lang } = useI18n();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const load = useCallback(
    () => ticketsApi.faq({ ...(q && { q }), match: 'all', limit: PAGE_SIZE, page }),
    [q, page],
  );
  const { data, error, isLoading, reload } = useApiData(load);
  return (
    <div style={{ maxWidth: 880 }} data-testid="faq-page">
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('faq.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('faq.subtitle')}</Typography.Paragraph>
      <Input.Search
        allowClear
        enterButton={t('faq.search')}
        placeholder={t('faq.placeholder')}
        aria-label={t('faq.placeholder')}
        data-testid="faq-search"
        onSearch={(value) => {
          setQ(value.trim());
          setPage(1);
        }}
        style={{ marginBottom: 16 }}
      />
      <ErrorAlert error={error} onRetry={reload} />
      {isLoading && !data ? <Spin style={{ display: 'block', margin: 24 }} /> : null}
      {data && data.items.length === 0 ? <Empty description={q ? t('faq.noMatch') : t('faq.empty')} /> : null}
      {data && data.items.length > 0 ? (
        <Collapse data-testid="faq-list" items={data.items.map((f) => faqItem(f, pick, lang))} />
      ) : null}
      {data && data.total > 0 ? (
        <Pagination
          style={{ marginTop: 16 }}
          data-testid="faq-pager"
          current={page}
          pageSize={PAGE_SIZE}
          total={data.total}
          showSizeChanger={false}
          hideOnSinglePage={false}
          showTotal={(total) => t('common.total', { count: total })}
          onChange={(next) => {
            setPage(next);
            window.scrollTo({ top: 0 });
          }}
        />
      ) : null}
      <Typography.Paragraph style={{ marginTop: 16 }}>
        {t('faq.notFound')} <Link to="/tickets/new">{t('faq.ask')}</Link>
      </Typography.Paragraph>
    </div>
  );
}
