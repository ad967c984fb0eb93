import { Button, Modal, Space, Spin, Tabs, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { planConsoleApi } from '../../plan-console-api';
import { useApiData } from '../../use-api-data';
import { PlanStatusTag } from './console-format';
import { PapersTab } from './papers-tab';
import { PlanActions } from './plan-actions';
import { PlanForm } from './plan-form';
import { PlanOverview } from './plan-overview';
import { RegistrationsTab } from './registrations-tab';
import { ResultsTab } from './results-tab';
import { SittingsTab } from './sittings-tab';
import { StaffingTab } from './staffing-tab';
import { useConsoleCatalog } from './use-console-catalog';

/** One plan in the institution console: its facts and actions, its sittings, its registrations (issue 6 §5). */
export function PlanPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const { id = '' } = useParams();
  const catalog = useConsoleCatalog();
  const load = useCallback(() => planConsoleApi.plan(id), [id]);
  const { data: plan, error, isLoading, reload } = useApiData(load);
  const [isEditing, setIsEditing] = useState(false);

  if (!plan) {
    return error ? (
      <ErrorAlert error={error} onRetry={reload} />
    ) : (
      <Spin spinning={isLoading} style={{ display: 'block', margin: 48 }} />
    );
  }
  return (
    <div>
      <Link to="/console/plans">{t('pc.back')}</Link>
      <Space align="center" wrap style={{ margin: '8px 0 16px', display: 'flex' }}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="plan-title">
          {plan.name}
        </Typography.Title>
        <PlanStatusTag status={plan.status} />
        <Typography.Text type="secondary">{plan.code}</Typography.Text>
        <Button size="small" onClick={reload} loading={isLoading}>
          {t('pc.refresh')}
        </Button>
      </Space>
      <PlanActions plan={plan} onEdit={() => setIsEditing(true)} onChanged={reload} />
      <Tabs
        style={{ marginTop: 16 }}
        items={[
          {
            key: 'overview',
            label: t('pc.tab.overview'),
            children: <PlanOverview plan={plan} catalog={catalog} />,
          },
          {
            key: 'sittings',
            label: (
              <span data-testid="tab-sittings">{t('pc.tab.sittings', { count: plan.sittings.length })}</span>
            ),
            children: <SittingsTab plan={plan} onChanged={reload} />,
          },
          {
            key: 'registrations',
            label: <span data-testid="tab-registrations">{t('pc.tab.registrations')}</span>,
            children: <RegistrationsTab plan={plan} catalog={catalog} />,
          },
          {
            key: 'staffing',
            label: <span data-testid="tab-staffing">{t('pc.tab.staffing')}</span>,
            children: <StaffingTab plan={plan} />,
          },
          {
            key: 'papers',
            label: <span data-testid="tab-papers">{t('pc.tab.papers')}</span>,
            children: <PapersTab plan={plan} />,
          },
          // Results are run by the institution and the admins over it (issue 7 §5); supervisors do not see them.
          ...(hasRole('system-admin', 'province-admin', 'institution-operator')
            ? [
                {
                  key: 'results',
                  label: <span data-testid="tab-results">{t('pc.tab.results')}</span>,
                  children: <ResultsTab plan={plan} />,
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={isEditing}
        title={t('pc.edit')}
        footer={null}
        width={820}
        onCancel={() => setIsEditing(false)}
        destroyOnHidden
      >
        <PlanForm
          plan={plan}
          catalog={catalog}
          onSaved={() => {
            setIsEditing(false);
            reload();
          }}
          onCancel={() => setIsEditing(false)}
        />
      </Modal>
    </div>
  );
}
