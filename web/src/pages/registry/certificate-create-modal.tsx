import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api';
import { useAuth } from '../../auth';
import { DateField } from '../../components/date-field';
import { describeError } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { registryApi } from '../../registry-api';
import { type Certificate, idTypes, type NewCertificate } from '../../registry-types';
import { applyNestedFieldErrors, type FieldPath } from './field-errors';
import { OccupationFields } from './occupation-fields';
import type { RegistryCatalog } from './use-registry-catalog';

const fields: FieldPath[] = [
  ['type'],
  ['number'],
  ['holder', 'name'],
  ['holder', 'idType'],
  ['holder', 'idNumber'],
  ['validFrom'],
  ['validUntil'],
  ['issuer', 'region'],
  ['issuer', 'organization'],
  ['issuer', 'organizationCode'],
  ['occupation'],
  ['level'],
];

/** Trims the text, and leaves out the optional fields left empty. */
function toNewCertificate(values: NewCertificate): NewCertificate {
  const certificate: NewCertificate = {
    type: values.type,
    number: values.number.trim(),
    holder: {
      name: values.holder.name.trim(),
      idType: values.holder.idType,
      idNumber: values.holder.idNumber.trim(),
    },
    validFrom: values.validFrom,
    validUntil: values.validUntil || null,
    issuer: { region: values.issuer.region, organization: values.issuer.organization.trim() },
  };
  const orgCode = values.issuer.organizationCode?.trim();
  if (orgCode) certificate.issuer.organizationCode = orgCode;
  if (values.occupation) certificate.occupation = values.occupation;
  if (values.level) certificate.level = values.level;
  return certificate;
}

export function CertificateCreateModal(props: {
  open: boolean;
  catalog: RegistryCatalog;
  onClose: () => void;
  onCreated: (certificate: Certificate) => void;
}) {
  const { t, lang, pick } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewCertificate>();
  const typeId = Form.useWatch('type', form);
  const [problems, setProblems] = useState<string[]>([]);
  const [isSaving, setIsSaving] = useState(false);
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const { catalog } = props;
  // A department admin registers only their own department's certificates.
  const types = catalog.types.filter((type) => !user?.department || type.department === user.department);
  const type = typeId ? catalog.typeById.get(typeId) : undefined;
  const years = type?.validity.years;

  const submit = async () => {
    const values = await form.validateFields();
    setIsSaving(true);
    setProblems([]);
    try {
      const created = await registryApi.createCertificate(toNewCertificate(values));
      message.success(t('cert.created', { number: created.number }));
      form.resetFields();
      props.onCreated(created);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        form.setFields([{ name: 'number', errors: [t('cert.conflict')] }]);
      } else {
        const leftover = applyNestedFieldErrors(form, error, fields, lang);
        const isOnFields = error instanceof ApiError && error.details.length > leftover.length;
        setProblems(isOnFields ? leftover : [describeError(error, t), ...leftover]);
      }
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={t('cert.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={submit}
      onCancel={props.onClose}
      afterClose={() => setProblems([])}
      destroyOnHidden
      width={640}
    >
      {problems.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={problems[0]}
          description={problems.slice(1).join('\n') || undefined}
        />
      ) : null}
      <Form<NewCertificate>
        form={form}
        name="createCertificate"
        layout="vertical"
        preserve={false}
        style={{ marginTop: 16 }}
        initialValues={{ holder: { idType: 'resident' } }}
      >
        <Form.Item name="type" label={t('col.type')} rules={required}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={types.map((item) => ({ value: item.id, label: pick(item.nameZh, item.nameEn) }))}
          />
        </Form.Item>
        <Form.Item
          name="number"
          label={t('col.number')}
          rules={required}
          extra={type ? pick(type.numberFormat.descriptionZh, type.numberFormat.descriptionEn) : undefined}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name={['holder', 'name']} label={t('form.holderName')} rules={required}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name={['holder', 'idType']} label={t('col.idType')} rules={required}>
          <Select options={idTypes.map((value) => ({ value, label: t(`idType.${value}`) }))} />
        </Form.Item>
        <Form.Item name={['holder', 'idNumber']} label={t('col.idNumber')} rules={required}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="validFrom" label={t('col.validFrom')} rules={required}>
          <DateField />
        </Form.Item>
        <Form.Item
          name="validUntil"
          label={t('col.validUntil')}
          extra={
            years === null ? t('form.noExpiryHint') : years ? t('form.validUntilHint', { years }) : undefined
          }
        >
          <DateField disabled={years === null} />
        </Form.Item>
        <Form.Item name={['issuer', 'region']} label={t('col.issuerRegion')} rules={required}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={catalog.provinces.map((r) => ({
              value: r.code,
              label: `${pick(r.nameZh, r.nameEn)} ${r.code}`,
            }))}
          />
        </Form.Item>
        <Form.Item name={['issuer', 'organization']} label={t('col.issuerOrg')} rules={required}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name={['issuer', 'organizationCode']} label={t('form.orgCodeOptional')}>
          <Input autoComplete="off" />
        </Form.Item>
        {type?.requiresOccupation ? <OccupationFields /> : null}
      </Form>
    </Modal>
  );
}
