import { Card, Descriptions, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { registryApi } from '../../registry-api';
import type { Certificate } from '../../registry-types';
import { useApiData } from '../../use-api-data';
import { useCertificateColumns } from './certificate-columns';
import { RevealIdNumber } from './reveal-id-number';
import { useRegistryCatalog } from './use-registry-catalog';

/** Certificates grouped by issuing department, departments in catalog order. */
function byDepartment(certificates: Certificate[], order: string[]): Array<[string, Certificate[]]> {
  const groups = new Map<string, Certificate[]>();
  for (const c of certificates) groups.set(c.department, [...(groups.get(c.department) ?? []), c]);
  const rank = (d: string) => (order.includes(d) ? order.indexOf(d) : order.length);
  return [...groups].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** 持证人: one person and all their certificates, across departments, that the caller may see. */
export function HolderPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const { id = '' } = useParams();
  const catalog = useRegistryCatalog();
  const columns = useCertificateColumns(catalog, { showHolder: false });
  const load = useCallback(() => registryApi.holder(id), [id]);
  const { data, error, isLoading, reload } = useApiData(load);
  const groups = data
    ? byDepartment(
        data.certificates,
        catalog.departments.map((d) => d.id),
      )
    : [];

  return (
    <div>
      <Link to="/certificates">← {t('cert.back')}</Link>
      <Typography.Title level={2} style={{ marginTop: 8 }}>
        {t('holder.title')}
        {data ? ` ${data.holder.name}` : ''}
      </Typography.Title>
      <ErrorAlert error={error} onRetry={reload} />
      {isLoading && !data ? <Spin style={{ display: 'block', margin: 48 }} /> : null}
      {data ? (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'name', label: t('form.holderName'), children: data.holder.name },
              { key: 'idType', label: t('col.idType'), children: t(`idType.${data.holder.idType}`) },
              {
                key: 'idNumber',
                label: t('col.idNumber'),
                children: (
                  <RevealIdNumber
                    holderId={data.holder.id}
                    masked={data.holder.idNumber}
                    canReveal={
                      user?.role === 'system-admin' ||
                      (user?.role === 'department-admin' &&
                        data.certificates.some((c) => c.department === user.department))
                    }
                  />
                ),
              },
            ]}
          />
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('holder.certificates', { count: data.certificates.length })}
          </Typography.Title>
          {groups.length === 0 ? <Empty description={t('holder.none')} /> : null}
          {groups.map(([department, certificates]) => (
            <Card
              key={department}
              size="small"
              data-testid={`holder-department-${department}`}
              title={
                <Space>
                  <Tag color="blue">{catalog.departmentName(department)}</Tag>
                  <Typography.Text type="secondary">
                    {t('common.total', { count: certificates.length })}
                  </Typography.Text>
                </Space>
              }
            >
              <Table<Certificate>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={certificates}
                locale={{ emptyText: <Empty description={t('empty.holderCertificates')} /> }}
                pagination={false}
                scroll={{ x: 'max-content' }}
              />
            </Card>
          ))}
        </Space>
      ) : null}
    </div>
  );
}
