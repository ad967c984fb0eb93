import { Tabs, Typography } from 'antd';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { useApiData } from '../../use-api-data';
import { CertificateTypesTab } from './certificate-types-tab';
import { DepartmentsTab } from './departments-tab';
import { LevelsTab } from './levels-tab';
import { OccupationsTab } from './occupations-tab';
import { RegionsTab } from './regions-tab';

const tabs = ['types', 'departments', 'occupations', 'levels', 'regions'] as const;
type Tab = (typeof tabs)[number];

function isTab(value: string | null): value is Tab {
  return tabs.some((tab) => tab === value);
}

/** The public catalog. The tab lives in `?tab=` so a view can be linked; certificate types is the default. */
export function CatalogPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const active: Tab = isTab(requested) ? requested : 'types';
  const loadDepartments = useCallback(() => api.departments(), []);
  const departments = useApiData(loadDepartments);
  const departmentList = departments.data?.items ?? [];

  const panes: Record<Tab, React.ReactNode> = {
    types: <CertificateTypesTab departments={departmentList} />,
    departments: <DepartmentsTab departments={departments} />,
    occupations: <OccupationsTab />,
    levels: <LevelsTab />,
    regions: <RegionsTab />,
  };

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('catalog.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('catalog.subtitle')}</Typography.Paragraph>
      <Tabs
        activeKey={active}
        destroyOnHidden
        onChange={(key) => setParams(key === 'types' ? {} : { tab: key })}
        items={tabs.map((tab) => ({
          key: tab,
          label: t(`catalog.tab.${tab}` satisfies MessageKey),
          children: panes[tab],
        }))}
      />
    </div>
  );
}
