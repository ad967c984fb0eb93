import { Alert, Checkbox, Space, Spin, Typography, Upload } from 'antd';
import { useCallback, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { registryApi } from '../../registry-api';
import { ImportList } from './import-list';
import { ImportResult } from './import-result';
import { useImportPoll } from './use-import-poll';

/** 数据导入: upload a CSV / XLSX file, follow its progress, read its result; past imports below. */
export function ImportPage() {
  const { t } = useI18n();
  const [acceptValid, setAcceptValid] = useState(false);
  const [uploading, setUploading] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(undefined);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const onFinished = useCallback(() => setRefreshKey((n) => n + 1), []);
  const { view, error: pollError, retry } = useImportPoll(currentId, onFinished);

  const start = async (file: File) => {
    setUploading(file.name);
    setUploadError(undefined);
    setCurrentId(null);
    try {
      const { id } = await registryApi.startImport(file, acceptValid);
      setCurrentId(id);
      setRefreshKey((n) => n + 1);
    } catch (cause) {
      setUploadError(cause);
    } finally {
      setUploading(null);
    }
  };

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('import.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('import.subtitle')}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: '100%', marginBottom: 24 }}>
        <Space wrap>
          <Checkbox
            id="accept-valid"
            checked={acceptValid}
            onChange={(e) => setAcceptValid(e.target.checked)}
          >
            {t('import.acceptValid')}
          </Checkbox>
          <Typography.Text type="secondary">{t('import.acceptValidHint')}</Typography.Text>
        </Space>
        <Upload.Dragger
          id="import-file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          showUploadList={false}
          disabled={uploading !== null}
          beforeUpload={(file) => {
            void start(file);
            return Upload.LIST_IGNORE;
          }}
        >
          <Typography.Paragraph style={{ margin: 16 }}>{t('import.drop')}</Typography.Paragraph>
        </Upload.Dragger>
        {uploading ? (
          <Alert
            type="info"
            showIcon
            icon={<Spin size="small" />}
            title={t('import.uploading', { name: uploading })}
          />
        ) : null}
        <ErrorAlert error={uploadError} />
        <ErrorAlert error={pollError} onRetry={retry} />
        {view ? <ImportResult view={view} /> : null}
        {currentId && !view && !pollError ? (
          <Alert type="info" showIcon icon={<Spin size="small" />} title={t('import.waiting')} />
        ) : null}
      </Space>
      <ImportList refreshKey={refreshKey} onView={setCurrentId} />
    </div>
  );
}
