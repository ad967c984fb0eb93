import { Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import type { DepartmentRule } from '../../policy-types';
import type { RecognitionCatalog } from '../recognition/use-recognition-catalog';
import { DepartmentRuleModal } from './department-rule-modal';
import type { RowErrors } from './draft-tables';
import { usePolicyColumns } from './policy-columns';

/** A department's 特别规定 in a draft, each row editable in a modal; changes stay local until the draft is saved. */
export function DepartmentRulesTable(props: {
  rules: DepartmentRule[];
  department: string;
  packRegion: string | null;
  /** `rules.0` → the messages of the server's 400 about that row. */
  errors: RowErrors;
  catalog: RecognitionCatalog;
  onChange: (rules: DepartmentRule[]) => void;
}) {
  const { t } = useI18n();
  const columns = usePolicyColumns(props.catalog);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const { rules } = props;
  const edited = typeof editing === 'number' ? rules[editing] : undefined;

  return (
    <section data-testid="draft-rules">
      <Space style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('pol.deptRules')} ({rules.length})
        </Typography.Title>
        <Button size="small" onClick={() => setEditing('new')} data-testid="add-rules">
          + {t('edit.add')}
        </Button>
      </Space>
      <Table<DepartmentRule>
        locale={{ emptyText: t('empty.departmentRules') }}
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rules}
        columns={[
          columns.idColumn,
          ...columns.departmentRules,
          {
            key: 'actions',
            title: t('common.actions'),
            fixed: 'right',
            render: (_, row, index) => {
              const problems = props.errors.get(`rules.${index}`);
              return (
                <Space size={0}>
                  {problems ? (
                    <Tooltip title={problems.join('\n')}>
                      <Tag color="error" data-testid={`row-error-rules-${index}`}>
                        !
                      </Tag>
                    </Tooltip>
                  ) : null}
                  <Button size="small" type="link" onClick={() => setEditing(index)}>
                    {t('edit.edit')}
                  </Button>
                  <Popconfirm
                    title={t('edit.deleteConfirm')}
                    okText={t('edit.delete')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => props.onChange(rules.filter((r) => r.id !== row.id))}
                  >
                    <Button size="small" type="link" danger>
                      {t('edit.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              );
            },
          },
        ]}
      />
      <DepartmentRuleModal
        open={editing !== null}
        rule={edited}
        department={props.department}
        packRegion={props.packRegion}
        takenIds={rules.filter((r) => r !== edited).map((r) => r.id)}
        catalog={props.catalog}
        onClose={() => setEditing(null)}
        onSave={(rule) => {
          if (editing === null) return;
          const next = [...rules];
          if (editing === 'new') next.push(rule);
          else next[editing] = rule;
          props.onChange(next);
          setEditing(null);
        }}
      />
    </section>
  );
}
