import type { TableColumnsType } from 'antd';
import { Descriptions, Empty, Table, Typography } from 'antd';
import { TechDetails, useIsOfficial } from '../../components/tech-details';
import { withoutEnglishNotes } from '../../format';
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

/**
 * A pack's rows, read-only. An official can open a row for its technical details (its id, the note kept with it);
 * a worker reads the rows in words only.
 */
function RowsTable<T extends { id: string; note?: string | undefined }>(props: {
  title: string;
  rows: T[];
  columns: TableColumnsType<T>;
  testId: string;
}) {
  const { t } = useI18n();
  const isOfficial = useIsOfficial();
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
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pol.noRows')} /> }}
        expandable={
          isOfficial
            ? {
                expandedRowRender: (row) => (
                  <div data-tech="" data-testid="policy-row-tech">
                    <Typography.Text type="secondary">{t('tech.title')}：</Typography.Text>
                    <Typography.Text code>{row.id}</Typography.Text> {row.note ?? ''}
                  </div>
                ),
              }
            : undefined
        }
      />
    </>
  );
}

function NationalView({ pack, catalog }: { pack: NationalPack; catalog: RecognitionCatalog }) {
  const { t, pick } = useI18n();
  const columns = usePolicyColumns(catalog);
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={1}
        style={{ marginBottom: 24 }}
        items={[
          {
            key: 'basis',
            label: t('pol.basis'),
            children: pick(withoutEnglishNotes(pack.basis), pack.basis),
          },
          { key: 'validity', label: t('pol.validityCondition'), children: t('pol.validityPlain') },
        ]}
      />
      <TechDetails testId="policy-tech">
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'basis', label: t('pol.basis'), children: pack.basis },
            { key: 'validity', label: t('pol.validityCondition'), children: pack.validityCondition },
            { key: 'sources', label: t('pol.sources'), children: (pack.sources ?? []).join('; ') },
          ]}
        />
      </TechDetails>
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
  const { t, pick } = useI18n();
  const { pack } = version;
  if (isNationalPack(pack)) return <NationalView pack={pack} catalog={catalog} />;
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={1}
        style={{ marginBottom: 24 }}
        items={[
          {
            key: 'basis',
            label: t('pol.basis'),
            children: pick(withoutEnglishNotes(pack.basis), pack.basis),
          },
        ]}
      />
      {isDepartmentPack(pack) ? (
        <DepartmentRulesView rules={pack.rules ?? []} catalog={catalog} />
      ) : (
        <ProvincialTables pack={pack} catalog={catalog} />
      )}
    </>
  );
}
