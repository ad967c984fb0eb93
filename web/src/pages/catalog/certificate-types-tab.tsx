import { Input, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api';
import { Bilingual } from '../../components/bilingual';
import { ErrorAlert } from '../../components/error-alert';
import { useIsNarrow } from '../../components/screen';
import { type Translate, useI18n } from '../../i18n';
import type { CertificateKind, CertificateType, Department } from '../../types';
import { useApiData } from '../../use-api-data';
import { CertificateTypeDetail } from './certificate-type-detail';

const kinds: CertificateKind[] = ['qualification', 'skill-level'];
const natural = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });

export function validitySummary(type: CertificateType, t: Translate): string {
  const { years, review } = type.validity;
  const term = years === null ? t('validity.noTerm') : t('validity.years', { years });
  return review ? `${term}，${t('validity.review', { every: review.everyYears })}` : term;
}

function isKind(value: string | null): value is CertificateKind {
  return kinds.some((kind) => kind === value);
}

export function CertificateTypesTab({ departments }: { departments: Department[] }) {
  const { t, pick } = useI18n();
  const isNarrow = useIsNarrow();
  const [params, setParams] = useSearchParams();
  const department = params.get('department') ?? undefined;
  const kindParam = params.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const q = params.get('q') ?? undefined;
  const [search, setSearch] = useState(q ?? '');

  const load = useCallback(() => api.certificateTypes({ department, kind, q }), [department, kind, q]);
  const { data, error, isLoading, reload } = useApiData(load);

  const setFilter = (name: 'department' | 'kind' | 'q', value: string | undefined) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });
  };

  const departmentName = (id: string) => {
    const found = departments.find((d) => d.id === id);
    // English has no short official form in the catalog; the ministries' initials (MEM, SAMR …) are the usual one.
    return found ? pick(found.shortZh, id.toUpperCase()) : id;
  };

  const columns: TableColumnsType<CertificateType> = [
    {
      title: t('col.name'),
      key: 'name',
      sorter: (a, b) => natural(pick(a.nameZh, a.nameEn), pick(b.nameZh, b.nameEn)),
      render: (_, type) => <Bilingual zh={type.nameZh} en={type.nameEn} />,
    },
    {
      title: t('col.department'),
      dataIndex: 'department',
      sorter: (a, b) => natural(a.department, b.department),
      render: (id: string) => departmentName(id),
    },
    {
      title: t('col.officialCode'),
      dataIndex: 'officialCode',
      sorter: (a, b) => natural(a.officialCode ?? '', b.officialCode ?? ''),
      render: (code: string | null) => code ?? '—',
    },
    {
      title: t('col.kind'),
      dataIndex: 'kind',
      render: (value: CertificateKind) => (
        <Tag color={value === 'skill-level' ? 'blue' : 'purple'}>{t(`kind.${value}`)}</Tag>
      ),
    },
    {
      title: t('col.validity'),
      key: 'validity',
      sorter: (a, b) =>
        (a.validity.years ?? Number.POSITIVE_INFINITY) - (b.validity.years ?? Number.POSITIVE_INFINITY),
      render: (_, type) => validitySummary(type, t),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('types.allDepartments')}
          value={department}
          onChange={(value?: string) => setFilter('department', value)}
          options={departments.map((d) => ({ value: d.id, label: pick(d.nameZh, d.nameEn) }))}
          data-testid="filter-department"
        />
        <Select
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('types.allKinds')}
          value={kind}
          onChange={(value?: string) => setFilter('kind', value)}
          options={kinds.map((value) => ({ value, label: t(`kind.${value}`) }))}
          data-testid="filter-kind"
        />
        <Input.Search
          allowClear
          style={{ width: 280 }}
          placeholder={t('types.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          data-testid="search-types"
        />
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<CertificateType>
        locale={{ emptyText: t('empty.certificateTypes') }}
        rowKey="id"
        size="middle"
        loading={isLoading}
        columns={columns}
        dataSource={data?.items ?? []}
        expandable={{ expandedRowRender: (type) => <CertificateTypeDetail type={type} /> }}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: true,
          showTotal: (count) => t('common.total', { count }),
        }}
        // Five columns fit an office screen whole; a phone scrolls the table, never the page (issue 15 §1).
        scroll={isNarrow ? { x: 'max-content' } : undefined}
      />
    </Space>
  );
}
