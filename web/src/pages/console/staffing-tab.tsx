import { Button, Card, Descriptions, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, useCallback, useState } from 'react';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import type { ConsolePlan } from '../../plan-console-types';
import { type StaffingView, type StaffMember, type StaffRole, staffingApi } from '../../staffing-api';
import { useApiData } from '../../use-api-data';
import { chinaWhen } from './console-format';
import { ProblemAlert } from './problem-alert';

const roles: StaffRole[] = ['invigilator', 'examiner', 'reviewer'];
const statusColor = { met: 'green', unmet: 'red', skipped: 'default' } as const;

/**
 * 考务人员 (issue 7 §3): per sitting, the staff assigned with their employers, the standard's ratios checked (met or
 * not) and who must recuse — staff of the running institution or of a candidate's declared employer. The institution
 * assigns; admins and supervisors over it read.
 */
export function StaffingTab({ plan }: { plan: ConsolePlan }) {
  const { t } = useI18n();
  const { user, hasRole } = useAuth();
  // An operator staffs (and sees) the sittings of its own institution only.
  const sittings = plan.sittings.filter(
    (s) => user?.role !== 'institution-operator' || s.institutionId === user.institution,
  );
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const sittingId = chosen ?? sittings[0]?.id;
  const canAssign = hasRole('institution-operator', 'system-admin');

  if (sittings.length === 0)
    return <Typography.Text type="secondary">{t('staff.noSittings')}</Typography.Text>;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('staff.sitting')}</span>
        <Select
          data-testid="staffing-sitting"
          style={{ minWidth: 360 }}
          value={sittingId}
          onChange={setChosen}
          options={sittings.map((s) => ({
            value: s.id,
            label: `${chinaWhen(s.startsAt, s.endsAt)} ${s.site.name}`,
          }))}
        />
      </Space>
      {sittingId ? <SittingStaffing key={sittingId} sittingId={sittingId} canAssign={canAssign} /> : null}
    </Space>
  );
}

function SittingStaffing({ sittingId, canAssign }: { sittingId: string; canAssign: boolean }) {
  const { t } = useI18n();
  const load = useCallback(() => staffingApi.get(sittingId), [sittingId]);
  const { data, error, isLoading, reload } = useApiData(load);
  const recusalOf = (id: string) => data?.recusals.find((r) => r.staffId === id);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <ProblemAlert error={error} />
      {data ? <StaffingSummary view={data} /> : null}
      <Card size="small" title={t('staff.staff')}>
        <Table<StaffMember>
          size="small"
          rowKey="id"
          data-testid="staff"
          loading={isLoading}
          pagination={false}
          dataSource={data?.staff ?? []}
          locale={{ emptyText: t('staff.none') }}
          onRow={(s) =>
            ({
              'data-testid': 'staff-row',
              'data-recused': recusalOf(s.id)?.reason ?? '',
            }) as HTMLAttributes<HTMLTableRowElement>
          }
          columns={[
            { title: t('staff.role'), dataIndex: 'role', render: (r: StaffRole) => t(`staff.role.${r}`) },
            { title: t('staff.name'), dataIndex: 'name' },
            { title: t('staff.employer'), dataIndex: 'employer' },
            {
              title: t('staff.recusal'),
              key: 'recusal',
              render: (_: unknown, s) => {
                const recusal = recusalOf(s.id);
                return recusal ? (
                  <Tag color="red" data-testid="recusal">
                    {t(`staff.recusal.${recusal.reason}`)}
                  </Tag>
                ) : (
                  <Tag color="green">{t('staff.serving')}</Tag>
                );
              },
            },
          ]}
        />
      </Card>
      {canAssign ? <AssignForm sittingId={sittingId} onAssigned={reload} /> : null}
    </Space>
  );
}

function StaffingSummary({ view }: { view: StaffingView }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      title={t('staff.checks')}
      extra={
        <Tag color={view.ok ? 'green' : 'red'} data-testid="staffing-ok" data-ok={String(view.ok)}>
          {t(view.ok ? 'staff.ok' : 'staff.notOk')}
        </Tag>
      }
    >
      <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('staff.candidates')}>
          <span data-testid="staffing-candidates">{view.candidates}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('staff.running')}>{view.runningInstitution}</Descriptions.Item>
      </Descriptions>
      <Table
        locale={{ emptyText: t('empty.staffingChecks') }}
        size="small"
        rowKey="code"
        data-testid="staffing-checks"
        pagination={false}
        dataSource={view.checks}
        columns={[
          {
            title: t('staff.check'),
            dataIndex: 'code',
            render: (c: string) => t(`staff.check.${c as 'examiners'}`),
          },
          {
            title: t('staff.requiredActual'),
            key: 'numbers',
            render: (_: unknown, c) => {
              if (c.status === 'skipped') return '—';
              if (c.code.endsWith('-odd')) return t(c.actual === 1 ? 'staff.odd' : 'staff.even');
              return t('staff.numbers', { required: c.required, actual: c.actual });
            },
          },
          {
            title: t('staff.status'),
            dataIndex: 'status',
            render: (status: keyof typeof statusColor, c) => (
              <Tag color={statusColor[status]} data-testid={`check-${c.code}`} data-status={status}>
                {t(`staff.status.${status}`)}
              </Tag>
            ),
          },
        ]}
      />
    </Card>
  );
}

function AssignForm({ sittingId, onAssigned }: { sittingId: string; onAssigned: () => void }) {
  const { t } = useI18n();
  const [role, setRole] = useState<StaffRole>('examiner');
  const [name, setName] = useState('');
  const [employer, setEmployer] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [isSaving, setIsSaving] = useState(false);
  const canSave = name.trim() !== '' && employer.trim() !== '';

  const assign = async () => {
    setIsSaving(true);
    setError(undefined);
    try {
      await staffingApi.assign(sittingId, { role, name: name.trim(), employer: employer.trim() });
      setName('');
      onAssigned();
    } catch (e) {
      setError(e);
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Card size="small" title={t('staff.assign')}>
      <Typography.Paragraph type="secondary">{t('staff.assignHint')}</Typography.Paragraph>
      <Space wrap>
        <Select
          data-testid="staff-role"
          style={{ width: 160 }}
          value={role}
          onChange={setRole}
          options={roles.map((r) => ({ value: r, label: t(`staff.role.${r}`) }))}
        />
        <Input
          id="staff-name"
          style={{ width: 160 }}
          maxLength={100}
          placeholder={t('staff.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Input
          id="staff-employer"
          style={{ width: 280 }}
          maxLength={200}
          placeholder={t('staff.employer')}
          value={employer}
          onChange={(e) => setEmployer(e.target.value)}
        />
        <Button
          type="primary"
          data-testid="assign-staff"
          disabled={!canSave}
          loading={isSaving}
          onClick={assign}
        >
          {t('staff.assignButton')}
        </Button>
      </Space>
      <ProblemAlert error={error} />
    </Card>
  );
}
