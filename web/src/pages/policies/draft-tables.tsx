import { Button, Popconfirm, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import type { CorrespondenceRow, OneExamMultiCert, Override, ProvincialRows } from '../../policy-types';
import type { RecognitionCatalog } from '../recognition/use-recognition-catalog';
import { usePolicyColumns } from './policy-columns';
import { RowModal, type Section, type SectionRow } from './row-modal';

const sections: Array<{ key: Section; title: 'pol.overrides' | 'pol.correspondence' | 'pol.oneExam' }> = [
  { key: 'overrides', title: 'pol.overrides' },
  { key: 'correspondence', title: 'pol.correspondence' },
  { key: 'oneExamMultiCert', title: 'pol.oneExam' },
];

interface Editing {
  section: Section;
  index: number | null;
}

/** `overrides.0` → the messages of the server's 400 about that row. */
export type RowErrors = ReadonlyMap<string, string[]>;

/** The draft's three tables, each row editable in a modal; changes stay local until the draft is saved. */
export function DraftTables(props: {
  rows: ProvincialRows;
  errors: RowErrors;
  catalog: RecognitionCatalog;
  onChange: (rows: ProvincialRows) => void;
}) {
  const { t } = useI18n();
  const columns = usePolicyColumns(props.catalog);
  const [editing, setEditing] = useState<Editing | null>(null);
  const { rows } = props;

  const replace = (section: Section, list: SectionRow[]) => props.onChange({ ...rows, [section]: list });
  const current: SectionRow[] = editing ? rows[editing.section] : [];
  const editedRow = editing && editing.index !== null ? current[editing.index] : undefined;

  function actions<T extends SectionRow>(section: Section): TableColumnsType<T>[number] {
    return {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, row, index) => {
        const problems = props.errors.get(`${section}.${index}`);
        return (
          <Space size={0}>
            {problems ? (
              <Tooltip title={problems.join('\n')}>
                <Tag color="error" data-testid={`row-error-${section}-${index}`}>
                  !
                </Tag>
              </Tooltip>
            ) : null}
            <Button size="small" type="link" onClick={() => setEditing({ section, index })}>
              {t('edit.edit')}
            </Button>
            <Popconfirm
              title={t('edit.deleteConfirm')}
              okText={t('edit.delete')}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                replace(
                  section,
                  rows[section].filter((r) => r.id !== row.id),
                )
              }
            >
              <Button size="small" type="link" danger>
                {t('edit.delete')}
              </Button>
            </Popconfirm>
          </Space>
        );
      },
    };
  }

  const tables = {
    overrides: (
      <Table<Override>
        locale={{ emptyText: t('empty.overrides') }}
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows.overrides}
        columns={[columns.idColumn, ...columns.overrides, actions<Override>('overrides')]}
      />
    ),
    correspondence: (
      <Table<CorrespondenceRow>
        locale={{ emptyText: t('empty.correspondence') }}
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows.correspondence}
        columns={[columns.idColumn, ...columns.correspondence, actions<CorrespondenceRow>('correspondence')]}
      />
    ),
    oneExamMultiCert: (
      <Table<OneExamMultiCert>
        locale={{ emptyText: t('empty.oneExam') }}
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows.oneExamMultiCert}
        columns={[columns.idColumn, ...columns.oneExam, actions<OneExamMultiCert>('oneExamMultiCert')]}
      />
    ),
  };

  return (
    <div>
      {sections.map(({ key, title }) => (
        <section key={key} data-testid={`draft-${key}`} style={{ marginBottom: 24 }}>
          <Space style={{ marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t(title)} ({rows[key].length})
            </Typography.Title>
            <Button
              size="small"
              onClick={() => setEditing({ section: key, index: null })}
              data-testid={`add-${key}`}
            >
              + {t('edit.add')}
            </Button>
          </Space>
          {tables[key]}
        </section>
      ))}
      <RowModal
        section={editing?.section ?? null}
        row={editedRow}
        takenIds={current.filter((r) => r !== editedRow).map((r) => r.id)}
        catalog={props.catalog}
        onClose={() => setEditing(null)}
        onSave={(row) => {
          if (!editing) return;
          const list = [...current];
          if (editing.index === null) list.push(row);
          else list[editing.index] = row;
          replace(editing.section, list);
          setEditing(null);
        }}
      />
    </div>
  );
}
