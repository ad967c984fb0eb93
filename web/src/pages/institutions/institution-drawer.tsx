import { Descriptions, Drawer, Empty, Space, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { drawerSize } from '../../components/screen';
import { useI18n } from '../../i18n';
import type { Institution, InstitutionScope, InstitutionSite } from '../../institution-types';
import { InstitutionStatusTag } from './institution-parts';
import type { InstitutionCatalog } from './use-institution-catalog';

/** One filing: its codes and validity, its sites and its filed scope; `children` adds the admin's part. */
export function InstitutionDrawer(props: {
  institution: Institution | null;
  catalog: InstitutionCatalog;
  onClose: () => void;
  extra?: ReactNode;
  children?: ReactNode;
}) {
  const { t, pick } = useI18n();
  const { institution, catalog } = props;
  return (
    <Drawer
      open={institution !== null}
      onClose={props.onClose}
      size={drawerSize(760)}
      destroyOnHidden
      title={institution?.name ?? ''}
      extra={props.extra}
    >
      {institution ? (
        <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="institution-detail">
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: 'code',
                label: t('inst.col.code'),
                children: <Typography.Text code>{institution.code}</Typography.Text>,
              },
              {
                key: 'status',
                label: t('inst.col.status'),
                children: <InstitutionStatusTag status={institution.status} />,
              },
              { key: 'credit', label: t('inst.col.creditCode'), children: institution.creditCode },
              { key: 'kind', label: t('inst.col.kind'), children: t(`inst.kind.${institution.kind}`) },
              {
                key: 'level',
                label: t('inst.col.filingLevel'),
                children: `${t(`inst.filingLevel.${institution.filingLevel}`)} ${institution.nationalCode}`,
              },
              {
                key: 'province',
                label: t('inst.col.province'),
                children: catalog.provinceName(institution.province),
              },
              { key: 'site', label: t('inst.col.siteCode'), children: institution.siteCode },
              {
                key: 'validity',
                label: t('inst.col.validity'),
                children: `${institution.validFrom} – ${institution.validUntil}`,
              },
            ]}
          />
          <div>
            <Typography.Title level={5}>{t('inst.sites')}</Typography.Title>
            <Table<InstitutionSite>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={institution.sites}
              data-testid="institution-sites"
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inst.noSites')} />,
              }}
              columns={[
                {
                  key: 'name',
                  title: t('inst.col.siteName'),
                  render: (_, site) => (
                    <div>
                      {site.name}
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {catalog.regionName(site.region)} {site.address}
                      </Typography.Text>
                    </div>
                  ),
                },
              ]}
            />
          </div>
          <div>
            <Typography.Title level={5}>{t('inst.scopes')}</Typography.Title>
            <Table<InstitutionScope>
              rowKey={(s) => `${s.occupation}/${s.level}`}
              size="small"
              pagination={false}
              dataSource={institution.scopes}
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inst.noScopes')} />,
              }}
              data-testid="institution-scopes"
              columns={[
                {
                  key: 'occupation',
                  title: t('inst.col.occupation'),
                  render: (_, s) => `${pick(s.occupationNameZh, s.occupationNameEn)} ${s.occupation}`,
                },
                { key: 'level', title: t('inst.col.level'), render: (_, s) => catalog.levelName(s.level) },
              ]}
            />
          </div>
          {props.children}
        </Space>
      ) : null}
    </Drawer>
  );
}
