import { Descriptions, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { exemptText } from '../decisions/decision-api';
import { decisionFields } from '../decisions/decision-fields';
import { useLevelWords } from '../decisions/level-words';
import { useRegistryCatalog } from '../registry/use-registry-catalog';

/** What a 互认决定书 states (issue 13 item 7), shown on the verify page instead of a certificate's fields. */
export function DecisionSummary({ payload }: { payload: Record<string, unknown> }) {
  const { t, pick } = useI18n();
  const catalog = useRegistryCatalog();
  const f = decisionFields(payload);
  const levelWords = useLevelWords();
  return (
    <Descriptions
      size="small"
      column={1}
      data-testid="vc-decision"
      title={
        <span>
          {t('dec.vcTitle')} <Typography.Text type="secondary">{t('verify.contentNote')}</Typography.Text>
        </span>
      }
      items={[
        {
          key: 'holder',
          label: t('col.holder'),
          children: <span data-testid="vc-holder">{f.holderName}</span>,
        },
        { key: 'id', label: t('col.idNumber'), children: f.idNumberMasked ?? '—' },
        {
          key: 'exemptions',
          label: t('dec.exemptions'),
          children: f.exemptions.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the credential's own order, never reordered
            <div key={i} data-testid={`vc-exemption-${e.target}`}>
              {pick(e.targetNameZh ?? e.target, e.targetNameEn)}：
              {e.exempt.map((x) => pick(exemptText[x]?.zh ?? x, exemptText[x]?.en)).join('、')} ←{' '}
              {e.basis
                .map(
                  (b) =>
                    `${b.certificateType ? catalog.typeName(b.certificateType) : ''} ${b.numberMasked ?? ''}`,
                )
                .join('；')}
            </div>
          )),
        },
        {
          key: 'levels',
          label: t('dec.levels'),
          children: f.levels.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the credential's own order, never reordered
            <div key={i}>{levelWords(l)}</div>
          )),
        },
        {
          key: 'decided',
          label: t('dec.decided'),
          children: `${f.asOf ?? '—'} · ${f.region ? catalog.regionName(f.region) : '—'}`,
        },
        {
          key: 'validity',
          label: t('detail.term'),
          children: `${f.validFrom ?? '—'} — ${f.validUntil ?? '—'}`,
        },
      ]}
    />
  );
}
