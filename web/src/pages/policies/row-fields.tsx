import { AutoComplete, Form, Input, Radio, Select } from 'antd';
import { useI18n } from '../../i18n';
import { overrideActions } from '../../policy-types';
import { exemptionCodes } from '../../recognition-types';
import type { RecognitionCatalog } from '../recognition/use-recognition-catalog';
import { useNationalRules } from '../recognition/use-rule-info';

const levelsFrom = (
  ids: readonly string[],
  catalog: RecognitionCatalog,
  pick: (zh: string, en: string) => string,
) =>
  ids.map((id) => {
    const level = catalog.levelById.get(id);
    return { value: id, label: level ? `${level.gradeZh ?? id} ${pick(level.nameZh, level.nameEn)}` : id };
  });

function useTypeOptions(catalog: RecognitionCatalog) {
  const { pick } = useI18n();
  return catalog.types.map((type) => ({
    value: type.id,
    label: `${pick(type.nameZh, type.nameEn)} ${type.id}`,
  }));
}

function OccupationField({ catalog }: { catalog: RecognitionCatalog }) {
  const { t, pick } = useI18n();
  return (
    <Form.Item
      name="occupation"
      label={t('col.occupation')}
      rules={[{ required: true, message: t('common.required') }]}
    >
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        options={catalog.occupations.map((o) => ({
          value: o.code,
          label: `${o.code} ${pick(o.nameZh, o.nameEn)}`,
        }))}
      />
    </Form.Item>
  );
}

/** 特别规定: which overridable national exemption rule, and deny / narrow / add a condition. */
export function OverrideFields({ ruleIdPattern }: { ruleIdPattern: RegExp }) {
  const { t } = useI18n();
  const rules = useNationalRules().filter((rule) => rule.kind === 'exemption' && rule.overridable);
  const action = Form.useWatch('action');
  const required = { required: true, whitespace: true, message: t('common.required') };
  return (
    <>
      <Form.Item
        name="rule"
        label={t('pol.rule')}
        rules={[required, { pattern: ruleIdPattern, message: t('edit.idRule') }]}
      >
        <AutoComplete
          options={rules.map((rule) => ({ value: rule.id, label: `${rule.id} — ${rule.clause}` }))}
          showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
        />
      </Form.Item>
      <Form.Item
        name="action"
        label={t('pol.action')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Radio.Group
          optionType="button"
          options={overrideActions.map((value) => ({ value, label: t(`pol.action.${value}`) }))}
        />
      </Form.Item>
      {action === 'narrow' ? (
        <Form.Item
          name="targets"
          label={t('pol.targets')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select
            mode="multiple"
            options={exemptionCodes.map((code) => ({ value: code, label: t(`exempt.${code}`) }))}
          />
        </Form.Item>
      ) : null}
      {action === 'condition' ? (
        <>
          <Form.Item
            name={['condition', 'code']}
            label={t('pol.conditionCode')}
            rules={[required, { pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/, message: t('edit.codeRule') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name={['condition', 'text']} label={t('pol.conditionText')} rules={[required]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        </>
      ) : null}
    </>
  );
}

/** 对应目录: certificates deemed a level of an occupation, and the level one may apply for next. */
export function CorrespondenceFields({ catalog }: { catalog: RecognitionCatalog }) {
  const { t, pick } = useI18n();
  const typeOptions = useTypeOptions(catalog);
  const required = { required: true, message: t('common.required') };
  return (
    <>
      <Form.Item name="from" label={t('pol.from')} rules={[required]}>
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={typeOptions} />
      </Form.Item>
      <OccupationField catalog={catalog} />
      <Form.Item name="deemedLevel" label={t('pol.deemedLevel')} rules={[required]}>
        <Select options={levelsFrom(['5', '4', '3', '2'], catalog, pick)} />
      </Form.Item>
      <Form.Item
        name="mayApplyFor"
        label={t('pol.mayApplyFor')}
        dependencies={['deemedLevel']}
        rules={[
          required,
          ({ getFieldValue }) => ({
            validator: async (_, value?: string) => {
              const deemed: unknown = getFieldValue('deemedLevel');
              if (value && typeof deemed === 'string' && Number(value) >= Number(deemed)) {
                throw new Error(t('edit.nextAboveDeemed'));
              }
            },
          }),
        ]}
      >
        <Select options={levelsFrom(['4', '3', '2', '1'], catalog, pick)} />
      </Form.Item>
    </>
  );
}

/** 一试多证: one exam of an occupation and level issues two or more certificates. */
export function OneExamFields({ catalog }: { catalog: RecognitionCatalog }) {
  const { t, pick } = useI18n();
  const typeOptions = useTypeOptions(catalog);
  return (
    <>
      <OccupationField catalog={catalog} />
      <Form.Item
        name="level"
        label={t('col.level')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Select options={levelsFrom(['5', '4', '3', '2', '1'], catalog, pick)} />
      </Form.Item>
      <Form.Item
        name="issues"
        label={t('pol.issues')}
        rules={[
          {
            validator: async (_, value?: string[]) => {
              if (!value || value.length < 2) throw new Error(t('edit.minTwo'));
            },
          },
        ]}
      >
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={typeOptions} />
      </Form.Item>
    </>
  );
}
