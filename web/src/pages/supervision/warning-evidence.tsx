import { Descriptions, Empty, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../format';
import { type Lang, useI18n } from '../../i18n';
import { type MessageKey, messages } from '../../messages';

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One value as a person reads it: instants in local time, lists one item a line, objects as `key: value`. */
function readable(value: unknown, lang: Lang): ReactNode {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'number') return String(Number(value.toFixed(4)));
  if (typeof value === 'string') return isoInstant.test(value) ? formatDateTime(value, lang) : value;
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    if (value.every((v) => !isRecord(v) && !Array.isArray(v)))
      return value.map((v) => String(readable(v, lang))).join('、');
    return (
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {value.map((v, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: evidence is a fixed snapshot; its order never changes.
          <li key={i}>{readable(v, lang)}</li>
        ))}
      </ul>
    );
  }
  if (isRecord(value))
    return Object.entries(value).map(([k, v], i) => (
      <span key={k}>
        {i > 0 ? '；' : null}
        <Typography.Text type="secondary">{k}</Typography.Text> {readable(v, lang)}
      </span>
    ));
  return String(value);
}

/** What the rule found, as a key/value list; the stored key stays beside its label so reports can cite it. */
export function WarningEvidence({ evidence }: { evidence: unknown }) {
  const { t, lang } = useI18n();
  if (!isRecord(evidence) || Object.keys(evidence).length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warn.noEvidence')} />;
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      data-testid="warning-evidence"
      items={Object.entries(evidence).map(([key, value]) => {
        const labelKey = `warn.ev.${key}`;
        return {
          key,
          label: (
            <span data-testid="evidence-key" data-key={key}>
              {labelKey in messages ? t(labelKey as MessageKey) : key}
              {labelKey in messages ? (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {key}
                </Typography.Text>
              ) : null}
            </span>
          ),
          children: readable(value, lang),
        };
      })}
    />
  );
}
