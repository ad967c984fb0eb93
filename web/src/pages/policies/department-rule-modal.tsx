import { Descriptions, Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { DateField } from '../../components/date-field';
import { useI18n } from '../../i18n';
import {
  type DepartmentAction,
  type DepartmentRule,
  departmentActions,
  type ExemptionRule,
} from '../../policy-types';
import { type ExemptionCode, exemptionCodes } from '../../recognition-types';
import type { RecognitionCatalog } from '../recognition/use-recognition-catalog';
import { useNationalRules } from '../recognition/use-rule-info';
import { EvidenceTag, ExemptTags } from './policy-columns';

interface Values {
  id: string;
  action: DepartmentAction;
  rule?: string;
  targets?: ExemptionCode[];
  condition?: { code: string; text: string };
  add?: ExemptionCode[];
  from?: string[];
  to?: string;
  exempt?: ExemptionCode[];
  region?: string;
  basis: string;
  effectiveFrom: string;
  effectiveUntil?: string;
}

const ruleId = /^[a-z0-9]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$/;

/** The row exactly as `departmentRuleSchema` has it: only the fields of its action. */
function toRule(v: Values): DepartmentRule {
  const base = {
    id: v.id.trim(),
    basis: v.basis.trim(),
    effectiveFrom: v.effectiveFrom,
    effectiveUntil: v.effectiveUntil || null,
    ...(v.region && { region: v.region }),
  };
  const rule = v.rule ?? '';
  switch (v.action) {
    case 'deny':
      return { ...base, action: 'deny', rule };
    case 'narrow':
      return { ...base, action: 'narrow', rule, targets: v.targets ?? [] };
    case 'condition':
      return {
        ...base,
        action: 'condition',
        rule,
        condition: { code: v.condition?.code.trim() ?? '', text: v.condition?.text.trim() ?? '' },
      };
    case 'extend':
      return { ...base, action: 'extend', rule, add: v.add ?? [] };
    case 'grant':
      return { ...base, action: 'grant', from: v.from ?? [], to: v.to ?? '', exempt: v.exempt ?? [] };
  }
}

function toValues(rule: DepartmentRule): Values {
  return { ...rule, effectiveUntil: rule.effectiveUntil ?? '' } as Values;
}

/**
 * The national exemptions a department may change: towards its own certificates (通知 一: the target department
 * keeps its say) and "如无特别规定" (overridable).
 */
export function useOwnExemptionRules(catalog: RecognitionCatalog, department: string): ExemptionRule[] {
  return useNationalRules().filter(
    (rule): rule is ExemptionRule =>
      rule.kind === 'exemption' &&
      rule.overridable &&
      catalog.typeById.get(rule.to)?.department === department,
  );
}

/** Adds or edits one 特别规定 of a department's pack; checks what the server's schema checks. */
export function DepartmentRuleModal(props: {
  open: boolean;
  rule: DepartmentRule | undefined;
  department: string;
  /** Null for a national-scope pack, whose rows may name one province. */
  packRegion: string | null;
  takenIds: string[];
  catalog: RecognitionCatalog;
  onClose: () => void;
  onSave: (rule: DepartmentRule) => void;
}) {
  const { t, pick } = useI18n();
  const [form] = Form.useForm<Values>();
  const { catalog } = props;
  const rules = useOwnExemptionRules(catalog, props.department);
  const action = Form.useWatch('action', form);
  const ruleWatched = Form.useWatch('rule', form);
  const picked = rules.find((r) => r.id === ruleWatched);

  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    if (props.rule) form.setFieldsValue(toValues(props.rule));
  }, [form, props.open, props.rule]);

  const typeOptions = (own: boolean) =>
    catalog.types
      .filter((type) => (type.department === props.department) === own)
      .map((type) => ({ value: type.id, label: `${pick(type.nameZh, type.nameEn)} ${type.id}` }));
  const codeOptions = (codes: readonly ExemptionCode[]) =>
    codes.map((code) => ({ value: code, label: t(`exempt.${code}`) }));
  const ruleLabel = (rule: ExemptionRule) =>
    `${rule.id} · ${rule.from.map(catalog.typeName).join('、')} → ${catalog.typeName(rule.to)}`;
  const required = { required: true, message: t('common.required') };
  const text = { required: true, whitespace: true, message: t('common.required') };

  return (
    <Modal
      open={props.open}
      title={`${t('pol.deptRules')} · ${props.rule ? t('edit.edit') : t('edit.add')}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={async () => props.onSave(toRule(await form.validateFields()))}
      onCancel={props.onClose}
      width={680}
      forceRender
    >
      <Form<Values> form={form} name="deptRule" layout="vertical" initialValues={{ action: 'deny' }}>
        <Form.Item
          name="id"
          label={t('col.id')}
          extra={t('edit.idRule')}
          rules={[
            text,
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
        <Form.Item name="action" label={t('pol.action')} rules={[required]}>
          <Radio.Group
            optionType="button"
            options={departmentActions.map((value) => ({ value, label: t(`pol.action.${value}`) }))}
          />
        </Form.Item>
        {action !== 'grant' ? (
          <>
            <Form.Item name="rule" label={t('pol.rule')} extra={t('pol.pickRuleHint')} rules={[required]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={rules.map((rule) => ({ value: rule.id, label: ruleLabel(rule) }))}
              />
            </Form.Item>
            {picked ? (
              <Descriptions
                size="small"
                bordered
                column={1}
                style={{ marginBottom: 16 }}
                data-testid="picked-rule"
                items={[
                  { key: 'exempt', label: t('pol.exempt'), children: <ExemptTags codes={picked.exempt} /> },
                  { key: 'clause', label: t('pol.clause'), children: picked.clause },
                  {
                    key: 'evidence',
                    label: t('col.evidence'),
                    children: <EvidenceTag evidence={picked.evidence} />,
                  },
                ]}
              />
            ) : null}
          </>
        ) : null}
        {action === 'narrow' ? (
          <Form.Item name="targets" label={t('pol.targets')} rules={[required]}>
            <Select mode="multiple" options={codeOptions(picked?.exempt ?? exemptionCodes)} />
          </Form.Item>
        ) : null}
        {action === 'extend' ? (
          <Form.Item name="add" label={t('pol.add')} rules={[required]}>
            <Select
              mode="multiple"
              options={codeOptions(exemptionCodes.filter((c) => !picked?.exempt.includes(c)))}
            />
          </Form.Item>
        ) : null}
        {action === 'condition' ? (
          <>
            <Form.Item
              name={['condition', 'code']}
              label={t('pol.conditionCode')}
              rules={[text, { pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/, message: t('edit.codeRule') }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name={['condition', 'text']} label={t('pol.conditionText')} rules={[text]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
            </Form.Item>
          </>
        ) : null}
        {action === 'grant' ? (
          <>
            <Form.Item name="from" label={t('pol.from')} rules={[required]}>
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                options={typeOptions(false)}
              />
            </Form.Item>
            <Form.Item name="to" label={t('pol.toOwn')} rules={[required]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={typeOptions(true)} />
            </Form.Item>
            <Form.Item name="exempt" label={t('pol.exempt')} rules={[required]}>
              <Select mode="multiple" options={codeOptions(exemptionCodes)} />
            </Form.Item>
          </>
        ) : null}
        {props.packRegion === null ? (
          <Form.Item name="region" label={t('pol.ruleRegion')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={catalog.provinces.map((r) => ({
                value: r.code,
                label: `${pick(r.nameZh, r.nameEn)} ${r.code}`,
              }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="basis" label={t('pol.basis')} rules={[text]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('pol.effectiveFrom')} rules={[text]}>
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
