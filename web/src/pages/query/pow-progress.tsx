import { Card, Progress, Typography } from 'antd';
import { useI18n } from '../../i18n';

/** "正在进行安全验证…": the proof-of-work running in a worker, with how far it has come. */
export function PowProgress({ fraction }: { fraction: number }) {
  const { t } = useI18n();
  return (
    <Card size="small" data-testid="pow-progress" style={{ maxWidth: 560, marginTop: 16 }}>
      <Typography.Text strong>{t('query.solving')}</Typography.Text>
      <Progress percent={Math.round(fraction * 100)} status="active" size="small" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('query.solvingHint')}
      </Typography.Text>
    </Card>
  );
}
