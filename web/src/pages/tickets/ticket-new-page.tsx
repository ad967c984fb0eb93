import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Radio, Select, Spin, Typography, Upload, type UploadFile } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAuth } from '../../auth';
import { describeError } from '../../components/error-alert';
import { nameOnly } from '../../components/name-label';
import { withChallenge } from '../../credentials/pow';
import { useI18n } from '../../i18n';
import { PowProgress } from '../query/pow-progress';
import { useRegistryCatalog } from '../registry/use-registry-catalog';
import { FaqSuggestions } from './faq-suggestions';
import { TicketCreated } from './ticket-created';
import { prefillOf, type TicketFormValues, topicKinds, toSubmitBody } from './ticket-topic';
import { type Submitted, ticketsApi } from './tickets-api';

const MAX_FILES = 3;
const MAX_BYTES = 5 * 1024 * 1024;
const ACCEPT = 'application/pdf,image/png,image/jpeg,image/webp';

/** 咨询/投诉 (issue 14 §2): public; a proof-of-work precedes the submission as for the public query. */
export function TicketNewPage() {
  const { t, pick } = useI18n();
  const [params] = useSearchParams();
  const { user } = useAuth();
  const catalog = useRegistryCatalog();
  const [form] = Form.useForm<TicketFormValues>();
  const prefill = useMemo(() => prefillOf(params), [params]);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [phase, setPhase] = useState<'idle' | 'solving' | 'sending'>('idle');
  const [progress, setProgress] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  const topicKind = Form.useWatch('topicKind', form) ?? prefill.topicKind ?? 'certificate-type';
  const text = Form.useWatch('text', form) ?? '';
  const ref = Form.useWatch('ref', form);
  const isHolder = user?.role === 'holder';
  // A rule or decision linked from a recognition answer: its id is a technical one, not shown to the worker.
  const isLinkedRef =
    Boolean(prefill.ref) && (prefill.topicKind === 'rule' || prefill.topicKind === 'decision');

  const submit = async (values: TicketFormValues) => {
    setProblem(null);
    setPhase('solving');
    setProgress(0);
    try {
      const body = toSubmitBody(values);
      const raw = files.flatMap((f) => (f.originFileObj ? [f.originFileObj as File] : []));
      const result = await withChallenge(
        (pow) => {
          setPhase('sending');
          return ticketsApi.submit(body, raw, pow);
        },
        (fraction) => setProgress(fraction),
      );
      setSubmitted(result);
      form.resetFields();
      setFiles([]);
    } catch (error) {
      setProblem(describeError(error, t));
    } finally {
      setPhase('idle');
    }
  };

  if (submitted) return <TicketCreated submitted={submitted} onDone={() => setSubmitted(null)} />;
  const isBusy = phase !== 'idle';
  return (
    <div style={{ maxWidth: 640 }} data-testid="ticket-new">
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('tk.newTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('tk.newSubtitle')} <Link to="/tickets/lookup">{t('tk.lookupLink')}</Link>
      </Typography.Paragraph>
      <Form<TicketFormValues>
        form={form}
        layout="vertical"
        name="ticket"
        onFinish={submit}
        initialValues={{ kind: 'question', topicKind: 'certificate-type', contactKind: 'phone', ...prefill }}
      >
        <Form.Item name="kind" label={t('tk.kind')}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="ticket-kind">
            <Radio.Button value="question">{t('tk.kind.question')}</Radio.Button>
            <Radio.Button value="complaint">{t('tk.kind.complaint')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="topicKind" label={t('tk.topicKind')}>
          <Select
            data-testid="ticket-topic-kind"
            disabled={isLinkedRef}
            options={topicKinds.map((k) => ({ value: k, label: t(`tk.topic.${k}`) }))}
            onChange={() => form.setFieldValue('ref', undefined)}
          />
        </Form.Item>
        {isLinkedRef ? (
          <Alert type="info" showIcon title={t('tk.linkedTopic')} style={{ marginBottom: 16 }} />
        ) : topicKind === 'certificate-type' ? (
          <Form.Item
            name="ref"
            label={t('tk.type')}
            rules={[{ required: true, message: t('tk.typeRequired') }]}
          >
            <Select
              data-testid="ticket-type"
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('tk.typePlaceholder')}
              loading={!catalog.ready}
              labelRender={nameOnly(catalog.ready, t)}
              options={catalog.types.map((type) => ({
                value: type.id,
                label: pick(type.nameZh, type.nameEn),
              }))}
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="ref"
            label={t(`tk.ref.${topicKind}`)}
            extra={t('tk.refHint')}
            rules={[{ required: true, message: t('tk.refRequired') }]}
          >
            <Input data-testid="ticket-ref" autoComplete="off" />
          </Form.Item>
        )}
        {isLinkedRef ? (
          <Form.Item name="ref" hidden>
            <Input />
          </Form.Item>
        ) : null}
        <Form.Item
          name="region"
          label={t('tk.region')}
          rules={[{ required: true, message: t('tk.regionRequired') }]}
        >
          <Select
            data-testid="ticket-region"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('tk.regionPlaceholder')}
            labelRender={nameOnly(catalog.ready, t)}
            options={catalog.provinces.map((r) => ({ value: r.code, label: pick(r.nameZh, r.nameEn) }))}
          />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('tk.text')}
          rules={[
            { required: true, message: t('tk.textRequired') },
            { min: 5, message: t('tk.textShort') },
            { max: 5000 },
          ]}
        >
          <Input.TextArea
            rows={5}
            maxLength={5000}
            showCount
            placeholder={t('tk.textPlaceholder')}
            data-testid="ticket-text"
          />
        </Form.Item>
        <FaqSuggestions text={text} type={topicKind === 'certificate-type' ? ref : undefined} />
        <Form.Item label={t('tk.files')} extra={t('tk.filesHint')}>
          <Upload
            accept={ACCEPT}
            multiple
            maxCount={MAX_FILES}
            fileList={files}
            beforeUpload={(file) => (file.size > MAX_BYTES ? Upload.LIST_IGNORE : false)}
            onChange={({ fileList }) => setFiles(fileList.slice(0, MAX_FILES))}
          >
            <Button icon={<UploadOutlined />}>{t('tk.addFile')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item label={isHolder ? t('tk.contactOptional') : t('tk.contact')} required={!isHolder}>
          <Form.Item name="contactKind" noStyle>
            <Radio.Group style={{ marginBottom: 8 }}>
              <Radio value="phone">{t('tk.phone')}</Radio>
              <Radio value="email">{t('tk.email')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="contact"
            noStyle
            rules={[
              { required: !isHolder, message: t('tk.contactRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) => {
                  const v = (value ?? '').replace(/[\s-]/g, '');
                  if (!v) return Promise.resolve();
                  const ok =
                    getFieldValue('contactKind') === 'phone'
                      ? /^(1[3-9]\d{9}|0\d{9,11})$/.test(v)
                      : /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
                  return ok ? Promise.resolve() : Promise.reject(new Error(t('tk.contactInvalid')));
                },
              }),
            ]}
          >
            <Input data-testid="ticket-contact" autoComplete="off" inputMode="email" />
          </Form.Item>
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('tk.privacy')}
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit" block loading={isBusy} data-testid="ticket-submit">
          {t('tk.submit')}
        </Button>
      </Form>
      {phase === 'solving' ? <PowProgress fraction={progress} /> : null}
      {phase === 'sending' ? <Spin style={{ display: 'block', margin: 16 }} /> : null}
      {problem ? (
        <Alert type="error" showIcon title={problem} style={{ marginTop: 16 }} data-testid="ticket-error" />
      ) : null}
    </div>
  );
}
