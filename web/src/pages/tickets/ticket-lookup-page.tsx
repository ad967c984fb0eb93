import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Rate,
  Spin,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api';
import { describeError } from '../../components/error-alert';
import { withChallenge } from '../../credentials/pow';
import { formatDate, formatDateTime } from '../../format';
import { type Translate, useI18n } from '../../i18n';
import { PowProgress } from '../query/pow-progress';
import { TicketThread } from './ticket-thread';
import { type Credentials, type SubmitterView, ticketsApi } from './tickets-api';

const statusColors: Record<string, string> = {
  open: 'blue',
  'awaiting-info': 'orange',
  replied: 'green',
  closed: 'default',
};

function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError && error.status === 404) return t('tk.lookupNotFound');
  return describeError(error, t);
}

function Supplement(props: { onSend: (text: string, files: File[]) => Promise<void>; isBusy: boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ text: string }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  return (
    <Card
      size="small"
      title={t('tk.supplementTitle')}
      style={{ marginTop: 16 }}
      data-testid="ticket-supplement"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async ({ text }) => {
          await props.onSend(
            text,
            files.flatMap((f) => (f.originFileObj ? [f.originFileObj as File] : [])),
          );
          form.resetFields();
          setFiles([]);
        }}
      >
        <Form.Item name="text" rules={[{ required: true, min: 2, message: t('tk.textRequired') }]}>
          <Input.TextArea
            rows={3}
            maxLength={5000}
            aria-label={t('tk.supplementTitle')}
            data-testid="ticket-supplement-text"
          />
        </Form.Item>
        <Upload
          accept="application/pdf,image/png,image/jpeg,image/webp"
          multiple
          maxCount={3}
          fileList={files}
          beforeUpload={() => false}
          onChange={({ fileList }) => setFiles(fileList.slice(0, 3))}
        >
          <Button icon={<UploadOutlined />}>{t('tk.addFile')}</Button>
        </Upload>
        <Button
          type="primary"
          htmlType="submit"
          loading={props.isBusy}
          style={{ marginTop: 12 }}
          data-testid="ticket-supplement-send"
        >
          {t('tk.supplementSend')}
        </Button>
      </Form>
    </Card>
  );
}

