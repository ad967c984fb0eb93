import { Alert, App, Button, Card, Progress, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../../components/error-alert';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { registryApi, saveFile } from '../../registry-api';
import type { ImportError, ImportView } from '../../registry-types';
import { ImportStatusTag } from '../registry/status-tag';
import { isFinished } from './use-import-poll';

const counts = ['total', 'created', 'updated', 'unchanged', 'invalid', 'written'] as const;

function LiveProgress({ view }: { view: ImportView }) {
  const { t } = useI18n();
  const rows = view.progress?.rows ?? 0;
  const rate = Math.round(view.progress?.rowsPerSecond ?? 0);
  const fraction = view.progress?.fraction ?? (view.total > 0 ? rows / view.total : undefined);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="import-progress">
      {fraction !== undefined ? <Progress percent={Math.min(100, Math.floor(fraction * 100))} /> : null}
      <Typography.Text>
        {view.progress?.phase === 'writing'
          ? t('import.writing', { rows })
          : t('import.progress', { rows, rate })}
      </Typography.Text>
    </Space>
  );
}

function DownloadErrors({ view }: { view: ImportView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const file = await registryApi.importErrors(view.id);
      saveFile(file.blob, file.filename ?? `import-${view.id}-errors.csv`);
    } catch (cause) {
      message.error(describeError(cause, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={download} loading={busy} data-testid="download-errors">
      {t('import.downloadErrors')}
    </Button>
  );
}

function Summary({ view }: { view: ImportView }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {view.message ? (
        <Alert type={view.status === 'failed' ? 'error' : 'info'} showIcon title={view.message} />
      ) : null}
      <Space size="large" wrap>
        {counts.map((key) => (
          <div key={key} data-testid={`import-${key}`} data-value={view[key]}>
            <Statistic title={t(`import.${key}`)} value={view[key]} />
          </div>
        ))}
      </Space>
      {view.errorCount > 0 ? (
        <>
          <Space wrap>
            <Typography.Text strong>
              {t('import.errors', { shown: view.errors.length, total: view.errorCount })}
            </Typography.Text>
            <DownloadErrors view={view} />
          </Space>
          <Table<ImportError>
            locale={{ emptyText: t('empty.importErrors') }}
            rowKey={(e) => `${e.row}:${e.column}:${e.code}`}
            size="small"
            dataSource={view.errors}
            pagination={view.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            data-testid="import-errors"
            columns={[
              { title: t('col.row'), dataIndex: 'row', width: 80 },
              {
                title: t('col.column'),
                dataIndex: 'column',
                render: (column: string) => <Typography.Text code>{column}</Typography.Text>,
              },
              { title: t('col.errorCode'), dataIndex: 'code' },
              { title: t('col.message'), dataIndex: 'message' },
            ]}
          />
        </>
      ) : null}
    </Space>
  );
}

/** One import: live progress while it runs, then the counts, the first errors and the full error report. */
export function ImportResult({ view }: { view: ImportView }) {
  const { t, lang } = useI18n();
  return (
    <Card
      size="small"
      data-testid="import-result"
      title={
        <Space wrap>
          {t('import.result', { name: view.filename })}
          <span data-testid="import-status" data-status={view.status}>
            <ImportStatusTag status={view.status} />
          </span>
        </Space>
      }
      extra={
        <Typography.Text type="secondary">
          {t(view.acceptValid ? 'import.mode.acceptValid' : 'import.mode.all')} ·{' '}
          {formatDateTime(view.finishedAt ?? view.createdAt, lang)}
        </Typography.Text>
      }
    >
      {isFinished(view) ? <Summary view={view} /> : <LiveProgress view={view} />}
    </Card>
  );
}
