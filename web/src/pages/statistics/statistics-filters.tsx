import { App, Button, Form, Select, Space } from 'antd';
import { useState } from 'react';
import { DateField } from '../../components/date-field';
import { describeError } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { saveFile } from '../../registry-api';
import { type StatisticsFilter, statisticsApi } from '../../statistics-api';
import type { InstitutionCatalog } from '../institutions/use-institution-catalog';

const levels = ['5', '4', '3', '2', '1'] as const;

/** Drops empty fields, so the request carries only what the person asked for. */
function clean(values: Record<string, unknown>): StatisticsFilter {
  const filter: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' && value.trim() !== '') filter[key] = value.trim();
    if (typeof value === 'number') filter[key] = value;
  }
  return filter as StatisticsFilter;
}

/**
 * The period, province, occupation and level every figure is narrowed to, the year of the pass rates, and the
 * export of the figures as they stand. A provincial user's province is fixed: the server would refuse another.
 */
export function StatisticsFilters(props: {
  catalog: InstitutionCatalog;
  initial: StatisticsFilter;
  fixedProvince: string | null;
  years: number[];
  current: StatisticsFilter;
  onSearch: (filter: StatisticsFilter) => void;
}) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const { catalog } = props;
  const item = { style: { marginBottom: 8 } };

  const download = async () => {
    setBusy(true);
    try {
      const file = await statisticsApi.exportXlsx(props.current);
      saveFile(file.blob, file.filename ?? 'statistics.xlsx');
    } catch (cause) {
      message.error(t('stat.exportFailed', { message: describeError(cause, t) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      name="statisticsFilter"
      layout="inline"
      initialValues={{ ...props.initial, province: props.fixedProvince ?? props.initial.province }}
      onFinish={(values: Record<string, unknown>) => props.onSearch(clean(values))}
      style={{ rowGap: 8, marginBottom: 16 }}
    >
      <Form.Item name="from" label={t('stat.filter.from')} {...item}>
        <DateField id="stat-from" style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name="to" label={t('stat.filter.to')} {...item}>
        <DateField id="stat-to" style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name="province" label={t('stat.filter.province')} {...item}>
        <Select
          allowClear
          disabled={props.fixedProvince !== null}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 160 }}
          placeholder={t('stat.scope.national')}
          data-testid="stat-province"
          options={catalog.provinces.map((r) => ({
            value: r.code,
            label: `${pick(r.nameZh, r.nameEn)} ${r.code}`,
          }))}
        />
      </Form.Item>
      <Form.Item name="occupation" label={t('stat.filter.occupation')} {...item}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('common.all')}
          options={catalog.occupations.map((o) => ({
            value: o.code,
            label: `${pick(o.nameZh, o.nameEn)} ${o.code}`,
          }))}
        />
      </Form.Item>
      <Form.Item name="level" label={t('stat.filter.level')} {...item}>
        <Select
          allowClear
          style={{ width: 170 }}
          placeholder={t('common.all')}
          options={levels.map((level) => ({ value: level, label: catalog.levelName(level) }))}
        />
      </Form.Item>
      <Form.Item name="year" label={t('stat.filter.year')} {...item}>
        <Select style={{ width: 100 }} options={props.years.map((y) => ({ value: y, label: String(y) }))} />
      </Form.Item>
      <Space style={{ marginBottom: 8 }}>
        <Button type="primary" htmlType="submit" data-testid="stat-search">
          {t('filter.search')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            props.onSearch(props.initial);
          }}
        >
          {t('filter.reset')}
        </Button>
        <Button onClick={download} loading={busy} data-testid="stat-export">
          {t('stat.export')}
        </Button>
      </Space>
    </Form>
  );
}
