import { Alert, Button, Select, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useCallback, useState } from 'react';
import { useAuth } from '../../auth';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { planConsoleApi } from '../../plan-console-api';
import type { BatchReport, ConsolePlan, ConsoleRegistration } from '../../plan-console-types';
import { useApiData } from '../../use-api-data';
import { chinaParts, chinaWhen } from './console-format';
import type { ConsoleCatalog } from './use-console-catalog';

function BatchReportView({ report }: { report: BatchReport }) {
  const { t } = useI18n();
  return (
    <div data-testid="batch-report">
      <Space size="large" style={{ marginBottom: 12 }}>
        <Statistic title={t('pc.batch.total')} value={report.total} />
        <Statistic
          title={t('pc.batch.registered')}
          value={report.registered}
          data-testid="batch-registered"
        />
        <Statistic title={t('pc.batch.invalid')} value={report.invalid} data-testid="batch-invalid" />
      </Space>
      {report.errors.length > 0 ? (
        <Table
          locale={{ emptyText: t('empty.batchErrors') }}
          rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
          size="small"
          data-testid="batch-errors"
          dataSource={report.errors}
          pagination={report.errors.length > 20 ? { pageSize: 20 } : false}
          columns={[
            { title: t('pc.batch.row'), dataIndex: 'row', width: 80 },
            { title: t('pc.batch.column'), dataIndex: 'column', render: (c: string) => <code>{c}</code> },
            { title: t('pc.batch.code'), dataIndex: 'code', render: (c: string) => <code>{c}</code> },
            { title: t('pc.batch.message'), dataIndex: 'message' },
          ]}
        />
      ) : null}
    </div>
  );
}

