import { type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import type { Certificate, CertificateSort, SortOrder } from '../../registry-types';
import { CertificateStatusTag } from './status-tag';
import type { RegistryCatalog } from './use-registry-catalog';

export interface SortState {
  sort: CertificateSort | undefined;
  order: SortOrder | undefined;
}

const sortKeys: readonly CertificateSort[] = ['updatedAt', 'validFrom', 'validUntil', 'type'];

export function isSortKey(value: unknown): value is CertificateSort {
  return sortKeys.some((key) => key === value);
}

/** The columns of a certificate list; with `sorting`, the sortable ones sort on the server. */
export function useCertificateColumns(
  catalog: RegistryCatalog,
  options: { sorting?: SortState; showHolder?: boolean; showDepartment?: boolean } = {},
): TableColumnsType<Certificate> {
  const { t, lang } = useI18n();
  const { sorting, showHolder = true, showDepartment = false } = options;
  const sortable = (key: CertificateSort) =>
    sorting
      ? {
          key,
          sorter: true,
          sortOrder:
            sorting.sort === key
              ? sorting.order === 'asc'
                ? ('ascend' as const)
                : ('descend' as const)
              : null,
        }
      : { key };

  const columns: TableColumnsType<Certificate> = [
    {
      title: t('col.number'),
      dataIndex: 'number',
      key: 'number',
      render: (number: string, c) => (
        <Link to={`/certificates/${encodeURIComponent(c.id)}`} data-testid="certificate-number">
          {number}
        </Link>
      ),
    },
    {
      title: t('col.type'),
      dataIndex: 'type',
      ...sortable('type'),
      render: (type: string) => <span title={type}>{catalog.typeName(type)}</span>,
    },
  ];
  if (showDepartment) {
    columns.push({
      title: t('col.department'),
      dataIndex: 'department',
      key: 'department',
      render: (department: string) => catalog.departmentName(department),
    });
  }
  if (showHolder) {
    columns.push(
      {
        title: t('col.holder'),
        key: 'holder',
        render: (_, c) => <Link to={`/holders/${encodeURIComponent(c.holder.id)}`}>{c.holder.name}</Link>,
      },
      {
        title: t('col.idNumber'),
        key: 'idNumber',
        render: (_, c) => (
          <span data-testid="holder-id-number">
            <Typography.Text code>{c.holder.idNumber}</Typography.Text>
          </span>
        ),
      },
    );
  }
  columns.push(
    {
      title: t('col.issuerRegion'),
      key: 'region',
      render: (_, c) => catalog.regionName(c.issuer.region),
    },
    {
      title: t('col.validFrom'),
      dataIndex: 'validFrom',
      ...sortable('validFrom'),
      render: (date: string) => date,
    },
    {
      title: t('col.validUntil'),
      dataIndex: 'validUntil',
      ...sortable('validUntil'),
      render: (date: string | null) => date ?? t('cert.noExpiry'),
    },
    {
      title: t('col.status'),
      dataIndex: 'effectiveStatus',
      key: 'status',
      render: (_, c) => <CertificateStatusTag status={c.effectiveStatus} />,
    },
    {
      title: t('col.updatedAt'),
      dataIndex: 'updatedAt',
      ...sortable('updatedAt'),
      render: (at: string) => formatDateTime(at, lang),
    },
  );
  return columns;
}
