import { Alert, App, Button, Card, Empty, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, type ErrorDetail } from '../../api';
import { useAuth } from '../../auth';
import { describeError, ErrorAlert } from '../../components/error-alert';
import { type Translate, useI18n } from '../../i18n';
import { useRecognitionCatalog } from '../recognition/use-recognition-catalog';
import { DraftTables, type RowErrors } from './draft-tables';
import { PolicyDiffView } from './policy-diff';
import { PublishModal } from './publish-modal';
import { SimulationPanel } from './simulation-panel';
import { usePolicyDraft } from './use-policy-draft';

const sectionTitles = {
  overrides: 'pol.overrides',
  correspondence: 'pol.correspondence',
  oneExamMultiCert: 'pol.oneExam',
} as const;

/** A 400's details ("body.overrides.0.basis") grouped by row, and as lines naming the row in words. */
function readDetails(details: ErrorDetail[], t: Translate): { rows: RowErrors; lines: string[] } {
  const rows = new Map<string, string[]>();
  const lines = details.map((detail) => {
    const parts = detail.path.split(/[./]/).filter(Boolean);
    if (parts[0] === 'body') parts.shift();
    const [section, index, ...field] = parts;
    if (section && section in sectionTitles && index && /^\d+$/.test(index)) {
      const key = `${section}.${index}`;
      const what = field.length > 0 ? `${field.join('.')}: ${detail.message}` : detail.message;
      rows.set(key, [...(rows.get(key) ?? []), what]);
      const where = t('edit.rowError', {
        section: t(sectionTitles[section as keyof typeof sectionTitles]),
        row: Number(index) + 1,
      });
      return `${where} ${what}`;
    }
    return detail.path ? `${detail.path}: ${detail.message}` : detail.message;
  });
  return { rows, lines };
}

/** 政策编辑: a province's draft — edit its rows, compare with the published version, simulate, publish. */
export function PolicyEditorPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  const { region = '' } = useParams();
  const catalog = useRecognitionCatalog();
  const state = usePolicyDraft(region);
  const [problems, setProblems] = useState<{ rows: RowErrors; lines: string[] }>({
    rows: new Map(),
    lines: [],
  });
  const [isSaving, setIsSaving] = useState(false);
  const [publishing, setPublishing] = useState<string | null>(null);
  const title = t('edit.title', { region: `${catalog.regionName(region)} ${region}` });

  if (user?.role === 'province-admin' && user.province !== region) {
    return <Result status="403" title={t('error.forbidden')} subTitle={t('error.forbiddenDetail')} />;
  }

  const act = async (action: () => Promise<void>, done?: string) => {
    setIsSaving(true);
    setProblems({ rows: new Map(), lines: [] });
    try {
      await action();
      if (done) message.success(done);
    } catch (error) {
      const details =
        error instanceof ApiError ? readDetails(error.details, t) : { rows: new Map(), lines: [] };
      setProblems({ rows: details.rows, lines: [describeError(error, t), ...details.lines] });
    } finally {
      setIsSaving(false);
    }
  };

  const { draft, published, isDirty } = state;
  const header = (
    <Space wrap>
      {published ? (
        <Tag color="green">{t('edit.published', { version: published })}</Tag>
      ) : (
        <Tag>{t('edit.noPublished')}</Tag>
      )}
      {draft ? <Tag color="gold">{t('edit.draft', { version: draft })}</Tag> : null}
      {isDirty ? <Tag color="orange">{t('edit.unsaved')}</Tag> : null}
    </Space>
  );

  return (
    <div>
      <Link to={`/policies?id=${encodeURIComponent(region)}`}>← {t('edit.back')}</Link>
      <Typography.Title level={2} style={{ marginTop: 8 }}>
        {title}
      </Typography.Title>
      <ErrorAlert error={state.list.error} onRetry={state.list.reload} />
      {problems.lines.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={problems.lines[0]}
          description={
            problems.lines.length > 1 ? (
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{problems.lines.slice(1).join('\n')}</pre>
            ) : undefined
          }
          style={{ marginBottom: 16 }}
          data-testid="draft-problems"
        />
      ) : null}
      {state.list.isLoading && !state.list.data ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : !draft ? (
        <Card>
          {header}
          <Empty description={t('edit.noDraft')}>
            <Button
              type="primary"
              loading={isSaving}
              onClick={() => act(state.create)}
              data-testid="create-draft"
            >
              {t('edit.createDraft')}
            </Button>
          </Empty>
        </Card>
      ) : (
        <Card
          title={header}
          extra={
            <Space>
              <Button
                type={isDirty ? 'primary' : 'default'}
                loading={isSaving}
                disabled={!isDirty}
                onClick={() => act(state.save, t('edit.saved'))}
                data-testid="save-draft"
              >
                {t('edit.save')}
              </Button>
              <Button
                danger
                disabled={isDirty}
                onClick={() => setPublishing(draft)}
                data-testid="publish-draft"
              >
                {t('edit.publish')}
              </Button>
            </Space>
          }
        >
          <ErrorAlert error={state.version.error} onRetry={state.version.reload} />
          <Tabs
            items={[
              {
                key: 'rows',
                label: t('edit.tab.rows'),
                children: (
                  <DraftTables
                    rows={state.rows}
                    errors={problems.rows}
                    catalog={catalog}
                    onChange={state.change}
                  />
                ),
              },
              {
                key: 'diff',
                label: t('edit.tab.diff'),
                children: (
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    {isDirty ? <Alert type="warning" showIcon title={t('edit.saveFirst')} /> : null}
                    {published ? (
                      <PolicyDiffView key={state.revision} id={region} from={published} to={draft} />
                    ) : (
                      <Alert type="info" showIcon title={t('edit.noPublished')} />
                    )}
                  </Space>
                ),
              },
              {
                key: 'simulate',
                label: t('edit.tab.simulate'),
                children: (
                  <SimulationPanel
                    key={state.revision}
                    region={region}
                    version={draft}
                    isDirty={isDirty}
                    catalog={catalog}
                  />
                ),
              },
            ]}
          />
        </Card>
      )}
      <PublishModal
        region={region}
        version={publishing}
        onClose={() => setPublishing(null)}
        onPublished={() => {
          setPublishing(null);
          state.afterPublish();
        }}
      />
    </div>
  );
}