/** 批量报名: the institution registers a roster (XLSX or CSV) into one of its sittings; the report lists bad rows. */
function BatchUpload({ plan, onDone }: { plan: ConsolePlan; onDone: () => void }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const mine = plan.sittings.filter(
    (s) => user?.role !== 'institution-operator' || s.institutionId === user.institution,
  );
  const [sittingId, setSittingId] = useState<string | undefined>(mine.length === 1 ? mine[0]?.id : undefined);
  const [report, setReport] = useState<BatchReport | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [isUploading, setIsUploading] = useState(false);

  const upload = async (file: File) => {
    if (!sittingId) return;
    setIsUploading(true);
    setError(undefined);
    setReport(undefined);
    try {
      setReport(await planConsoleApi.uploadBatch(plan.id, sittingId, file));
      onDone();
    } catch (cause) {
      setError(cause);
    } finally {
      setIsUploading(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
      <Typography.Text type="secondary">{t('pc.batch.hint')}</Typography.Text>
      <Space wrap>
        <Select
          data-testid="batch-sitting"
          placeholder={t('pc.batch.sitting')}
          style={{ width: 320 }}
          value={sittingId}
          onChange={setSittingId}
          options={mine.map((s) => ({
            value: s.id,
            label: `${chinaWhen(s.startsAt, s.endsAt)} ${s.site.name}`,
          }))}
        />
        <Upload
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          disabled={!sittingId || isUploading}
          beforeUpload={(file) => {
            void upload(file);
            return Upload.LIST_IGNORE;
          }}
        >
          <Button
            id="batch-file"
            type="primary"
            loading={isUploading}
            disabled={!sittingId}
            data-testid="batch-upload"
          >
            {t('pc.batch.upload')}
          </Button>
        </Upload>
      </Space>
      <ErrorAlert error={error} />
      {report ? <BatchReportView report={report} /> : null}
    </Space>
  );
}

/** 报名: the plan's registrations the caller may see (its institution's, or its province's), and batch upload. */
export function RegistrationsTab({ plan, catalog }: { plan: ConsolePlan; catalog: ConsoleCatalog }) {
  const { t, pick } = useI18n();
  const { hasRole } = useAuth();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [province, setProvince] = useState<string | undefined>(undefined);
  const pages = useCursorPages(50);
  const { cursor, limit, reset } = pages;
  const load = useCallback(
    () => planConsoleApi.registrations(plan.id, { status, province, after: cursor, limit }),
    [plan.id, status, province, cursor, limit],
  );
  const { data, error, isLoading, reload } = useApiData(load);
  const sittingOf = (id: string) => plan.sittings.find((s) => s.id === id);
  const provinces = [...new Set(plan.institutions.map((i) => i.province))];
  const canUpload = hasRole('institution-operator', 'system-admin') && plan.status === 'approved';

  return (
    <div>
      {canUpload ? <BatchUpload plan={plan} onDone={reload} /> : null}
      {hasRole('institution-operator') && plan.status !== 'approved' ? (
        <Alert type="info" showIcon title={t('pc.batch.afterApproval')} style={{ marginBottom: 16 }} />
      ) : null}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('pc.col.status')}
          style={{ width: 140 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            reset();
          }}
          options={[
            { value: 'registered', label: t('pc.reg.registered') },
            { value: 'cancelled', label: t('pc.reg.cancelled') },
          ]}
        />
        {provinces.length > 1 ? (
          <Select
            allowClear
            placeholder={t('pc.province')}
            style={{ width: 160 }}
            value={province}
            onChange={(v) => {
              setProvince(v);
              reset();
            }}
            options={provinces.map((p) => ({ value: p, label: catalog.provinceName(p) }))}
          />
        ) : null}
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<ConsoleRegistration>
        rowKey="id"
        data-testid="registrations"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('pc.reg.none') }}
        columns={[
          { title: t('pc.reg.name'), key: 'name', render: (_: unknown, r) => r.holder.name },
          { title: t('pc.reg.idNumber'), key: 'id', render: (_: unknown, r) => r.holder.idNumberMasked },
          {
            title: t('pc.reg.employer'),
            dataIndex: 'employer',
            render: (e: string | null) => e ?? '—',
          },
          { title: t('pc.province'), dataIndex: 'province', render: (p: string) => catalog.provinceName(p) },
          {
            title: t('pc.when'),
            dataIndex: 'sittingId',
            render: (id: string) => {
              const s = sittingOf(id);
              return s ? `${chinaWhen(s.startsAt, s.endsAt)} ${s.site.name}` : id;
            },
          },
          {
            title: t('pc.reg.channel'),
            dataIndex: 'channel',
            render: (c: string) => <Tag>{c === 'batch' ? t('pc.reg.batch') : t('pc.reg.self')}</Tag>,
          },
          {
            title: t('pc.col.status'),
            dataIndex: 'status',
            render: (s: string) =>
              s === 'registered' ? (
                <Tag color="green">{t('pc.reg.registered')}</Tag>
              ) : (
                <Tag>{t('pc.reg.cancelled')}</Tag>
              ),
          },
          {
            title: t('pc.reg.eligibility'),
            key: 'eligibility',
            render: (_: unknown, r) => (
              <div style={{ maxWidth: 360, whiteSpace: 'normal' }}>
                <Tag color={r.eligibility.eligible ? 'green' : 'orange'}>
                  {r.eligibility.eligible ? t('pc.reg.eligible') : t('pc.reg.notEligible')}
                </Tag>
                <Typography.Text type="secondary">
                  {pick(r.eligibility.summaryZh, r.eligibility.summaryEn)}
                </Typography.Text>
              </div>
            ),
          },
          {
            title: t('pc.reg.at'),
            dataIndex: 'createdAt',
            render: (at: string) => Object.values(chinaParts(at)).join(' '),
          },
        ]}
      />
      <CursorPager
        page={pages.page}
        limit={pages.limit}
        next={data?.next}
        isLoading={isLoading}
        onPrev={pages.goPrev}
        onNext={pages.goNext}
        onLimit={pages.setLimit}
      />
    </div>
  );
}
