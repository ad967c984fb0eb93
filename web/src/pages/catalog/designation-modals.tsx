import { Alert, App, Form, Input, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { DateField } from '../../components/date-field';
import { describeError } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { type Designation, designationsApi } from './designations-api';

/** The province being edited, with its record if it has one. */
export interface EditedProvince {
  region: string;
  name: string;
  record: Designation | undefined;
}

interface Values {
  status: Designation['status'];
  basis: string;
  designatedOn: string;
}

/** Records whether a province issues the type, with its basis and the date of the designation. */
export function DesignationModal(props: {
  type: string;
  province: EditedProvince | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const { province } = props;

  useEffect(() => {
    if (!province) return;
    form.resetFields();
    setProblem(null);
    const r = province.record;
    // A demo row's text is not a basis: the admin writes the real one.
    form.setFieldsValue(
      r
        ? { status: r.status, basis: r.isDemo ? '' : r.basis, designatedOn: r.designatedOn }
        : { status: 'issued', basis: '', designatedOn: '' },
    );
  }, [form, province]);

  const submit = async () => {
    if (!province) return;
    const values = await form.validateFields();
    setIsBusy(true);
    setProblem(null);
    try {
      const saved = await designationsApi.set({
        type: props.type,
        region: province.region,
        status: values.status,
        basis: values.basis.trim(),
        designatedOn: values.designatedOn,
      });
      message.success(t('desig.saved', { version: saved.version }));
      props.onSaved();
    } catch (error) {
      setProblem(describeError(error, t));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Modal
      open={province !== null}
      title={t('desig.editTitle', { province: province?.name ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={isBusy}
      onOk={submit}
      onCancel={props.onClose}
      forceRender
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} name="designation" layout="vertical">
        <Form.Item name="status" label={t('desig.status')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={(['issued', 'not-issued'] as const).map((value) => ({
              value,
              label: t(`desig.status.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="basis"
          label={t('desig.basis')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
        <Form.Item
          name="designatedOn"
          label={t('desig.designatedOn')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DateField />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Removes a province's record, with the reason: the province is unknown again. */
export function WithdrawModal(props: {
  type: string;
  province: EditedProvince | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const { province } = props;

  const submit = async () => {
    if (!province) return;
    const { reason } = await form.validateFields();
    setIsBusy(true);
    setProblem(null);
    try {
      await designationsApi.withdraw(props.type, province.region, reason.trim());
      message.success(t('desig.withdrawn'));
      props.onDone();
    } catch (error) {
      setProblem(describeError(error, t));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Modal
      open={province !== null}
      title={t('desig.withdrawTitle', { province: province?.name ?? '' })}
      okText={t('desig.withdraw')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={isBusy}
      onOk={submit}
      onCancel={props.onClose}
      afterClose={() => setProblem(null)}
      destroyOnHidden
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} name="withdrawDesignation" layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('desig.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
