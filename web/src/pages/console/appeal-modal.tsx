import { Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { ProblemAlert } from './problem-alert';
import { type AppealOutcome, type PlanResult, resultsApi } from './results-api';

/**
 * 申诉处理 (issue 7 §5): the institution upholds the appeal (the result is decided again from the examiners' sheets
 * as they stand, so a sheet corrected on review counts) or rejects it (the published result stands), with a reason.
 */
export function AppealModal(props: {
  result: PlanResult | null;
  onClose: () => void;
  onResolved: () => void;
}) {
  const { t, lang } = useI18n();
  const [outcome, setOutcome] = useState<AppealOutcome | undefined>(undefined);
  const [resolution, setResolution] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [isBusy, setIsBusy] = useState(false);
  const { result } = props;

  const close = () => {
    setOutcome(undefined);
    setResolution('');
    setError(undefined);
    props.onClose();
  };
  const resolve = async () => {
    if (!result || !outcome) return;
    setIsBusy(true);
    setError(undefined);
    try {
      await resultsApi.resolveAppeal(result.registrationId, { outcome, resolution: resolution.trim() });
      close();
      props.onResolved();
    } catch (e) {
      setError(e);
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Modal
      open={result !== null}
      title={t('appeal.title', { name: result?.holder.name ?? '' })}
      okText={t('appeal.resolve')}
      cancelText={t('common.cancel')}
      okButtonProps={{ id: 'confirm-appeal', disabled: !outcome || resolution.trim().length < 2 }}
      confirmLoading={isBusy}
      onOk={resolve}
      onCancel={close}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {result?.appeal ? (
          <Typography.Paragraph data-testid="appeal-reason">
            {t('appeal.reason', { at: formatDateTime(result.appeal.at, lang) })}
            <br />
            <Typography.Text strong>{result.appeal.reason}</Typography.Text>
          </Typography.Paragraph>
        ) : null}
        <Radio.Group
          data-testid="appeal-outcome"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as AppealOutcome)}
        >
          <Space direction="vertical">
            <Radio value="upheld" data-testid="appeal-upheld">
              {t('appeal.upheld')}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t('appeal.upheldHint')}
              </Typography.Text>
            </Radio>
            <Radio value="rejected" data-testid="appeal-rejected">
              {t('appeal.rejected')}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t('appeal.rejectedHint')}
              </Typography.Text>
            </Radio>
          </Space>
        </Radio.Group>
        <Input.TextArea
          id="appeal-resolution"
          rows={3}
          maxLength={500}
          placeholder={t('appeal.resolution')}
          value={resolution}
          onChange={(e) => setResolution(e.target.value)}
        />
        <ProblemAlert error={error} />
      </Space>
    </Modal>
  );
}
