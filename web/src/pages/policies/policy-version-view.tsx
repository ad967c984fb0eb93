import type { TableColumnsType } from 'antd';
import { Descriptions, Table, Typography } from 'antd';
import { useI18n } from '../../i18n';
import {
  type DepartmentRule,
  isDepartmentPack,
  isNationalPack,
  type NationalPack,
  type PolicyVersion,
  type ProvincialPack,
} from '../../policy-types';
import type { RecognitionCatalog } from '../recognition/use-recognition-catalog';
import { usePolicyColumns } from './policy-columns';

function RowsTable<T extends { id: string }>(props: {
  title: string;
  rows: T[];
  columns: TableColumnsType<T>;
  testId: string;
}) {
  return (
    <>
      <Typography.Title level={5}>
        {props.title} ({props.rows.length})
      </Typography.Title>
      <Table<T>
        data-testid={props.testId}
        rowKey="id"
        size="small"
        pagination={false}
        columns={props.columns}
        dataSource={props.rows}
        scroll={{ x: 'max-content' }}
        style={{ marginBottom: 24 }}
      />
    </>
  );
}

function NationalView({ pack, catalog }: { pack: NationalPack; catalog: RecognitionCatalog }) {
  const { t } = useI18n();
  const columns = usePolicyColumns(catalog);
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={1}
        style={{ marginBottom: 24 }}
        items={[
          { key: 'basis', label: t('pol.basis'), children: pack.basis },
          { key: 'validity', label: t('pol.validityCondition'), children: pack.validityCondition },
          { key: 'sources', label: t('pol.sources'), children: (pack.sources ?? []).join('; ') },
        ]}
      />
      <RowsTable
        title={t('pol.rules')}
        rows={pack.rules ?? []}
        columns={columns.rules}
        testId="policy-rules"
      />
    </>
  );
}

/** The three editable tables of a provincial pack; `actions` adds the editor's column. */
export function ProvincialTables(props: {
  pack: Pick<ProvincialPack, 'overrides' | 'correspondence' | 'oneExamMultiCert'>;
  catalog: RecognitionCatalog;
}) {
  const { t } = useI18n();
  const columns = usePolicyColumns(props.catalog);
  return (
    <>
      <RowsTable
        title={t('pol.overrides')}
        rows={props.pack.overrides ?? []}
        columns={columns.overrides}
        testId="policy-overrides"
      />
      <RowsTable
        title={t('pol.correspondence')}
        rows={props.pack.correspondence ?? []}
        columns={columns.correspondence}
        testId="policy-correspondence"
      />
      <RowsTable
        title={t('pol.oneExam')}
        rows={props.pack.oneExamMultiCert ?? []}
        columns={columns.oneExam}
        testId="policy-one-exam"
      />
    </>
  );
}

/** A department's 特别规定, read-only. */
export function DepartmentRulesView(props: { rules: DepartmentRule[]; catalog: RecognitionCatalog }) {
  const { t } = useI18n();
  const columns = usePolicyColumns(props.catalog);
  return (
    <RowsTable
      title={t('pol.deptRules')}
      rows={props.rules}
      columns={columns.departmentRules}
      testId="policy-dept-rules"
    />
  );
}

/** One version of a pack, read-only: the national rules, a department's 特别规定, or a province's rows. */
export function PolicyVersionView({
  version,
  catalog,
}: {
  version: PolicyVersion;
  catalog: RecognitionCatalog;
}) {
  const { t } = useI18n();
  const { pack } = version;
  if (isNationalPack(pack)) return <NationalView pack={pack} catalog={catalog} />;
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={1}
        style={{ marginBottom: 24 }}
        items={[{ key: 'basis', label: t('pol.basis'), children: pack.basis }]}
      />
      {isDepartmentPack(pack) ? (
        <DepartmentRulesView rules={pack.rules ?? []} catalog={catalog} />
      ) : (
        <ProvincialTables pack={pack} catalog={catalog} />
      )}
    </>
  );
}
