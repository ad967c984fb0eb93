import { Card, Space, Table, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { api } from '../../api';
import { Bilingual } from '../../components/bilingual';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import type { Level, Occupation } from '../../types';
import { useApiData } from '../../use-api-data';

function requirementTags(requires: Record<string, unknown> | undefined) {
  return Object.entries(requires ?? {}).map(([key, value]) => (
    <Tag key={key} style={{ fontFamily: 'monospace' }}>
      {key}: {typeof value === 'object' ? JSON.stringify(value) : String(value)}
    </Tag>
  ));
}

function Levels({ occupation, levels }: { occupation: Occupation; levels: Level[] }) {
  const { t, pick } = useI18n();
  const levelName = (id: string) => {
    const level = levels.find((l) => l.id === id);
    return level ? `${pick(level.nameZh, level.nameEn)} (${id})` : id;
  };
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      {occupation.levels.map(({ level, routes, note }) => (
        <Card key={level} size="small" title={`${levelName(level)} — ${t('occupations.routes')}`}>
          {routes.length === 0 ? (
            <Typography.Text type="secondary">{t('occupations.none')}</Typography.Text>
          ) : (
            <ol style={{ margin: 0, paddingInlineStart: 20 }}>
              {routes.map((route) => (
                <li key={route.id} style={{ marginBottom: 8 }}>
                  <div>{pick(route.textZh, route.textEn)}</div>
                  <div>{requirementTags(route.requires)}</div>
                </li>
              ))}
            </ol>
          )}
          {note ? (
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              {note}
            </Typography.Paragraph>
          ) : null}
        </Card>
      ))}
    </Space>
  );
}

export function OccupationsTab() {
  const { t, pick } = useI18n();
  const loadOccupations = useCallback(() => api.occupations(), []);
  const loadLevels = useCallback(() => api.levels(), []);
  const occupations = useApiData(loadOccupations);
  const levels = useApiData(loadLevels);
  const levelList = levels.data?.items ?? [];

  return (
    <>
      <ErrorAlert error={occupations.error} onRetry={occupations.reload} />
      <Table<Occupation>
        rowKey="code"
        size="middle"
        loading={occupations.isLoading}
        dataSource={occupations.data?.items ?? []}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
        expandable={{
          expandedRowRender: (occupation) => <Levels occupation={occupation} levels={levelList} />,
          defaultExpandAllRows: false,
        }}
        columns={[
          {
            title: t('col.code'),
            dataIndex: 'code',
            sorter: (a, b) => a.code.localeCompare(b.code, undefined, { numeric: true }),
            render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
          },
          {
            title: t('col.name'),
            key: 'name',
            render: (_, occupation) => <Bilingual zh={occupation.nameZh} en={occupation.nameEn} />,
          },
          {
            title: t('col.standard'),
            key: 'standard',
            render: (_, { standard }) =>
              standard ? `${standard.nameZh}（${standard.document}，${standard.year}）` : '—',
          },
          {
            title: t('col.levels'),
            key: 'levels',
            render: (_, occupation) =>
              occupation.levels.map(({ level }) => {
                const found = levelList.find((l) => l.id === level);
                return <Tag key={level}>{found ? pick(found.nameZh, found.nameEn) : level}</Tag>;
              }),
          },
        ]}
      />
    </>
  );
}
