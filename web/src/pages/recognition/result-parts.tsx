import { Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import type { Condition, ConditionStatus } from '../../recognition-types';
import type { Both } from './both';
import type { RuleInfoMap } from './use-rule-info';

/**
 * The sentence in the current language only (issue 15 §4); the other language shows where this one is empty.
 * Marked `data-sentence="main"` with its `lang`.
 */
export function SentencePair({ text, extra }: { text: Both; extra?: ReactNode }) {
  const { lang } = useI18n();
  const shown = text[lang] || text[lang === 'en' ? 'zh' : 'en'];
  return (
    <Typography.Paragraph
      data-sentence="main"
      lang={text[lang] ? (lang === 'en' ? 'en' : 'zh-CN') : lang === 'en' ? 'zh-CN' : 'en'}
      style={{ marginBottom: 8 }}
    >
      {shown}
      {extra}
    </Typography.Paragraph>
  );
}

/** 暂定: a rule kept although the source text breaks off (evidence `provisional`). */
export function ProvisionalTag({ rule, rules }: { rule: string | null; rules: RuleInfoMap }) {
  const { t } = useI18n();
  const info = rule ? rules.get(rule) : undefined;
  if (info?.evidence !== 'provisional') return null;
  return (
    <Tag color="warning" style={{ marginInlineStart: 8 }} title={info.note ?? t('rec.provisionalHint')}>
      {t('rec.provisional')}
    </Tag>
  );
}

const conditionColors: Record<ConditionStatus, string> = {
  met: 'green',
  'not-met': 'red',
  unknown: 'default',
};

export function ConditionList({ title, conditions }: { title: string; conditions: readonly Condition[] }) {
  const { t, lang } = useI18n();
  if (conditions.length === 0) return null;
  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary">
        {title}
        {lang === 'en' ? ` — ${t('rec.conditionsZhOnly')}` : null}
      </Typography.Text>
      <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
        {conditions.map((c) => (
          <li key={c.code} data-condition={c.code} data-status={c.status} style={{ marginBottom: 4 }}>
            <Space size={4} align="start">
              <Tag color={conditionColors[c.status]}>{t(`rec.condition.${c.status}`)}</Tag>
              <span lang="zh-CN">{c.text}</span>
            </Space>
          </li>
        ))}
      </ul>
    </div>
  );
}
