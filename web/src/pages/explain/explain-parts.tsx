import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { formatDate, withoutEnglishNotes } from '../../format';
import { useI18n } from '../../i18n';
import './explain.css';

/** `?asOf=2026-06-01`: the day whose published policy the page explains; today when absent or malformed. */
export function useAsOf(): string | undefined {
  const [params] = useSearchParams();
  const asOf = params.get('asOf') ?? '';
  return /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : undefined;
}

/** The query string to carry `asOf` on to another explainer page. */
export function asOfSuffix(asOf: string | undefined): string {
  return asOf ? `?asOf=${asOf}` : '';
}

/** A basis or clause as the reader's language can show it: Chinese without research notes in English. */
export function useClause(): (text: string) => string {
  const { lang } = useI18n();
  return (text) => (lang === 'zh' ? withoutEnglishNotes(text) : text);
}

/** The page's title, what it answers, the day it speaks of, and a print button. */
export function ExplainHeader(props: { title: string; subtitle: string; asOf: string; extra?: ReactNode }) {
  const { t, lang } = useI18n();
  return (
    <header>
      <Typography.Title level={2} style={{ marginTop: 0 }} data-testid="explain-title">
        {props.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 16 }}>
        {props.subtitle}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" data-testid="explain-as-of">
        {t('ex.asOf', { date: formatDate(props.asOf, lang) })}
      </Typography.Paragraph>
      <Space wrap className="hutong-no-print" style={{ marginBottom: 16 }}>
        {props.extra}
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="explain-print">
          {t('ex.print')}
        </Button>
      </Space>
    </header>
  );
}

/** A list of what is still to be done, or the conditions, in the reader's language. */
export function TextList(props: {
  title: string;
  items: Array<{ zh: string; en: string }>;
  testId?: string;
}) {
  const { pick } = useI18n();
  if (props.items.length === 0) return null;
  return (
    <div data-testid={props.testId}>
      <Typography.Text strong>{props.title}</Typography.Text>
      <ul style={{ marginTop: 4, paddingInlineStart: 20 }}>
        {props.items.map((item, index) => (
          // The lists are fixed for the page; the index keeps duplicates apart.
          // biome-ignore lint/suspicious/noArrayIndexKey: static list
          <li key={index}>{pick(item.zh, item.en)}</li>
        ))}
      </ul>
    </div>
  );
}
