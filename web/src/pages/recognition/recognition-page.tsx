import { Alert, Button, Card, Col, Form, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api';
import { useAuth } from '../../auth';
import { DateField } from '../../components/date-field';
import { describeError } from '../../components/error-alert';
import { nameOnly } from '../../components/name-label';
import { useI18n } from '../../i18n';
import { recognitionApi } from '../../recognition-api';
import type { EvaluationRequest, EvaluationResponse } from '../../recognition-types';
import { registryApi } from '../../registry-api';
import { CertificateRows, ExperienceRows } from './certificate-rows';
import { applyListErrors, type RecognitionFormValues, toRequest } from './recognition-form';
import { RecognitionResult } from './recognition-result';
import { useRecognitionCatalog } from './use-recognition-catalog';

interface Answer {
  request: EvaluationRequest;
  response: EvaluationResponse;
}

/** 互认查询: what the certificates someone holds earn under the notice, in plain words; open to everyone. */
export function RecognitionPage() {
  const { t, pick } = useI18n();
  const catalog = useRecognitionCatalog();
  const [form] = Form.useForm<RecognitionFormValues>();
  // `?type=…&region=…`: prefilled from a link (the explainer's 「用这本证书做互认查询」, issue 14 §1).
  const [params] = useSearchParams();
  const prefillType = params.get('type');
  const prefillRegion = params.get('region');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [isBusy, setIsBusy] = useState(false);
  const { user } = useAuth();
  const holderId = user?.role === 'holder' ? user.holderId : null;

  // 使用我的证书: a holder's own certificates from the registry fill the rows, then the same evaluation runs.
  const fillWithMine = async () => {
    if (!holderId) return;
    setIsBusy(true);
    try {
      const mine = await registryApi.holder(holderId);
      const values: RecognitionFormValues = {
        ...form.getFieldsValue(),
        certificates: mine.certificates.map((c) => ({
          type: c.type,
          number: c.number,
          validFrom: c.validFrom,
          ...(c.validUntil && { validUntil: c.validUntil }),
          status: c.status,
          ...(c.occupation && { occupation: c.occupation }),
          ...(c.level && { level: c.level }),
        })),
      };
      form.setFieldsValue(values);
      // The answer comes from the registry's own endpoint, which stores the decision for replay.
      const response = await recognitionApi.holderRecognitions(holderId, {
        ...(values.region && { region: values.region }),
        ...(values.asOf && { asOf: values.asOf }),
      });
      setProblems([]);
      setAnswer({ request: toRequest(values, catalog), response });
    } catch (error) {
      setProblems([describeError(error, t)]);
    } finally {
      setIsBusy(false);
    }
  };

  const submit = async (values: RecognitionFormValues) => {
    const request = toRequest(values, catalog);
    setIsBusy(true);
    setProblems([]);
    try {
      const response = await recognitionApi.evaluate(request);
      setAnswer({ request, response });
    } catch (error) {
      setAnswer(null);
      const leftover = applyListErrors(form, error);
      const isOnFields = error instanceof ApiError && error.details.length > leftover.length;
      setProblems(isOnFields ? leftover : [describeError(error, t), ...leftover]);
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('rec.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('rec.subtitle')}</Typography.Paragraph>
      <Form<RecognitionFormValues>
        form={form}
        name="recognition"
        layout="vertical"
        onFinish={submit}
        initialValues={{
          certificates: prefillType ? [{ type: prefillType, status: 'valid' }] : [],
          experience: [],
          ...(prefillRegion && { region: prefillRegion }),
        }}
      >
        <Row gutter={24}>
          <Col xs={24} xl={16}>
            <Typography.Title level={5}>{t('rec.certificates')}</Typography.Title>
            <CertificateRows catalog={catalog} />
          </Col>
          <Col xs={24} xl={8}>
            <Card size="small" title={t('rec.options')} style={{ marginTop: 32 }}>
              <Form.Item name="region" label={t('rec.region')}>
                <Select
                  data-testid="region"
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  labelRender={nameOnly(catalog.ready, t)}
                  options={catalog.provinces.map((r) => ({
                    value: r.code,
                    label: `${pick(r.nameZh, r.nameEn)} ${r.code}`,
                  }))}
                />
              </Form.Item>
              <Form.Item name="asOf" label={t('rec.asOf')} htmlFor="as-of">
                <DateField id="as-of" />
              </Form.Item>
              <Form.Item label={t('rec.experience')} style={{ marginBottom: 0 }}>
                <ExperienceRows catalog={catalog} />
              </Form.Item>
            </Card>
          </Col>
        </Row>
        <Button
          type="primary"
          htmlType="submit"
          loading={isBusy}
          data-testid="evaluate"
          style={{ marginTop: 16 }}
        >
          {t('rec.evaluate')}
        </Button>
        {holderId ? (
          <Button
            onClick={fillWithMine}
            loading={isBusy}
            data-testid="use-mine"
            style={{ marginTop: 16, marginLeft: 8 }}
          >
            {t('rec.useMine')}
          </Button>
        ) : null}
      </Form>
      {problems.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          title={problems[0]}
          description={problems.slice(1).join('\n') || undefined}
        />
      ) : null}
      {answer ? (
        <RecognitionResult request={answer.request} response={answer.response} catalog={catalog} />
      ) : null}
    </div>
  );
}
