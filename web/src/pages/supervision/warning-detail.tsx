import { Descriptions, Drawer, Space, Spin, Typography } from 'antd';
import { useCallback } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { drawerSize } from '../../components/screen';
import { TechDetails } from '../../components/tech-details';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { useConsoleCatalog } from '../console/use-console-catalog';
import { WarningActions } from './warning-actions';
import { WarningEvidence } from './warning-evidence';
import { WarningFeedback } from './warning-feedback';
import { WarningHistory } from './warning-history';
import { referenceText, sittingText } from './warning-references';
import { DueCell, SeverityTag, WarningStatusTag } from './warning-tags';
import { ruleBasis, ruleTitle, warningSummary } from './warning-text';
import { canAnswer } from './warning-workflow';
import { type WarningDetail, warningsApi } from './warnings-api';

/** Who opens the warning: a reviewer (supervisors, the filing authority) or the institution it was sent to. */
export type WarningDetailMode = 'review' | 'inbox';

function WarningBody(props: { warning: WarningDetail; mode: WarningDetailMode; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const catalog = useConsoleCatalog();
  const { warning: w } = props;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="warning-detail">
      <Space wrap data-testid="warning-head">
        <SeverityTag severity={w.severity} />
        <WarningStatusTag status={w.status} />
      </Space>
      {props.mode === 'review' ? <WarningActions warning={w} onDone={props.onChanged} /> : null}
      <Typography.Paragraph strong style={{ margin: 0 }} data-testid="warning-summary">
        {warningSummary(w.summary, lang, catalog, w.evidence)}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'institution',
            label: t('warn.col.institution'),
            children: w.institution?.name ?? '—',
          },
          { key: 'plan', label: t('warn.col.plan'), children: w.planCode ?? '—' },
          {
            key: 'sitting',
            label: t('warn.col.sitting'),
            children: <span data-testid="warning-sitting">{sittingText(w, t, lang) ?? '—'}</span>,
          },
          {
            key: 'province',
            label: t('warn.col.province'),
            children: w.province ? catalog.provinceName(w.province) : '—',
          },
          {
            key: 'occupation',
            label: t('warn.col.occupation'),
            children: w.occupation ? catalog.occupationName(w.occupation) : '—',
          },
          { key: 'level', label: t('warn.col.level'), children: t(`warn.level.${w.reviewLevel}`) },
          { key: 'created', label: t('warn.col.created'), children: formatDateTime(w.createdAt, lang) },
          { key: 'due', label: t('warn.col.due'), span: 2, children: <DueCell warning={w} /> },
        ]}
      />
      <div>
        <Typography.Title level={5}>{ruleTitle(w.rule, w.title, t, lang)}</Typography.Title>
        <Typography.Paragraph type="secondary" data-testid="warning-basis">
          {t('warn.basis')}：{ruleBasis(w.rule, w.basis, t)}
        </Typography.Paragraph>
        <TechDetails testId="warning-tech">
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'rule',
                label: t('warn.techRule'),
                children: <span data-testid="warning-rule">{w.rule}</span>,
              },
              { key: 'basis', label: t('warn.techBasis'), children: w.basis },
              { key: 'summary', label: t('warn.col.summary'), children: w.summary },
              {
                key: 'ids',
                label: t('warn.techIds'),
                children: (
                  <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="warning-ids">
                    {w.references.map((r) => (
                      <li key={r.id}>
                        {referenceText(r, t, lang)}：<code>{r.id}</code>
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        </TechDetails>
      </div>
      <div>
        <Typography.Title level={5}>{t('warn.evidence')}</Typography.Title>
        <WarningEvidence evidence={w.evidence} references={w.references} />
      </div>
      <div>
        <Typography.Title level={5}>{t('warn.history')}</Typography.Title>
        <WarningHistory warningId={w.id} history={w.history} />
      </div>
      {props.mode === 'inbox' && canAnswer(w) ? (
        <WarningFeedback warning={w} onDone={props.onChanged} />
      ) : null}
    </Space>
  );
}

/**
 * One warning in a drawer: what was found and why it matters, the evidence, the trail, and what the reader may do
 * next — review steps for supervisors, the feedback form for the institution while the answer is due.
 */
export function WarningDrawer(props: {
  id: string | null;
  mode: WarningDetailMode;
  onClose: () => void;
  /** After a step: the list behind the drawer reloads too. */
  onChanged: () => void;
}) {
  const { t, lang } = useI18n();
  const { id } = props;
  const load = useCallback(() => (id ? warningsApi.get(id) : Promise.resolve(undefined)), [id]);
  const { data, error, isLoading, reload } = useApiData(load);
  const warning = data?.id === id ? data : undefined;
  const changed = () => {
    reload();
    props.onChanged();
  };
  return (
    <Drawer
      open={id !== null}
      onClose={props.onClose}
      size={drawerSize(820)}
      destroyOnHidden
      title={warning ? ruleTitle(warning.rule, warning.title, t, lang) : t('warn.detail')}
    >
      <ErrorAlert error={error} onRetry={reload} />
      {warning ? (
        <WarningBody warning={warning} mode={props.mode} onChanged={changed} />
      ) : isLoading ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : null}
    </Drawer>
  );
}
