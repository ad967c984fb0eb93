import { Select, Space } from 'antd';
import { useCallback } from 'react';
import { useI18n } from '../../i18n';
import { institutionApi } from '../../institution-api';
import { useApiData } from '../../use-api-data';
import type { ConsoleCatalog } from '../console/use-console-catalog';
import type { LiveFilter } from './live-api';

/**
 * Province, institution and occupation. A provincial supervisor's province is fixed (the server narrows them to it
 * and refuses any other); the institutions offered are those of the chosen province.
 */
export function LiveFilters(props: {
  filter: LiveFilter;
  onChange: (filter: LiveFilter) => void;
  ownProvince: string | null;
  catalog: ConsoleCatalog;
}) {
  const { t, pick } = useI18n();
  const { filter, onChange, ownProvince, catalog } = props;
  const province = ownProvince ?? filter.province;
  const loadInstitutions = useCallback(
    () => institutionApi.list({ status: 'all', limit: 100, ...(province && { region: province }) }),
    [province],
  );
  const institutions = useApiData(loadInstitutions);

  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Select
        data-testid="live-filter-province"
        allowClear={ownProvince === null}
        disabled={ownProvince !== null}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('live.filter.province')}
        title={ownProvince ? t('live.ownProvince') : undefined}
        style={{ width: 180 }}
        value={province}
        onChange={(value?: string) => onChange({ ...filter, province: value, institution: undefined })}
        options={catalog.regions.map((r) => ({ value: r.code, label: pick(r.nameZh, r.nameEn) }))}
      />
      <Select
        data-testid="live-filter-institution"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('live.filter.institution')}
        style={{ width: 260 }}
        loading={institutions.isLoading}
        value={filter.institution}
        onChange={(value?: string) => onChange({ ...filter, institution: value })}
        options={(institutions.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))}
      />
      <Select
        data-testid="live-filter-occupation"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('live.filter.occupation')}
        style={{ width: 240 }}
        value={filter.occupation}
        onChange={(value?: string) => onChange({ ...filter, occupation: value })}
        options={catalog.occupations.map((o) => ({ value: o.code, label: catalog.occupationName(o.code) }))}
      />
    </Space>
  );
}
