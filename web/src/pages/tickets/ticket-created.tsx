import { Alert, App, Button, Card, Descriptions, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import type { Submitted } from './tickets-api';

/** The number and the secret code, shown this once (only a hash of the code is kept), with a clear warning. */
export function TicketCreated({ submitted, onDone }: { submitted: Submitted; onDone: () => void }) {
  const { t, pick, lang } = useI18n();
  const { message } = App.useApp();
  const copy = (text: string) =>
    navigator.clipboard?.writeText(text).then(
      () => message.success(t('tk.copied')),
      () => undefined,
    );
  return (
    <Card data-testid="ticket-created" style={{ maxWidth: 560 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('tk.createdTitle')}
      </Typography.Title>
      <Alert type="warning" showIcon title={t('tk.codeOnce')} style={{ marginBottom: 16 }} />
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('tk.number')}>
          <Space wrap>
            <Typography.Text strong style={{ fontSize: 18 }} data-testid="ticket-number" data-verbatim="">
              {submitted.number}
            </Typography.Text>
            <Button size="small" onClick={() => copy(submitted.number)}>
              {t('tk.copy')}
            </Button>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('tk.code')}>
          <Space wrap>
            <Typography.Text strong code style={{ fontSize: 18 }} data-testid="ticket-code" data-verbatim="">
              {submitted.code}
            </Typography.Text>
            <Button size="small" onClick={() => copy(`${submitted.number} ${submitted.code}`)}>
              {t('tk.copy')}
            </Button>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('tk.office')}>
          {pick(submitted.office.zh, submitted.office.en)}
        </Descriptions.Item>
        <Descriptions.Item label={t('tk.dueOn')}>
          {formatDate(submitted.dueOn, lang)}
          {submitted.dueProvisional ? ` · ${t('tk.dueProvisional')}` : ''}
        </Descriptions.Item>
      </Descriptions>
      <Space wrap style={{ marginTop: 16 }}>
        <Link to={`/tickets/lookup?number=${encodeURIComponent(submitted.number)}`} data-testid="to-lookup">
          {t('tk.toLookup')}
        </Link>
        <Button onClick={onDone}>{t('tk.noted')}</Button>
      </Space>
    </Card>
  );
}
