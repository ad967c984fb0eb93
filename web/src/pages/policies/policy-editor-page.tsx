import { Alert, App, Button, Card, Empty, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, type ErrorDetail } from '../../api';
import { useAuth } from '../../auth';
import { describeError, ErrorAlert } from '../../components/error-alert';
import { describeFieldError } from '../../components/validation-text';
import { type Translate, useI18n } from '../../i18n';
import { useRecognitionCatalog } from '../recognition/use-recognition-catalog';
import { CosignPanel } from './cosign-panel';
import { DepartmentRulesTable } from './department-rules-table';
import { DraftTables, type RowErrors } from './draft-tables';
import { describePackProblem, type PackNames } from './pack-problem-text';
import { PolicyDiffView } from './policy-diff';
import { canEditPolicy, canSeeDrafts, usePolicyName } from './policy-utils';
import { DepartmentRulesView, ProvincialTables } from './policy-version-view';
import { PolicyStatusTag } from './policy-versions';
import { PublishModal } from './publish-modal';
import { SimulationPanel } from './simulation-panel';
import { usePolicyDraft } from './use-policy-draft';

const sectionTitles = {
  overrides: 'pol.overrides',
  correspondence: 'pol.correspondence',
  oneExamMultiCert: 'pol.oneExam',
  rules: 'pol.deptRules',
} as const;

/** A 400's details ("body.overrides.0.basis") grouped by row, and as lines naming the row in words. */
function readDetails(
  details: ErrorDetail[],
  t: Translate,
  lang: 'zh' | 'en',
  names: PackNames,
): { rows: RowErrors; lines: string[] } {
  const rows = new Map<string, string[]>();
  // A field that failed the schema, and a pack check with its reason code, are worded in the page's language
  // (issue 15 §4); a check without a known reason keeps the server's words.
  const worded = (detail: ErrorDetail) =>
    detail.kind ? describeFieldError(detail, lang) : describePackProblem(detail, lang, names);
  const lines = details.map((detail) => {
    const parts = detail.path.split(/[./]/).filter(Boolean);
    if (parts[0] === 'body') parts.shift();
    const [section, index, ...field] = parts;
    if (section && section in sectionTitles && index && /^\d+$/.test(index)) {
      const key = `${section}.${index}`;
      const what =
        worded(detail) ?? (field.length > 0 ? `${field.join('.')}: ${detail.message}` : detail.message);
      rows.set(key, [...(rows.get(key) ?? []), what]);
      const where = t('edit.rowError', {
        section: t(sectionTitles[section as keyof typeof sectionTitles]),
        row: Number(index) + 1,
      });
      return `${where} ${what}`;
    }
    const said = worded(detail);
    if (said !== undefined) return said;
    return detail.path ? `${detail.path}: ${detail.message}` : detail.message;
  });
  return { rows, lines };
}

/**
 * 政策编辑: a draft of a province's pack or a department's 特别规定 — edit its rows, compare with the published
 * version, simulate (provinces), ask for and give co-signatures (会同), publish. Department admins concerned by a
 * provincial draft read it here and co-sign it.
 */
