import { Form, Input, Select } from 'antd';
import { useCallback } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import type { Role } from '../../types';
import { useApiData } from '../../use-api-data';

type Need = 'required' | 'optional' | 'none';

/** Which scope fields each role carries (design.md: who uses it). */
export const scopeNeeds: Record<Role, { department: Need; province: Need; institution: Need }> = {
  'system-admin': { department: 'none', province: 'none', institution: 'none' },
  'department-admin': { department: 'required', province: 'optional', institution: 'none' },
  'province-admin': { department: 'none', province: 'required', institution: 'none' },
  'institution-operator': { department: 'none', province: 'none', institution: 'required' },
  supervisor: { department: 'none', province: 'optional', institution: 'none' },
  holder: { department: 'none', province: 'none', institution: 'none' },
};

const loadCatalog = () => Promise.all([api.departments(), api.regions()]);

/** The department / province / institution fields the chosen role needs. */
export function ScopeFields({ role }: { role: Role | undefined }) {
  const { t, pick } = useI18n();
  const load = useCallback(loadCatalog, []);
  const { data } = useApiData(load);
  if (!role) return null;
  const needs = scopeNeeds[role];
  const departments = data?.[0].items ?? [];
  // Provinces are the region codes ending in 0000 (GB/T 2260).
  const provinces = (data?.[1].items ?? []).filter((region) => region.code.endsWith('0000'));
  const required = [{ required: true, message: t('common.required') }];

  return (
    <>
      {needs.department !== 'none' ? (
        <Form.Item name="department" label={t('form.department')} rules={required}>
          <Select options={departments.map((d) => ({ value: d.id, label: pick(d.nameZh, d.nameEn) }))} />
        </Form.Item>
      ) : null}
      {needs.province !== 'none' ? (
        <Form.Item
          name="province"
          label={needs.province === 'required' ? t('form.province') : t('form.provinceOptional')}
          rules={needs.province === 'required' ? required : []}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={provinces.map((r) => ({
              value: r.code,
              label: `${pick(r.nameZh, r.nameEn)} ${r.code}`,
            }))}
          />
        </Form.Item>
      ) : null}
      {needs.institution !== 'none' ? (
        <Form.Item name="institution" label={t('form.institution')} rules={required}>
          <Input placeholder={t('form.institutionHint')} />
        </Form.Item>
      ) : null}
    </>
  );
}
