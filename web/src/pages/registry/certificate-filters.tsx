import { Button, Form, Input, Select, Space } from 'antd';
import { DateField } from '../../components/date-field';
import { useI18n } from '../../i18n';
import { type CertificateFilter, effectiveStatuses, idTypes } from '../../registry-types';
import type { RegistryCatalog } from './use-registry-catalog';

type FilterValues = Omit<CertificateFilter, 'sort' | 'order'>;

/** Drops empty fields and trims text, so the request carries only what the person asked for. */
function clean(values: FilterValues): FilterValues {
  const filter: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' && value.trim() !== '') filter[key] = value.trim();
  }
  return filter as FilterValues;
}

function DateRange({ from, to, label }: { from: keyof FilterValues; to: keyof FilterValues; label: string }) {
  const { t } = useI18n();
  return (
    <Form.Item label={label} style={{ marginBottom: 8 }}>
      <Space.Compact>
        <Form.Item name={from} noStyle>
          <DateField id={`filter-${from}`} aria-label={`${label} ${t('filter.fromTo')}`} />
        </Form.Item>
        <Form.Item name={to} noStyle>
          <DateField id={`filter-${to}`} aria-label={`${label} ${t('filter.fromTo')}`} />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}

export function CertificateFilters({
  catalog,
  onSearch,
}: {
  catalog: RegistryCatalog;
  onSearch: (filter: FilterValues) => void;
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<FilterValues>();
  const department = Form.useWatch('department', form);
  const types = catalog.types.filter((type) => !department || type.department === department);

  return (
    <Form<FilterValues>
      form={form}
      name="certificateFilter"
      layout="inline"
      onFinish={(values) => onSearch(clean(values))}
      style={{ rowGap: 8, marginBottom: 16 }}
    >
      <Form.Item name="idNumber" label={t('filter.idNumber')} style={{ marginBottom: 8 }}>
        <Input allowClear autoComplete="off" style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="idType" style={{ marginBottom: 8 }}>
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('idType.resident')}
          aria-label={t('col.idType')}
          options={idTypes.map((value) => ({ value, label: t(`idType.${value}`) }))}
        />
      </Form.Item>
      <Form.Item name="name" label={t('filter.name')} style={{ marginBottom: 8 }}>
        <Input allowClear autoComplete="off" style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="department" label={t('filter.department')} style={{ marginBottom: 8 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('common.all')}
          onChange={() => form.setFieldValue('type', undefined)}
          options={catalog.departments.map((d) => ({ value: d.id, label: pick(d.nameZh, d.nameEn) }))}
        />
      </Form.Item>
      <Form.Item name="type" label={t('filter.type')} style={{ marginBottom: 8 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 240 }}
          placeholder={t('common.all')}
          options={types.map((type) => ({ value: type.id, label: pick(type.nameZh, type.nameEn) }))}
        />
      </Form.Item>
      <Form.Item name="status" label={t('filter.status')} style={{ marginBottom: 8 }}>
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('common.all')}
          options={effectiveStatuses.map((value) => ({ value, label: t(`certStatus.${value}`) }))}
        />
      </Form.Item>
      <Form.Item name="region" label={t('filter.region')} style={{ marginBottom: 8 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 160 }}
          placeholder={t('common.all')}
          options={catalog.provinces.map((r) => ({
            value: r.code,
            label: `${pick(r.nameZh, r.nameEn)} ${r.code}`,
          }))}
        />
      </Form.Item>
      <DateRange from="validFromFrom" to="validFromTo" label={t('filter.validFrom')} />
      <DateRange from="validUntilFrom" to="validUntilTo" label={t('filter.validUntil')} />
      <Space style={{ marginBottom: 8 }}>
        <Button type="primary" htmlType="submit" data-testid="certificate-search">
          {t('filter.search')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onSearch({});
          }}
        >
          {t('filter.reset')}
        </Button>
      </Space>
    </Form>
  );
}