export function PolicyEditorPage() {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  const { id = '' } = useParams();
  const catalog = useRecognitionCatalog();
  const policyName = usePolicyName(catalog);
  const packNames: PackNames = {
    type: catalog.typeName,
    region: catalog.regionName,
    department: catalog.departmentName,
    occupation: (code) => {
      const found = catalog.occupationByCode.get(code);
      return found ? pick(found.nameZh, found.nameEn) : code;
    },
  };
  const state = usePolicyDraft(id);
  const [problems, setProblems] = useState<{ rows: RowErrors; lines: string[] }>({
    rows: new Map(),
    lines: [],
  });
  const [isSaving, setIsSaving] = useState(false);
  const [publishing, setPublishing] = useState<string | null>(null);
  const { owner } = state;

  if (!owner || owner.kind === 'national' || !canSeeDrafts(user, owner)) {
    return <Result status="403" title={t('error.forbidden')} subTitle={t('error.forbiddenDetail')} />;
  }
  const canEdit = canEditPolicy(user, owner);
  const isDepartment = owner.kind === 'department';
  const title =
    owner.kind === 'province'
      ? t('edit.title', { region: policyName(id) })
      : t('edit.titleDept', { name: policyName(id) });

  const act = async (action: () => Promise<void>, done?: string) => {
    setIsSaving(true);
    setProblems({ rows: new Map(), lines: [] });
    try {
      await action();
      if (done) message.success(done);
    } catch (error) {
      const details =
        error instanceof ApiError
          ? readDetails(error.details, t, lang, packNames)
          : { rows: new Map(), lines: [] };
      setProblems({ rows: details.rows, lines: [describeError(error, t), ...details.lines] });
    } finally {
      setIsSaving(false);
    }
  };

  const { draft, published, isDirty } = state;
  const loaded = state.version.data?.version === draft ? state.version.data : undefined;
  const header = (
    <Space wrap>
      {published ? (
        <Tag color="green">{t('edit.published', { version: published })}</Tag>
      ) : (
        <Tag>{t('edit.noPublished')}</Tag>
      )}
      {draft ? <Tag color="gold">{t('edit.draft', { version: draft })}</Tag> : null}
      {loaded ? <PolicyStatusTag status={loaded.status} /> : null}
      {isDirty ? <Tag color="orange">{t('edit.unsaved')}</Tag> : null}
    </Space>
  );

  const rowsView = canEdit ? (
    isDepartment ? (
      <DepartmentRulesTable
        rules={state.rules}
        department={owner.department}
        packRegion={owner.region}
        errors={problems.rows}
        catalog={catalog}
        onChange={state.changeRules}
      />
    ) : (
      <DraftTables rows={state.rows} errors={problems.rows} catalog={catalog} onChange={state.change} />
    )
  ) : isDepartment ? (
    <DepartmentRulesView rules={state.rules} catalog={catalog} />
  ) : (
    <ProvincialTables pack={state.rows} catalog={catalog} />
  );

  return (
    <div data-testid="policy-editor" data-policy={id}>
      <Link to={`/policies?id=${encodeURIComponent(id)}`}>← {t('edit.back')}</Link>
      <Typography.Title level={2} style={{ marginTop: 8 }}>
        {title}
      </Typography.Title>
      <ErrorAlert error={state.list.error} onRetry={state.list.reload} />
      {!canEdit ? (
        <Alert type="info" showIcon title={t('edit.readOnly')} style={{ marginBottom: 16 }} />
      ) : null}
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
            {canEdit ? (
              <Button
                type="primary"
                loading={isSaving}
                onClick={() => act(state.create)}
                data-testid="create-draft"
              >
                {t(isDepartment ? 'edit.createDeptDraft' : 'edit.createDraft')}
              </Button>
            ) : null}
          </Empty>
        </Card>
      ) : (
        <>
          {owner.kind === 'province' && loaded ? (
            <CosignPanel
              id={id}
              region={owner.region}
              version={loaded.version}
              status={loaded.status}
              cosignatures={loaded.cosignatures ?? []}
              canRequest={canEdit}
              isDirty={isDirty}
              onChanged={state.refresh}
            />
          ) : null}
          <Card
            title={header}
            extra={
              canEdit ? (
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
              ) : undefined
            }
          >
            <ErrorAlert error={state.version.error} onRetry={state.version.reload} />
            {isDirty && loaded?.status === 'awaiting-cosign' ? (
              <Alert type="warning" showIcon title={t('edit.awaitingEdit')} style={{ marginBottom: 16 }} />
            ) : null}
            <Tabs
              items={[
                { key: 'rows', label: t('edit.tab.rows'), children: rowsView },
                {
                  key: 'diff',
                  label: t('edit.tab.diff'),
                  children: (
                    <Space orientation="vertical" style={{ width: '100%' }}>
                      {isDirty ? <Alert type="warning" showIcon title={t('edit.saveFirst')} /> : null}
                      {published ? (
                        <PolicyDiffView key={state.revision} id={id} from={published} to={draft} />
                      ) : (
                        <Alert type="info" showIcon title={t('edit.noPublished')} />
                      )}
                    </Space>
                  ),
                },
                // The simulation re-evaluates a province's holders; only its editors run it.
                ...(owner.kind === 'province' && canEdit
                  ? [
                      {
                        key: 'simulate',
                        label: t('edit.tab.simulate'),
                        children: (
                          <SimulationPanel
                            key={state.revision}
                            region={owner.region}
                            version={draft}
                            isDirty={isDirty}
                            catalog={catalog}
                          />
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </>
      )}
      <PublishModal
        id={id}
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
