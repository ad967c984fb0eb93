import { Card, Collapse, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { faqItem } from '../faq/faq-page';
import { type FaqEntry, ticketsApi } from './tickets-api';

/** While a worker types: published answers sharing words with the text (match=any), after a pause in typing. */
export function FaqSuggestions({ text, type }: { text: string; type?: string | undefined }) {
  const { t, pick, lang } = useI18n();
  const [items, setItems] = useState<FaqEntry[]>([]);
  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) {
      setItems([]);
      return;
    }
    let isCurrent = true;
    const timer = setTimeout(() => {
      ticketsApi
        .faq({ q: q.slice(0, 500), match: 'any', limit: 5, ...(type && { type }) })
        .then((answer) => {
          if (isCurrent) setItems(answer.items);
        })
        .catch(() => undefined);
    }, 400);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [text, type]);
  if (items.length === 0) return null;
  return (
    <Card size="small" data-testid="faq-suggestions" style={{ marginBottom: 16 }}>
      <Typography.Text strong>{t('tk.faqMatches')}</Typography.Text>
      <Collapse size="small" ghost items={items.map((f) => faqItem(f, pick, lang))} />
    </Card>
  );
}
