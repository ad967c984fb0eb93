import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Menu,
  type MenuProps,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api';
import { useAuth } from '../../auth';
import { describeError, ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { type PolicyEntry, type PolicyKind, policyOwnerOf } from '../../policy-types';
import { recognitionApi } from '../../recognition-api';
import { useApiData } from '../../use-api-data';
import { type RecognitionCatalog, useRecognitionCatalog } from '../recognition/use-recognition-catalog';
import { policyApi } from './policy-api';
import {
  canSeeDrafts,
  inForce,
  newestDraftOf,
  newestOf,
  ownDepartmentPackId,
  todayInChina,
  useCanEditPolicy,
  usePolicyName,
} from './policy-utils';
import { PolicyVersionView } from './policy-version-view';
import { PolicyVersions } from './policy-versions';

const loadPolicies = () => recognitionApi.policies();

function SelectedVersion({
  id,
  version,
  catalog,
}: {
  id: string;
  version: string;
  catalog: RecognitionCatalog;
}) {
  const load = useCallback(() => recognitionApi.policyVersion(id, version), [id, version]);
  const { data, error, isLoading, reload } = useApiData(load);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data || isLoading) return <Spin style={{ display: 'block', margin: 24 }} />;
  return (
    <div data-testid="policy-version" data-version={data.version}>
      <PolicyVersionView version={data} catalog={catalog} />
    </div>
  );
}

/** A system admin opens the editor of any province, also one without a pack yet. */
function EditAnyProvince({ catalog }: { catalog: RecognitionCatalog }) {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const [region, setRegion] = useState<string>();
  return (
    <Space wrap>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('form.province')}
        aria-label={t('form.province')}
        style={{ width: 200 }}
        value={region}
        onChange={setRegion}
        options={catalog.provinces.map((r) => ({
          value: r.code,
          label: `${pick(r.nameZh, r.nameEn)} ${r.code}`,
        }))}
      />
      <Button disabled={!region} onClick={() => region && navigate(`/policies/${region}/edit`)}>
        {t('pol.editRegion')}
      </Button>
    </Space>
  );
}

/**
 * 「新建本部门特别规定草稿」: a department admin's own pack (national scope only without a province). An existing
 * draft is opened rather than a second one made.
 */
function OwnDepartmentDraft({ items }: { items: PolicyEntry[] }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [isBusy, setIsBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const id = ownDepartmentPackId(user);
  if (!id) return null;
  const editor = `/policies/${id}/edit`;
  if (newestDraftOf(items.find((item) => item.id === id))) {
    return <Link to={editor}>{t('pol.editDeptDraft')}</Link>;
  }
  return (
    <Space>
      <Button
        type="primary"
        loading={isBusy}
        data-testid="new-dept-draft"
        onClick={async () => {
          setIsBusy(true);
          setProblem(null);
          try {
            await policyApi.createDraft(id);
            navigate(editor);
          } catch (error) {
            setProblem(describeError(error, t));
            setIsBusy(false);
          }
        }}
      >
        {t('pol.newDeptDraft')}
      </Button>
      {problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null}
    </Space>
  );
}

const groups: Array<{
  kind: PolicyKind;
  label: 'pol.group.national' | 'pol.group.department' | 'pol.group.province';
}> = [
  { kind: 'national', label: 'pol.group.national' },
  { kind: 'department', label: 'pol.group.department' },
  { kind: 'province', label: 'pol.group.province' },
];

/** 政策目录: every policy pack and its versions; pick one to read it, or two to compare. Open to everyone. */
export function PoliciesPage() {
  const { t } = useI18n();
  const { hasRole, user } = useAuth();
  const catalog = useRecognitionCatalog();
  const policyName = usePolicyName(catalog);
  const canEdit = useCanEditPolicy();
  const { data, error, isLoading, reload } = useApiData(loadPolicies);
  const [params, setParams] = useSearchParams();
  const items: PolicyEntry[] = data?.items ?? [];
  const selectedId = params.get('id') ?? items[0]?.id;
  const entry = items.find((item) => item.id === selectedId);
  const version = params.get('version') ?? (inForce(entry, todayInChina()) ?? newestOf(entry))?.version;
  const select = (id: string, v?: string) => setParams(v ? { id, version: v } : { id });
  const menuItems: MenuProps['items'] = groups
    .map(({ kind, label }) => ({
      key: `group-${kind}`,
      type: 'group' as const,
      label: t(label),
      children: items
        .filter((item) => item.kind === kind)
        .map((item) => {
          const latest = newestOf(item);
          return {
            key: item.id,
            label: (
              <span data-policy={item.id}>
                {policyName(item.id)}
                {latest ? (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                    {latest.version}
                  </Typography.Text>
                ) : null}
                {item.versions.some((v) => v.status === 'awaiting-cosign') ? (
                  <Tag color="orange" style={{ marginInlineStart: 8 }}>
                    {t('pol.status.awaiting-cosign')}
                  </Tag>
                ) : null}
              </span>
            ),
          };
        }),
    }))
    .filter((group) => group.children.length > 0);
  /** Who may open the editor of the selected pack: its editors, or (read and co-sign) a department concerned. */
  const editorLink = (entry: PolicyEntry) => {
    if (canEdit(entry.id))
      return (
        <Link to={`/policies/${entry.id}/edit`} data-testid="policy-edit">
          {t('pol.edit')}
        </Link>
      );
    const draft = newestDraftOf(entry);
    if (!draft || !canSeeDrafts(user, policyOwnerOf(entry.id))) return undefined;
    return (
      <Link to={`/policies/${entry.id}/edit`} data-testid="open-cosign">
        {draft.status === 'awaiting-cosign' ? t('pol.openCosign') : t('pol.readDraft')}
      </Link>
    );
  };

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('pol.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('pol.subtitle')}</Typography.Paragraph>
      {hasRole('system-admin') ? (
        <div style={{ marginBottom: 16 }}>
          <EditAnyProvince catalog={catalog} />
        </div>
      ) : null}
      {hasRole('department-admin') ? (
        <div style={{ marginBottom: 16 }}>
          <OwnDepartmentDraft items={items} />
        </div>
      ) : null}
      {error instanceof ApiError && error.status === 404 ? (
        <Alert type="info" showIcon title={t('pol.notAvailable')} />
      ) : (
        <ErrorAlert error={error} onRetry={reload} />
      )}
      <Row gutter={24}>
        <Col xs={24} lg={7}>
          <Card size="small" loading={isLoading && items.length === 0} styles={{ body: { padding: 4 } }}>
            {items.length === 0 && !isLoading ? (
              <Empty description={t('pol.noPolicies')} />
            ) : (
              <Menu
                data-testid="policy-list"
                mode="inline"
                selectedKeys={selectedId ? [selectedId] : []}
                onClick={({ key }) => select(key)}
                style={{ borderInlineEnd: 0 }}
                items={menuItems}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={17}>
          {entry ? (
            <Card title={policyName(entry.id)} extra={editorLink(entry)}>
              <PolicyVersions
                key={entry.id}
                entry={entry}
                selected={version}
                onSelect={(v) => select(entry.id, v)}
              />
            </Card>
          ) : null}
        </Col>
      </Row>
      {entry && version ? (
        <Card title={`${policyName(entry.id)} · ${version}`} style={{ marginTop: 24 }}>
          <SelectedVersion id={entry.id} version={version} catalog={catalog} />
        </Card>
      ) : items.length > 0 ? (
        <Typography.Paragraph type="secondary">{t('pol.selectHint')}</Typography.Paragraph>
      ) : null}
    </div>
  );
}
