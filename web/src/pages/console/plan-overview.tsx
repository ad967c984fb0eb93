import { Descriptions, Table, Tag, Typography } from 'antd';
import { chinaDate } from '../../format';
import { useI18n } from '../../i18n';
import type { ConsolePlan } from '../../plan-console-types';
import { SubjectsTable } from './subjects-table';
import type { ConsoleCatalog } from './use-console-catalog';

/** The plan's facts, subjects and participating institutions. */
export function PlanOverview({ plan, catalog }: { plan: ConsolePlan; catalog: ConsoleCatalog }) {
  const { t } = useI18n();
  return (
    <div>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'code',
            label: t('pc.col.code'),
            children: <span data-testid="plan-code">{plan.code}</span>,
          },
          {
            key: 'kind',
            label: t('pc.col.kind'),
            children: plan.kind === 'joint' ? t('pc.kind.joint') : t('pc.kind.single'),
          },
          {
            key: 'occupation',
            label: t('pc.col.occupation'),
            children: catalog.occupationName(plan.occupation),
          },
          { key: 'level', label: t('pc.col.level'), children: catalog.levelName(plan.level) },
          { key: 'lead', label: t('pc.lead'), children: catalog.provinceName(plan.leadProvince) },
          {
            key: 'window',
            label: t('pc.col.window'),
            children: `${plan.registrationOpens} ~ ${plan.registrationCloses}`,
          },
          {
            key: 'created',
            label: t('pc.createdBy'),
            children: `${plan.createdBy} · ${chinaDate(plan.createdAt)}`,
          },
          {
            key: 'approved',
            label: t('pc.approvedBy'),
            children: plan.approvedBy
              ? `${plan.approvedBy} · ${plan.approvedAt ? chinaDate(plan.approvedAt) : ''}`
              : '—',
          },
        ]}
      />
      <Typography.Title level={4}>{t('pc.subjects')}</Typography.Title>
      <SubjectsTable subjects={plan.subjects} standard={undefined} />
      <Typography.Title level={4}>{t('pc.institutions')}</Typography.Title>
      <Table
        locale={{ emptyText: t('empty.planInstitutions') }}
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={plan.institutions}
        columns={[
          { title: t('pc.institution'), dataIndex: 'name' },
          { title: t('pc.institutionCode'), dataIndex: 'code' },
          {
            title: t('pc.province'),
            dataIndex: 'province',
            render: (p: string) => (
              <>
                {catalog.provinceName(p)}
                {p === plan.leadProvince && plan.kind === 'joint' ? (
                  <Tag style={{ marginInlineStart: 8 }}>{t('pc.lead')}</Tag>
                ) : null}
              </>
            ),
          },
          {
            title: t('pc.sites'),
            key: 'sites',
            render: (_: unknown, i) => i.sites.map((s) => s.name).join('、'),
          },
        ]}
      />
    </div>
  );
}
