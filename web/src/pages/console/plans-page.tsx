import { Button, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../auth';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { ErrorAlert } from '../../components/error-alert';
import type { PlanStatus, PlanSummary } from '../../exam-types';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { planConsoleApi } from '../../plan-console-api';
import { useApiData } from '../../use-api-data';
import { PlanStatusTag } from './console-format';
import { useConsoleCatalog } from './use-console-catalog';

const statuses: PlanStatus[] = ['draft', 'approved', 'closed', 'cancelled'];

/** Who creates plans: an institution for itself, a province admin (joint plans), a system admin. */
export const planCreators = ['institution-operator', 'province-admin', 'system-admin'] as const;

/** 认定计划: the plans of the caller's institution or province, any status (issue 6 §5). */
export function PlansPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { hasRole } = useAuth();
  const catalog = useConsoleCatalog();
  const [status, setStatus] = useState<PlanStatus | undefined>(undefined);
  const pages = useCursorPages(20);
  const { cursor, limit, reset } = pages;
  const load = useCallback(() => planConsoleApi.plans({ status, cursor, limit }), [status, cursor, limit]);
  const { data, error, isLoading, reload } = useApiData(load);

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('pc.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('pc.subtitle')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }} wrap>
        <Select
          allowClear
          placeholder={t('pc.col.status')}
          style={{ width: 160 }}
          value={status}
          onChange={(value) => {
            setStatus(value);
            reset();
          }}
          options={statuses.map((s) => ({ value: s, label: t(`pc.status.${s}` as MessageKey) }))}
        />
        {hasRole(...planCreators) ? (
          <Button type="primary" data-testid="new-plan" onClick={() => navigate('/console/plans/new')}>
            {t('pc.new')}
          </Button>
        ) : null}
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<PlanSummary>
        rowKey="id"
        data-testid="console-plans"
        loading={isLoading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('empty.plans')} /> }}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('pc.col.code'),
            dataIndex: 'code',
            render: (code: string, plan) => (
              <Link to={`/console/plans/${plan.id}`} data-testid={`console-plan-${code}`}>
                {code}
              </Link>
            ),
          },
          { title: t('pc.col.name'), dataIndex: 'name' },
          {
            title: t('pc.col.status'),
            dataIndex: 'status',
            render: (s: PlanStatus) => <PlanStatusTag status={s} />,
          },
          {
            title: t('pc.col.occupation'),
            dataIndex: 'occupation',
            render: (code: string) => catalog.occupationName(code),
          },
          {
            title: t('pc.col.level'),
            dataIndex: 'level',
            render: (level: string) => catalog.levelName(level),
          },
          {
            title: t('pc.col.kind'),
            dataIndex: 'kind',
            render: (kind: string, plan) =>
              kind === 'joint' ? (
                <Tag color="purple">
                  {t('pc.kind.joint')} · {plan.institutions.length}
                </Tag>
              ) : (
                <Tag>{t('pc.kind.single')}</Tag>
              ),
          },
          {
            title: t('pc.col.window'),
            key: 'window',
            render: (_: unknown, plan) => `${plan.registrationOpens} ~ ${plan.registrationCloses}`,
          },
          {
            title: t('pc.col.sittings'),
            key: 'sittings',
            render: (_: unknown, plan) =>
              t('pc.sittingsSummary', {
                count: plan.sittingCount,
                remaining: plan.remaining,
                capacity: plan.capacity,
              }),
          },
        ]}
      />
      <CursorPager
        page={pages.page}
        limit={limit}
        next={data?.next}
        isLoading={isLoading}
        onPrev={pages.goPrev}
        onNext={pages.goNext}
        onLimit={pages.setLimit}
      />
    </div>
  );
}
