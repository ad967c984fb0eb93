import {
  Button,
  Card,
  Empty,
  Form,
  Input,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useI18n } from '../../i18n';
import {
  type Institution,
  type InstitutionFilter,
  type InstitutionScope,
  type InstitutionStatus,
  institutionStatuses,
  scopeLevels,
} from '../../institution-types';
import type { InstitutionCatalog } from './use-institution-catalog';

const statusColors: Record<InstitutionStatus, string> = {
  active: 'green',
  suspended: 'orange',
  revoked: 'red',
  expired: 'default',
  'not-yet-valid': 'blue',
};

/** A filing's status on today: the stored one, or expired / not yet valid by its dates. */
export function InstitutionStatusTag({ status }: { status: InstitutionStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={statusColors[status]} data-status={status}>
      {t(`inst.status.${status}`)}
    </Tag>
  );
}

/** The filed scope, one tag per occupation with its levels: 电工 五级/初级工、四级/中级工. */
export function ScopeTags({ scopes, catalog }: { scopes: InstitutionScope[]; catalog: InstitutionCatalog }) {
  const { pick } = useI18n();
  const byOccupation = new Map<string, InstitutionScope[]>();
  for (const scope of scopes)
    byOccupation.set(scope.occupation, [...(byOccupation.get(scope.occupation) ?? []), scope]);
  return (
    <Space size={[4, 4]} wrap>
      {[...byOccupation].map(([code, entries]) => (
        <Tag key={code} data-testid="scope-tag">
          {pick(entries[0]?.occupationNameZh ?? code, entries[0]?.occupationNameEn)}{' '}
          {entries.map((e) => catalog.levelName(e.level)).join('、')}
        </Tag>
      ))}
    </Space>
  );
}

export function useInstitutionColumns(
  catalog: InstitutionCatalog,
  options: { onOpen: (institution: Institution) => void; withStatus?: boolean },
): TableColumnsType<Institution> {
  const { t } = useI18n();
  const columns: TableColumnsType<Institution> = [
    {
      key: 'name',
      title: t('inst.col.name'),
      width: 220,
      render: (_, row) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() => options.onOpen(row)}
          data-testid="institution-name"
        >
          {row.name}
        </Button>
      ),
    },
    {
      key: 'code',
      title: t('inst.col.code'),
      width: 150,
      render: (_, row) => <Typography.Text code>{row.code}</Typography.Text>,
    },
    { key: 'kind', title: t('inst.col.kind'), width: 120, render: (_, row) => t(`inst.kind.${row.kind}`) },
    {
      key: 'province',
      title: t('inst.col.province'),
      width: 90,
      render: (_, row) => catalog.provinceName(row.province),
    },
    {
      key: 'scope',
      title: t('inst.col.scope'),
      width: 260,
      render: (_, row) => <ScopeTags scopes={row.scopes} catalog={catalog} />,
    },
    {
      key: 'validity',
      title: t('inst.col.validity'),
      width: 200,
      render: (_, row) => `${row.validFrom} – ${row.validUntil}`,
    },
  ];
  if (options.withStatus)
    columns.push({
      key: 'status',
      title: t('inst.col.status'),
      render: (_, row) => <InstitutionStatusTag status={row.status} />,
    });
  return columns;
}

/** The institutions as cards, for a phone: name, kind and province, scope, validity; a tap opens the filing. */
export function InstitutionCards(props: {
  items: Institution[];
  catalog: InstitutionCatalog;
  onOpen: (institution: Institution) => void;
  withStatus?: boolean;
}) {
  const { t } = useI18n();
  if (props.items.length === 0) return <Empty description={t('inst.none')} data-testid="institution-cards" />;
  return (
    <div data-testid="institution-cards">
      {props.items.map((row) => (
        <Card
          key={row.id}
          size="small"
          hoverable
          style={{ marginBottom: 12 }}
          data-institution={row.id}
          onClick={() => props.onOpen(row)}
        >
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Typography.Link strong data-testid="institution-name">
              {row.name}
            </Typography.Link>
            <Space size={4} wrap>
              <Tag>{t(`inst.kind.${row.kind}`)}</Tag>
              <Tag>{props.catalog.provinceName(row.province)}</Tag>
              {props.withStatus ? <InstitutionStatusTag status={row.status} /> : null}
            </Space>
            <ScopeTags scopes={row.scopes} catalog={props.catalog} />
            <Typography.Text type="secondary">
              {t('inst.col.validity')} {row.validFrom} – {row.validUntil}
            </Typography.Text>
          </Space>
        </Card>
      ))}
    </div>
  );
}

/** Drops empty fields and trims the name, so the request carries only what the person asked for. */
function clean(values: InstitutionFilter): InstitutionFilter {
  const filter: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' && value.trim() !== '') filter[key] = value.trim();
  }
  return filter;
}

export function InstitutionFilters(props: {
  catalog: InstitutionCatalog;
  withStatus?: boolean;
  initial?: InstitutionFilter;
  onSearch: (filter: InstitutionFilter) => void;
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<InstitutionFilter>();
  const { catalog } = props;
  const item = { style: { marginBottom: 8 } };
  return (
    <Form<InstitutionFilter>
      form={form}
      name="institutionFilter"
      layout="inline"
      initialValues={props.initial}
      onFinish={(values) => props.onSearch(clean(values))}
      style={{ rowGap: 8, marginBottom: 16 }}
    >
      <Form.Item name="occupation" label={t('inst.filter.occupation')} {...item}>
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
      <Form.Item name="level" label={t('inst.filter.level')} {...item}>
        <Select
          allowClear
          style={{ width: 170 }}
          placeholder={t('common.all')}
          options={scopeLevels.map((level) => ({ value: level, label: catalog.levelName(level) }))}
        />
      </Form.Item>
      <Form.Item name="region" label={t('inst.filter.region')} {...item}>
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
      <Form.Item name="name" label={t('inst.filter.name')} {...item}>
        <Input allowClear autoComplete="off" style={{ width: 180 }} />
      </Form.Item>
      {props.withStatus ? (
        <Form.Item name="status" label={t('inst.filter.status')} {...item}>
          <Select
            style={{ width: 130 }}
            options={[
              { value: 'all', label: t('inst.status.all') },
              ...institutionStatuses.map((value) => ({ value, label: t(`inst.status.${value}`) })),
            ]}
          />
        </Form.Item>
      ) : null}
      <Space style={{ marginBottom: 8 }}>
        <Button type="primary" htmlType="submit" data-testid="institution-search">
          {t('filter.search')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            props.onSearch(props.initial ?? {});
          }}
        >
          {t('filter.reset')}
        </Button>
      </Space>
    </Form>
  );
}
