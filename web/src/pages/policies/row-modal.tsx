import { Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { DateField } from '../../components/date-field';
import { useI18n } from '../../i18n';
import type { CorrespondenceRow, OneExamMultiCert, Override, ProvincialRows } from '../../policy-types';
import type { RecognitionCatalog } from '../recognition/use-recognition-catalog';
import { CorrespondenceFields, OneExamFields, OverrideFields } from './row-fields';

export type Section = keyof ProvincialRows;
export type SectionRow = Override | CorrespondenceRow | OneExamMultiCert;

/** The form's values: every field any section has; dates as `YYYY-MM-DD` text, empty when left out. */
export interface RowValues {
  id: string;
  basis: string;
  effectiveFrom: string;
  effectiveUntil?: string;
  rule?: string;
  action?: Override['action'];
  targets?: Override['targets'];
  condition?: { code: string; text: string };
  from?: string[];
  occupation?: string;
  deemedLevel?: CorrespondenceRow['deemedLevel'];
  mayApplyFor?: CorrespondenceRow['mayApplyFor'];
  level?: OneExamMultiCert['level'];
  issues?: string[];
}

const ruleId = /^[a-z0-9]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$/;

/** The row exactly as the pack schema has it: only the fields of its kind, `effectiveUntil` null when open. */
function toRow(section: Section, v: RowValues): SectionRow {
  const base = {
    id: v.id.trim(),
    basis: v.basis.trim(),
    effectiveFrom: v.effectiveFrom,
    effectiveUntil: v.effectiveUntil || null,
  };
  if (section === 'overrides') {
    const override: Override = { ...base, rule: (v.rule ?? '').trim(), action: v.action ?? 'deny' };
    if (override.action === 'narrow') override.targets = v.targets ?? [];
    if (override.action === 'condition' && v.condition) {
      override.condition = { code: v.condition.code.trim(), text: v.condition.text.trim() };
    }
    return override;
  }
  if (section === 'correspondence') {
    return {
      ...base,
      from: v.from ?? [],
      occupation: v.occupation ?? '',
      deemedLevel: v.deemedLevel ?? '5',
      mayApplyFor: v.mayApplyFor ?? '4',
    };
  }
  return { ...base, occupation: v.occupation ?? '', level: v.level ?? '5', issues: v.issues ?? [] };
}

function toValues(row: SectionRow): RowValues {
  return { ...row, effectiveUntil: row.effectiveUntil ?? '' } as RowValues;
}

const titles = {
  overrides: 'pol.overrides',
  correspondence: 'pol.correspondence',
  oneExamMultiCert: 'pol.oneExam',
} as const;

/** Adds or edits one row of a draft; checks what the server's schema checks, so most errors show at once. */
export function RowModal(props: {
  section: Section | null;
  row: SectionRow | undefined;
  /** The ids used by the other rows of the section. */
  takenIds: string[];
  catalog: RecognitionCatalog;
  onClose: () => void;
  onSave: (row: SectionRow) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<RowValues>();
  const { section, row } = props;

  useEffect(() => {
    if (!section) return;
    form.resetFields();
    if (row) form.setFieldsValue(toValues(row));
  }, [form, section, row]);

  const submit = async () => {
    if (!section) return;
    const values = await form.validateFields();
    props.onSave(toRow(section, values));
  };

  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <Modal
      open={section !== null}
      title={section ? `${t(titles[section])} · ${row ? t('edit.edit') : t('edit.add')}` : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={props.onClose}
      width={640}
      forceRender
    >
      <Form<RowValues> form={form} name="policyRow" layout="vertical" initialValues={{ action: 'deny' }}>
        <Form.Item
          name="id"
          label={t('col.id')}
          extra={t('edit.idRule')}
          rules={[
            ...required,
            { pattern: ruleId, message: t('edit.idRule') },
            {
              validator: async (_, value?: string) => {
                if (value && props.takenIds.includes(value.trim())) throw new Error(t('edit.idTaken'));
              },
            },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        {section === 'overrides' ? <OverrideFields ruleIdPattern={ruleId} /> : null}
        {section === 'correspondence' ? <CorrespondenceFields catalog={props.catalog} /> : null}
        {section === 'oneExamMultiCert' ? <OneExamFields catalog={props.catalog} /> : null}
        <Form.Item name="basis" label={t('pol.basis')} rules={required}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('pol.effectiveFrom')} rules={required}>
          <DateField />
        </Form.Item>
        <Form.Item
          name="effectiveUntil"
          label={t('pol.effectiveUntil')}
          dependencies={['effectiveFrom']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_, value?: string) => {
                const from: unknown = getFieldValue('effectiveFrom');
                if (value && typeof from === 'string' && from && value < from) {
                  throw new Error(t('edit.untilAfterFrom'));
                }
              },
            }),
          ]}
        >
          <DateField />
        </Form.Item>
      </Form>
    </Modal>
  );
}
