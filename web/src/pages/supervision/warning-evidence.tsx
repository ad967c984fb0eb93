import { Descriptions, Empty, Typography } from 'antd';
import type { ReactNode } from 'react';
import { TechDetails } from '../../components/tech-details';
import { formatDateTime, formatNumber } from '../../format';
import { type Translate, useI18n } from '../../i18n';
import { type MessageKey, messages } from '../../messages';
import { type ConsoleCatalog, useConsoleCatalog } from '../console/use-console-catalog';
import { referenceText } from './warning-references';
import type { WarningReference } from './warnings-api';

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Shares the rules store as 0–1: shown as percentages. */
const shares = new Set(['rate', 'target', 'lower', 'upper']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Ctx {
  t: Translate;
  lang: 'zh' | 'en';
  catalog: ConsoleCatalog;
  /** The server's names for the evidence's record ids (issue 15 item 4). */
  names: Map<string, WarningReference>;
}

function labelOf(key: string, t: Translate): string | null {
  const messageKey = `warn.ev.${key}`;
  return messageKey in messages ? t(messageKey as MessageKey) : null;
}

function textOf(prefix: string, value: string, t: Translate): string {
  const messageKey = `${prefix}${value}`;
  return messageKey in messages ? t(messageKey as MessageKey) : value;
}

/**
 * One value as a person reads it, or null when it is for the technical details only: a record id the server could
 * not name, codes without words. Named ids read as the person, institution, paper or sitting they are. Numbers are written for people (6.4×10⁻¹⁰), instants in China time,
 * occupations and levels by name.
 */
function readable(key: string, value: unknown, ctx: Ctx): ReactNode | null {
  const { t, lang, catalog } = ctx;
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number')
    return shares.has(key) && value >= 0 && value <= 1
      ? `${formatNumber(value * 100)}%`
      : formatNumber(value);
  if (typeof value === 'string') {
    if (uuid.test(value)) {
      const ref = ctx.names.get(value.toLowerCase());
      return ref ? referenceText(ref, t, lang) : null;
    }
    if (isoInstant.test(value)) return formatDateTime(value, lang);
    if (key === 'occupation') return catalog.occupationName(value).replace(` ${value}`, '');
    if (key === 'level') return catalog.levelName(value);
    if (key === 'subject' || key === 'missing') return textOf('plan.subject.', value, t);
    if (key === 'code') return textOf('staff.check.', value, t);
    if (key === 'status') return textOf('inst.status.', value, t);
    return value;
  }
  if (Array.isArray(value)) {
    const parts = value.map((v) => readable(key, v, ctx)).filter((v) => v !== null);
    if (parts.length === 0) return null;
    if (parts.every((p) => typeof p === 'string')) return parts.join('、');
    return (
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {parts.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a stored snapshot whose order never changes
          <li key={i}>{p}</li>
        ))}
      </ul>
    );
  }
  if (isRecord(value)) {
    // An occupation and level (a filed scope) reads as one name.
    if (typeof value.occupation === 'string' && typeof value.level === 'string')
      return `${readable('occupation', value.occupation, ctx)} ${readable('level', value.level, ctx)}`;
    const parts = Object.entries(value).flatMap(([k, v]) => {
      const label = labelOf(k, t);
      const shown = label === null && k !== 'code' ? null : readable(k, v, ctx);
      if (shown === null) return [];
      return [k === 'code' ? String(shown) : `${label} ${typeof shown === 'string' ? shown : ''}`.trim()];
    });
    return parts.length > 0 ? parts.join('；') : null;
  }
  return String(value);
}

/** The labelled facts of the evidence, one level of nesting flattened: `k.matches` reads as 「相同错误选项」. */
function facts(
  evidence: Record<string, unknown>,
  ctx: Ctx,
): Array<{ key: string; label: string; value: ReactNode }> {
  const out: Array<{ key: string; label: string; value: ReactNode }> = [];
  for (const [key, value] of Object.entries(evidence)) {
    const label = labelOf(key, ctx.t);
    if (label === null) {
      if (isRecord(value)) out.push(...facts(value, ctx).map((f) => ({ ...f, key: `${key}.${f.key}` })));
      continue;
    }
    const shown = readable(key, value, ctx);
    if (shown !== null) out.push({ key, label, value: shown });
  }
  return out;
}

/**
 * What the rule found, in words: labelled facts with names and readable numbers. Record ids, unlabelled statistics
 * and the stored JSON are an official's technical details.
 */
export function WarningEvidence({
  evidence,
  references,
}: {
  evidence: unknown;
  references: readonly WarningReference[];
}) {
  const { t, lang } = useI18n();
  const catalog = useConsoleCatalog();
  if (!isRecord(evidence) || Object.keys(evidence).length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warn.noEvidence')} />;
  const names = new Map(references.map((r) => [r.id.toLowerCase(), r]));
  const shown = facts(evidence, { t, lang, catalog, names });
  return (
    <>
      {shown.length > 0 ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          data-testid="warning-evidence"
          items={shown.map((f) => ({
            key: f.key,
            label: (
              <span data-testid="evidence-key" data-key={f.key}>
                {f.label}
              </span>
            ),
            children: f.value,
          }))}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warn.noEvidence')} />
      )}
      <TechDetails label={t('warn.techEvidence')} testId="evidence-raw">
        <Typography.Paragraph>
          <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>
            {JSON.stringify(evidence, null, 2)}
          </pre>
        </Typography.Paragraph>
      </TechDetails>
    </>
  );
}