function Rating(props: { onRate: (score: number, comment: string) => Promise<void>; isBusy: boolean }) {
  const { t } = useI18n();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  return (
    <Card size="small" title={t('tk.rateTitle')} style={{ marginTop: 16 }} data-testid="ticket-rate">
      <Rate value={score} onChange={setScore} aria-label={t('tk.rateTitle')} />
      <Input.TextArea
        rows={2}
        maxLength={1000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={t('tk.rateComment')}
        aria-label={t('tk.rateComment')}
        style={{ margin: '8px 0' }}
      />
      <Button
        type="primary"
        disabled={score === 0}
        loading={props.isBusy}
        data-testid="ticket-rate-submit"
        onClick={() => void props.onRate(score, comment.trim())}
      >
        {t('tk.rateSend')}
      </Button>
    </Card>
  );
}

function TicketView({ view }: { view: SubmitterView }) {
  const { t, pick, lang } = useI18n();
  return (
    <Card data-testid="ticket-view" style={{ marginTop: 16 }}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('tk.number')}>
          <span data-verbatim="">{view.number}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('tk.status')}>
          <Tag color={statusColors[view.status]} data-testid="ticket-status" data-status={view.status}>
            {pick(view.statusLabel.zh, view.statusLabel.en)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('tk.kind')}>
          {pick(view.kindLabel.zh, view.kindLabel.en)}
        </Descriptions.Item>
        <Descriptions.Item label={t('tk.topic')}>
          {pick(view.topic.kindLabel.zh, view.topic.kindLabel.en)}：
          {pick(view.topic.label.zh, view.topic.label.en)}
        </Descriptions.Item>
        <Descriptions.Item label={t('tk.region')}>{pick(view.region.zh, view.region.en)}</Descriptions.Item>
        <Descriptions.Item label={t('tk.office')}>{pick(view.office.zh, view.office.en)}</Descriptions.Item>
        <Descriptions.Item label={t('tk.createdAt')}>
          {formatDateTime(view.createdAt, lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('tk.dueOn')}>
          {formatDate(view.dueOn, lang)}
          {view.dueProvisional ? ` · ${t('tk.dueProvisional')}` : ''}
        </Descriptions.Item>
        {view.contact ? (
          <Descriptions.Item label={t('tk.contact')}>
            <span data-verbatim="">{view.contact}</span>
          </Descriptions.Item>
        ) : null}
        {view.attachments.length > 0 ? (
          <Descriptions.Item label={t('tk.files')}>
            <span data-verbatim="">{view.attachments.map((a) => a.filename).join('、')}</span>
          </Descriptions.Item>
        ) : null}
        {view.rating ? (
          <Descriptions.Item label={t('tk.yourRating')}>
            <Rate disabled value={view.rating.score} data-testid="ticket-rating" />
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Typography.Title level={5}>{t('tk.progress')}</Typography.Title>
      <TicketThread messages={view.messages} />
      {view.status === 'awaiting-info' ? (
        <Alert type="warning" showIcon title={t('tk.infoRequested')} />
      ) : null}
    </Card>
  );
}

/** 查询办理情况 (issue 14 §2): number + code → progress, replies, requests for more, a supplement, a rating. */
export function TicketLookupPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [creds, setCreds] = useState<Credentials | null>(null);
  const [view, setView] = useState<SubmitterView | null>(null);
  const [phase, setPhase] = useState<'idle' | 'solving' | 'sending'>('idle');
  const [progress, setProgress] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async (task: (pow: string | null) => Promise<SubmitterView>, done?: string) => {
    setProblem(null);
    setPhase('solving');
    setProgress(0);
    try {
      const answer = await withChallenge((pow) => {
        setPhase('sending');
        return task(pow);
      }, setProgress);
      setView(answer);
      if (done) message.success(done);
    } catch (error) {
      setProblem(errorText(error, t));
    } finally {
      setPhase('idle');
    }
  };

  const isBusy = phase !== 'idle';
  return (
    <div style={{ maxWidth: 640 }} data-testid="ticket-lookup">
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('tk.lookupTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('tk.lookupSubtitle')}</Typography.Paragraph>
      <Form<Credentials>
        layout="vertical"
        name="lookup"
        initialValues={{ number: params.get('number') ?? '' }}
        onFinish={(values) => {
          const next = { number: values.number.trim().toUpperCase(), code: values.code.trim() };
          setCreds(next);
          void run((pow) => ticketsApi.lookup(next, pow));
        }}
      >
        <Form.Item
          name="number"
          label={t('tk.number')}
          rules={[
            { required: true, message: t('tk.numberRequired') },
            { pattern: /^\s*HT\d{8}-\d{4,7}\s*$/i, message: t('tk.numberInvalid') },
          ]}
        >
          <Input placeholder="HT20261207-0001" data-testid="lookup-number" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('tk.code')}
          rules={[{ required: true, message: t('tk.codeRequired') }]}
        >
          <Input.Password data-testid="lookup-code" autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={isBusy} data-testid="lookup-submit">
          {t('tk.lookupSubmit')}
        </Button>
      </Form>
      {phase === 'solving' ? <PowProgress fraction={progress} /> : null}
      {phase === 'sending' && !view ? <Spin style={{ display: 'block', margin: 16 }} /> : null}
      {problem ? (
        <Alert type="error" showIcon title={problem} style={{ marginTop: 16 }} data-testid="lookup-error" />
      ) : null}
      {view && creds ? (
        <>
          <TicketView view={view} />
          {view.canAddInformation ? (
            <Supplement
              isBusy={isBusy}
              onSend={(text, files) =>
                run((pow) => ticketsApi.supplement({ ...creds, text }, files, pow), t('tk.supplementSent'))
              }
            />
          ) : null}
          {view.canRate ? (
            <Rating
              isBusy={isBusy}
              onRate={(score, comment) =>
                run(
                  (pow) => ticketsApi.rate({ ...creds, score, ...(comment && { comment }) }, pow),
                  t('tk.rated'),
                )
              }
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}
