import { Button, Form, Input, Radio, Select, Space } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '../../auth';
import { DateField } from '../../components/date-field';
import type { PlanKind } from '../../exam-types';
import { useI18n } from '../../i18n';
import { planConsoleApi } from '../../plan-console-api';
import type { ConsolePlan, ExamStandard, NewPlan, SubjectInput } from '../../plan-console-types';
import { useApiData } from '../../use-api-data';
import { ProblemAlert } from './problem-alert';
import { SubjectsTable } from './subjects-table';
import type { ConsoleCatalog } from './use-console-catalog';

interface Values {
  kind: PlanKind;
  name: string;
  occupation?: string;
  level?: string;
  institutionIds?: string[] | string;
  leadProvince?: string;
  registrationOpens: string;
  registrationCloses: string;
}

const standardLevels = ['5', '4', '3', '2', '1'];

/**
 * Creates a plan, or edits a draft (`plan` given): name, occupation × level, the institutions (a province admin
 * picks them from the directory; an institution operator plans for its own), the registration window and the
 * subjects, prefilled from the standard.
 */
export function PlanForm(props: {
  plan?: ConsolePlan;
  catalog: ConsoleCatalog;
  onSaved: (plan: ConsolePlan) => void;
  onCancel?: () => void;
}) {
  const { t, pick } = useI18n();
  const { user } = useAuth();
  const { plan, catalog } = props;
  const [form] = Form.useForm<Values>();
  const isOperator = user?.role === 'institution-operator';
  const kind =
    Form.useWatch('kind', form) ?? plan?.kind ?? (user?.role === 'province-admin' ? 'joint' : 'single');
  const occupation = Form.useWatch('occupation', form) ?? plan?.occupation;
  const level = Form.useWatch('level', form) ?? plan?.level;
  const [subjects, setSubjects] = useState<SubjectInput[]>(plan?.subjects ?? []);
  const [standard, setStandard] = useState<ExamStandard | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [isSaving, setIsSaving] = useState(false);

  // The standard of the occupation × level: its subjects fill the table of a new plan.
  useEffect(() => {
    if (!occupation || !level) return;
    let isCurrent = true;
    planConsoleApi.standard(occupation, level).then(
      (s) => {
        if (!isCurrent) return;
        setStandard(s);
        if (!plan)
          setSubjects(
            s.subjects.map(({ kind: k, durationMinutes, passMark }) => ({
              kind: k,
              durationMinutes,
              passMark,
            })),
          );
      },
      () => isCurrent && setStandard(undefined),
    );
    return () => {
      isCurrent = false;
    };
  }, [occupation, level, plan]);

  const picksInstitutions = !isOperator && (kind === 'joint' || !plan);
  const loadInstitutions = useCallback(async () => {
    if (!picksInstitutions || !occupation || !level) return [];
    // A single plan of a province admin is for an institution of its province.
    const region =
      kind === 'single' && user?.role === 'province-admin' ? (user.province ?? undefined) : undefined;
    return (await planConsoleApi.institutions({ occupation, level, region })).items;
  }, [picksInstitutions, occupation, level, kind, user]);
  const institutions = useApiData(loadInstitutions);
  const institutionOptions = [
    ...(institutions.data ?? []),
    ...(plan?.institutions.filter((i) => !institutions.data?.some((d) => d.id === i.id)) ?? []),
  ].map((i) => ({ value: i.id, label: `${i.name}（${catalog.provinceName(i.province)} ${i.code}）` }));

  const submit = async () => {
    const v = await form.validateFields();
    setIsSaving(true);
    setError(undefined);
    try {
      const ids = v.institutionIds === undefined ? undefined : [v.institutionIds].flat();
      const saved = plan
        ? await planConsoleApi.updatePlan(plan.id, {
            version: plan.version,
            name: v.name.trim(),
            registrationOpens: v.registrationOpens,
            registrationCloses: v.registrationCloses,
            subjects,
            ...(plan.kind === 'joint' && ids && { institutionIds: ids }),
          })
        : await planConsoleApi.createPlan({
            kind: isOperator ? 'single' : v.kind,
            name: v.name.trim(),
            occupation: v.occupation ?? '',
            level: v.level ?? '',
            ...(ids && { institutionIds: ids }),
            ...(v.leadProvince && { leadProvince: v.leadProvince }),
            registrationOpens: v.registrationOpens,
            registrationCloses: v.registrationCloses,
            subjects,
          } satisfies NewPlan);
      props.onSaved(saved);
    } catch (cause) {
      setError(cause);
    } finally {
      setIsSaving(false);
    }
  };

  const required = [{ required: true, message: t('common.required') }];
  return (
    <Form<Values>
      form={form}
      name="planForm"
      layout="vertical"
      style={{ maxWidth: 760 }}
      initialValues={{
        kind,
        name: plan?.name,
        occupation: plan?.occupation,
        level: plan?.level,
        institutionIds: plan ? plan.institutions.map((i) => i.id) : undefined,
        registrationOpens: plan?.registrationOpens,
        registrationCloses: plan?.registrationCloses,
      }}
    >
      {!isOperator && !plan ? (
        <Form.Item name="kind" label={t('pc.col.kind')}>
          <Radio.Group
            onChange={() => form.setFieldValue('institutionIds', undefined)}
            options={[
              { value: 'single', label: t('pc.kind.single') },
              { value: 'joint', label: t('pc.kind.joint') },
            ]}
          />
        </Form.Item>
      ) : null}
      <Form.Item
        name="name"
        label={t('pc.col.name')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}
      >
        <Input id="plan-name" autoComplete="off" />
      </Form.Item>
      <Space wrap size="large">
        <Form.Item name="occupation" label={t('pc.col.occupation')} rules={required}>
          <Select
            data-testid="plan-occupation"
            disabled={Boolean(plan)}
            style={{ width: 260 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={catalog.occupations.map((o) => ({
              value: o.code,
              label: `${pick(o.nameZh, o.nameEn)} ${o.code}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="level" label={t('pc.col.level')} rules={required}>
          <Select
            data-testid="plan-level"
            disabled={Boolean(plan)}
            style={{ width: 200 }}
            options={standardLevels.map((id) => ({ value: id, label: catalog.levelName(id) }))}
          />
        </Form.Item>
      </Space>
      {/* A province admin leads its own province's joint plans; a system admin names the lead province. */}
      {user?.role === 'system-admin' && kind === 'joint' && !plan ? (
        <Form.Item name="leadProvince" label={t('pc.lead')} rules={required}>
          <Select
            data-testid="plan-lead"
            style={{ width: 260 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={catalog.regions
              .filter((r) => r.code.endsWith('0000'))
              .map((r) => ({ value: r.code, label: `${pick(r.nameZh, r.nameEn)} ${r.code}` }))}
          />
        </Form.Item>
      ) : null}
      {picksInstitutions ? (
        <Form.Item
          name="institutionIds"
          label={t('pc.institutions')}
          rules={required}
          extra={occupation && level ? t('pc.institutionsHint') : t('pc.chooseOccupationFirst')}
        >
          <Select
            data-testid="plan-institutions"
            mode={kind === 'joint' ? 'multiple' : undefined}
            loading={institutions.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            options={institutionOptions}
          />
        </Form.Item>
      ) : null}
      <Space wrap size="large">
        <Form.Item name="registrationOpens" label={t('pc.opens')} rules={required}>
          <DateField id="plan-opens" />
        </Form.Item>
        <Form.Item name="registrationCloses" label={t('pc.closes')} rules={required}>
          <DateField id="plan-closes" />
        </Form.Item>
      </Space>
      <Form.Item label={t('pc.subjects')} extra={standard?.standard ?? t('pc.standardDefaults')}>
        {subjects.length > 0 ? (
          <SubjectsTable subjects={subjects} standard={standard} onChange={setSubjects} />
        ) : (
          <span>{t('pc.chooseOccupationFirst')}</span>
        )}
      </Form.Item>
      <ProblemAlert error={error} />
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" loading={isSaving} onClick={submit} data-testid="save-plan">
          {plan ? t('common.save') : t('pc.create')}
        </Button>
        {props.onCancel ? <Button onClick={props.onCancel}>{t('common.cancel')}</Button> : null}
      </Space>
    </Form>
  );
}
