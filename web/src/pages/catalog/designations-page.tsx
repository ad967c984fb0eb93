import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import type { Region, User } from '../../types';
import { useApiData } from '../../use-api-data';
import { useRegistryCatalog } from '../registry/use-registry-catalog';
import { DesignationModal, type EditedProvince, WithdrawModal } from './designation-modals';
import { type Designation, type DesignationStatus, designationsApi } from './designations-api';

const statusColors: Record<DesignationStatus, string> = {
  issued: 'green',
  'not-issued': 'red',
  unknown: 'default',
};

interface ProvinceRow {
  region: Region;
  record: Designation | undefined;
  status: DesignationStatus;
}

/** The type's department keeps its designations: nationally, or a provincial admin in their province. */
function canRecord(user: User | null, department: string | undefined, region: string): boolean {
  if (user?.role === 'system-admin') return true;
  return (
    user?.role === 'department-admin' &&
    user.department === department &&
    (user.province === null || user.province === region)
  );
}

/**
 * 省级认定 (issue 13 §4): for a type only a designating province issues (建筑焊工, 建质〔2008〕75号 第三条(七)),
 * every province with what is on record — issued, not issued, or unknown (no record) — kept by 住建's admins.
 */
export function DesignationsPage() {
  const { t, pick, lang } = useI18n();
  const { user } = useAuth();
  const catalog = useRegistryCatalog();
  const designatable = catalog.types.filter((type) => type.issuedOnlyWhereDesignated);
  const [chosen, setChosen] = useState<string>();
  const type = chosen ?? designatable[0]?.id;
  const department = type ? catalog.typeById.get(type)?.department : undefined;
  const load = useCallback(
    () => (type ? designationsApi.list(type) : Promise.resolve({ items: [] })),
    [type],
  );
  const { data, error, isLoading, reload } = useApiData(load);
  const [editing, setEditing] = useState<EditedProvince | null>(null);
  const [withdrawing, setWithdrawing] = useState<EditedProvince | null>(null);

  const byRegion = new Map((data?.items ?? []).map((d) => [d.region, d]));
  const rows: ProvinceRow[] = catalog.provinces.map((region) => {
    const record = byRegion.get(region.code);
    return { region, record, status: record?.status ?? 'unknown' };
  });
  const count = (status: DesignationStatus) => rows.filter((r) => r.status === status).length;
  const mayRecordAny = rows.some((r) => canRecord(user, department, r.region.code));
  const edited = (row: ProvinceRow): EditedProvince => ({
    region: row.region.code,
    name: pick(row.region.nameZh, row.region.nameEn),
    record: row.record,
  });

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('desig.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('desig.subtitle')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('desig.type')}
          style={{ width: 320 }}
          value={type}
          onChange={setChosen}
          notFoundContent={t('desig.noTypes')}
          options={designatable.map((d) => ({ value: d.id, label: `${pick(d.nameZh, d.nameEn)} ${d.id}` }))}
        />
        <Typography.Text data-testid="designation-counts">
          {t('desig.counts', {
            issued: count('issued'),
            notIssued: count('not-issued'),
            unknown: count('unknown'),
          })}
        </Typography.Text>
      </Space>
      {!mayRecordAny && type ? (
        <Alert type="info" showIcon title={t('desig.onlyMohurd')} style={{ marginBottom: 16 }} />
      ) : null}
      <ErrorAlert error={error} onRetry={reload} />
      <Table<ProvinceRow>
        locale={{ emptyText: t('empty.designations') }}
        data-testid="designations"
        rowKey={(row) => row.region.code}
        size="small"
        loading={isLoading}
        pagination={false}
        dataSource={rows}
        columns={[
          {
            key: 'province',
            title: t('desig.province'),
            render: (_, row) => (
              <span>
                {pick(row.region.nameZh, row.region.nameEn)}{' '}
                <Typography.Text type="secondary">{row.region.code}</Typography.Text>
              </span>
            ),
          },
          {
            key: 'status',
            title: t('desig.status'),
            filters: (['issued', 'not-issued', 'unknown'] as const).map((value) => ({
              value,
              text: t(`desig.status.${value}`),
            })),
            onFilter: (value, row) => row.status === value,
            render: (_, row) => (
              <Space size={4}>
                <Tag color={statusColors[row.status]} data-status={row.status}>
                  {t(`desig.status.${row.status}`)}
                </Tag>
                {row.record?.isDemo ? <Tag color="purple">{t('desig.demo')}</Tag> : null}
              </Space>
            ),
          },
          {
            key: 'basis',
            title: t('desig.basis'),
            // A demo row's text is a research note in English: in Chinese mode it says it is demo data.
            render: (_, row) =>
              !row.record
                ? '—'
                : row.record.isDemo && lang === 'zh'
                  ? t('desig.demoBasis')
                  : row.record.basis,
          },
          {
            key: 'designatedOn',
            title: t('desig.designatedOn'),
            render: (_, row) => row.record?.designatedOn ?? '—',
          },
          { key: 'version', title: t('desig.version'), render: (_, row) => row.record?.version ?? '—' },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, row) =>
              type && canRecord(user, department, row.region.code) ? (
                <Space size={0}>
                  <Button size="small" type="link" onClick={() => setEditing(edited(row))}>
                    {t('desig.edit')}
                  </Button>
                  {row.record ? (
                    <Button size="small" type="link" danger onClick={() => setWithdrawing(edited(row))}>
                      {t('desig.withdraw')}
                    </Button>
                  ) : null}
                </Space>
              ) : null,
          },
        ]}
      />
      <DesignationModal
        type={type ?? ''}
        province={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          reload();
        }}
      />
      <WithdrawModal
        type={type ?? ''}
        province={withdrawing}
        onClose={() => setWithdrawing(null)}
        onDone={() => {
          setWithdrawing(null);
          reload();
        }}
      />
    </div>
  );
}
