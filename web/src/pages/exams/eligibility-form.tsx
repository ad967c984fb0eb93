import { Button, Checkbox, Form, InputNumber, Select } from 'antd';
import { type Declared, type SchoolKind, schoolKinds } from '../../exam-types';
import { useI18n } from '../../i18n';

interface Values {
  yearsInOccupation?: number | null;
  yearsSinceLevel?: number | null;
  school?: SchoolKind | 'none';
  apprenticeship?: boolean;
}

/** The form's values as the API's `declared`: an empty field is "not declared" (the answer says unknown). */
function toDeclared(v: Values): Declared {
  return {
    ...(typeof v.yearsInOccupation === 'number' && { yearsInOccupation: v.yearsInOccupation }),
    ...(typeof v.yearsSinceLevel === 'number' && { yearsSinceLevel: v.yearsSinceLevel }),
    ...(v.school && v.school !== 'none' && { school: v.school }),
    apprenticeship: v.apprenticeship === true,
  };
}

/** 资格自查: what the registry cannot know — years in the occupation, school, apprenticeship. */
export function EligibilityForm(props: {
  isBusy: boolean;
  onCheck: (declared: Declared) => void;
  /** Any change makes an earlier answer stale. */
  onEdit: () => void;
}) {
  const { t } = useI18n();
  return (
    <Form<Values>
      name="eligibility"
      layout="vertical"
      onFinish={(v) => props.onCheck(toDeclared(v))}
      onValuesChange={props.onEdit}
      initialValues={{ school: 'none', apprenticeship: false }}
      style={{ maxWidth: 640 }}
    >
      <Form.Item
        name="yearsInOccupation"
        label={t('elig.years')}
        extra={t('elig.yearsHint')}
        htmlFor="years-in-occupation"
      >
        <InputNumber
          id="years-in-occupation"
          min={0}
          max={60}
          step={1}
          suffix={t('rec.years')}
          style={{ width: 160 }}
        />
      </Form.Item>
      <Form.Item
        name="yearsSinceLevel"
        label={t('elig.yearsSinceLevel')}
        extra={t('elig.yearsSinceLevelHint')}
        htmlFor="years-since-level"
      >
        <InputNumber
          id="years-since-level"
          min={0}
          max={60}
          step={1}
          suffix={t('rec.years')}
          style={{ width: 160 }}
        />
      </Form.Item>
      <Form.Item name="school" label={t('elig.school')}>
        <Select
          data-testid="school"
          options={[
            { value: 'none', label: t('elig.schoolNone') },
            ...schoolKinds.map((k) => ({ value: k, label: t(`elig.school.${k}`) })),
          ]}
        />
      </Form.Item>
      <Form.Item name="apprenticeship" valuePropName="checked">
        <Checkbox data-testid="apprenticeship">{t('elig.apprenticeship')}</Checkbox>
      </Form.Item>
      <Button htmlType="submit" loading={props.isBusy} data-testid="check-eligibility">
        {t('elig.check')}
      </Button>
    </Form>
  );
}
