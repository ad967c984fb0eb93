import {
  App,
  Button,
  Card,
  Empty,
  Popconfirm,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { type HTMLAttributes, useCallback, useEffect, useState } from 'react';
import { describeError, ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { useApiData } from '../../use-api-data';
import { cancelJob, isUnfinished, type Job, type JobState, jobStates, listJobs, retryJob } from './jobs-api';

const refreshMs = 5000;

// Colours whose tag text reaches 4.5:1 (contrast.css): not `processing`, whose blue does not.
const stateColors: Record<JobState, string> = {
  created: 'cyan',
  retry: 'orange',
  active: 'blue',
  completed: 'green',
  cancelled: 'default',
  failed: 'red',
};

/** The queues a person has a name for; any other shows its own name (this is the officials' technical view). */
const queueNames: Partial<Record<string, MessageKey>> = {
  'policy-simulation': 'jobs.queue.policy-simulation',
  'registry-import': 'jobs.queue.registry-import',
  'outbox-delivery': 'jobs.queue.outbox-delivery',
  'supervision-rules': 'jobs.queue.supervision-rules',
  'statistics-refresh': 'jobs.queue.statistics-refresh',
};

function useQueueName() {
  const { t } = useI18n();
  return (queue: string) => {
    const key = queueNames[queue];
    return key ? t(key) : queue;
  };
}

/** One job's action: retry a failed one, cancel an unfinished one, each confirmed first. */
function JobAction({ job, onDone }: { job: Job; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [isBusy, setIsBusy] = useState(false);
  const action = job.state === 'failed' ? 'retry' : isUnfinished(job.state) ? 'cancel' : null;
  if (!action) return null;

  const confirm = async () => {
    setIsBusy(true);
    try {
      if (action === 'retry') await retryJob(job.id);
      else await cancelJob(job.id);
      message.success(t(action === 'retry' ? 'jobs.retried' : 'jobs.cancelled'));
    } catch (cause) {
      message.error(describeError(cause, t));
    } finally {
      setIsBusy(false);
      onDone();
    }
  };

  return (
    <Popconfirm
      title={t(action === 'retry' ? 'jobs.retryConfirm' : 'jobs.cancelConfirm')}
      okText={t(action === 'retry' ? 'jobs.retry' : 'jobs.cancel')}
      okButtonProps={{ danger: action === 'cancel' }}
      cancelText={t(action === 'retry' ? 'common.cancel' : 'jobs.keep')}
      onConfirm={confirm}
    >
      <Button size="small" loading={isBusy} data-testid={`job-${action}-${job.id}`}>
        {t(action === 'retry' ? 'jobs.retry' : 'jobs.cancel')}
      </Button>
    </Popconfirm>
  );
}

/** 后台任务 (issue 16 §2): what is queued, running and failed, with retry and cancel; system admins only. */
export function JobsPage() {
  const { t, lang } = useI18n();
  const queueName = useQueueName();
  const [state, setState] = useState<JobState | undefined>(undefined);
  const [queue, setQueue] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [isAuto, setIsAuto] = useState(true);
  // A timed refresh redraws quietly; a change of filter or page shows the table loading.
  const [isQuiet, setIsQuiet] = useState(false);

  const load = useCallback(() => listJobs({ state, queue, page, pageSize }), [state, queue, page, pageSize]);
  const { data, error, isLoading, reload } = useApiData(load);
  const refresh = () => {
    setIsQuiet(false);
    reload();
  };

  useEffect(() => {
    if (!isAuto) return;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      setIsQuiet(true);
      reload();
    }, refreshMs);
    return () => clearInterval(timer);
  }, [isAuto, reload]);

  const columns: TableColumnsType<Job> = [
    {
      title: t('jobs.col.queue'),
      dataIndex: 'queue',
      render: (name: string) => <span title={name}>{queueName(name)}</span>,
    },
    {
      title: t('jobs.col.state'),
      dataIndex: 'state',
      render: (value: JobState) => <Tag color={stateColors[value]}>{t(`jobs.state.${value}`)}</Tag>,
    },
    {
      title: t('jobs.col.attempts'),
      key: 'attempts',
      render: (_, job) => `${job.retryCount} / ${job.retryLimit}`,
    },
    {
      title: t('jobs.col.created'),
      dataIndex: 'createdOn',
      render: (v: string) => formatDateTime(v, lang),
    },
    {
      title: t('jobs.col.started'),
      dataIndex: 'startedOn',
      render: (v: string | null) => formatDateTime(v, lang),
    },
    {
      title: t('jobs.col.finished'),
      dataIndex: 'completedOn',
      render: (v: string | null) => formatDateTime(v, lang),
    },
    {
      title: t('jobs.col.error'),
      dataIndex: 'error',
      // The handler's own message, in English: technical text.
      render: (v: string | null) =>
        v ? (
          <Typography.Text data-tech="" style={{ maxWidth: 320 }} ellipsis={{ tooltip: v }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('jobs.col.id'),
      dataIndex: 'id',
      render: (id: string) => (
        <Typography.Text code copyable={{ text: id }} title={id} data-verbatim="">
          {id.slice(0, 8)}
        </Typography.Text>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, job) => <JobAction job={job} onDone={refresh} />,
    },
  ];

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('jobs.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('jobs.subtitle')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        {jobStates.map((s) => (
          <Card key={s} size="small" data-testid={`job-count-${s}`} data-count={data?.counts[s] ?? ''}>
            <Statistic
              title={<Tag color={stateColors[s]}>{t(`jobs.state.${s}`)}</Tag>}
              value={data?.counts[s] ?? 0}
              loading={data === undefined}
            />
          </Card>
        ))}
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<JobState>
          allowClear
          style={{ minWidth: 160 }}
          aria-label={t('jobs.filterState')}
          placeholder={t('jobs.allStates')}
          value={state}
          onChange={(value) => {
            setState(value);
            setPage(1);
            setIsQuiet(false);
          }}
          options={jobStates.map((value) => ({ value, label: t(`jobs.state.${value}`) }))}
          data-testid="jobs-filter-state"
        />
        <Select<string>
          allowClear
          style={{ minWidth: 200 }}
          aria-label={t('jobs.filterQueue')}
          placeholder={t('jobs.allQueues')}
          value={queue}
          onChange={(value) => {
            setQueue(value);
            setPage(1);
            setIsQuiet(false);
          }}
          options={(data?.queues ?? []).map((value) => ({ value, label: queueName(value) }))}
          data-testid="jobs-filter-queue"
        />
        <Button onClick={refresh} loading={isLoading && !isQuiet} data-testid="jobs-refresh">
          {t('jobs.refresh')}
        </Button>
        <Space size="small">
          <Switch id="jobs-auto-refresh" size="small" checked={isAuto} onChange={setIsAuto} />
          <label htmlFor="jobs-auto-refresh">{t('jobs.autoRefresh')}</label>
        </Space>
      </Space>
      <ErrorAlert error={error} onRetry={refresh} />
      <Table<Job>
        rowKey="id"
        size="middle"
        data-testid="jobs-table"
        loading={isLoading && !isQuiet}
        columns={columns}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('jobs.none')} /> }}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (count) => t('common.total', { count }),
        }}
        onChange={(pagination) => {
          setPage(pagination.current ?? 1);
          setPageSize(pagination.pageSize ?? 20);
          setIsQuiet(false);
        }}
        onRow={(job) => ({ 'data-state': job.state, 'data-job': job.id }) as HTMLAttributes<HTMLElement>}
      />
    </div>
  );
}
