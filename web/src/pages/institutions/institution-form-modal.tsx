import { Alert, App, Button, Divider, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api';
import { useAuth } from '../../auth';
import { DateField } from '../../components/date-field';
import { describeError } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { institutionApi } from '../../institution-api';
import { type Institution, type NewInstitution, scopeLevels } from '../../institution-types';
import { applyFieldErrors } from './field-errors';
import type { InstitutionCatalog } from './use-institution-catalog';

type Values = NewInstitution;

/** Trims the text, leaves out a provincial filing's national code (the server sets 0000). */
function toNewInstitution(values: Values): NewInstitution {
  const { nationalCode, ...rest } = values;
  return {
    ...rest,
    creditCode: values.creditCode.trim(),
    name: values.name.trim(),
    siteCode: values.siteCode.trim(),
    sites: values.sites.map((s) => ({
      name: s.name.trim(),
      address: s.address.trim(),
      region: s.region.trim(),
    })),
    ...(values.filingLevel === 'national' && nationalCode ? { nationalCode: nationalCode.trim() } : {}),
  };
}

/**
 * 遴选备案 (a new filing) or 编辑备案 (name, sites, filed scope of an existing one, under the version read). A
 * province admin files in their own province only, so the province is fixed for them.
 */
export function InstitutionFormModal(props: {
  open: boolean;
  institution: Institution | null;
  catalog: InstitutionCatalog;
  onClose: () => void;
  onSaved: (institution: Institution) => void;
}) {
  const { t, lang, pick } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const filingLevel = Form.useWatch('filingLevel', form);
  const [problems, setProblems] = useState<string[]>([]);
  const [isSaving, setIsSaving] = useState(false);
  const { institution, catalog } = props;
  const isEdit = institution !== null;
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const ownProvince = user?.role === 'province-admin' ? (user.province ?? undefined) : undefined;

  const initialValues: Partial<Values> = institution
    ? {
        name: institution.name,
        sites: institution.sites,
        scopes: institution.scopes.map((s) => ({ occupation: s.occupation, level: s.level })),
      }
    : {
        kind: 'S',
        filingLevel: 'provincial',
        ...(ownProvince && { province: ownProvince }),
        sites: [{ name: '', address: '', region: '' }],
        scopes: [{} as Values['scopes'][number]],
      };

  const submit = async () => {
    const values = await form.validateFields();
    setIsSaving(true);
    setProblems([]);
    try {
      const saved = institution
        ? await institutionApi.update(institution.id, {
            version: institution.version ?? 1,
            name: values.name.trim(),
            sites: values.sites,
            scopes: values.scopes,
          })
        : await institutionApi.file(toNewInstitution(values));
      message.success(institution ? t('inst.saved') : t('inst.filed', { name: saved.name }));
      props.onSaved(saved);
    } catch (error) {
      const leftover = applyFieldErrors(form, error, lang);
      const isStale = error instanceof ApiError && error.details.some((d) => d.path === 'body.version');
      const isOnFields = error instanceof ApiError && error.details.length > leftover.length;
      setProblems(
        isStale ? [t('inst.stale')] : isOnFields ? leftover : [describeError(error, t), ...leftover],
      );
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={isEdit ? `${t('inst.edit')}：${institution?.name}` : t('inst.file')}
      okText={t('common.save')}
      okButtonProps={{ id: 'institution-save' }}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={submit}
      onCancel={props.onClose}
      afterClose={() => setProblems([])}
      destroyOnHidden
      width={760}
    >
      {problems.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={problems[0]}
          description={problems.slice(1).join('\n') || undefined}
        />
      ) : null}
      <Form<Values>
        form={form}
        name="institution"
        layout="vertical"
        preserve={false}
        style={{ marginTop: 16 }}
        initialValues={initialValues}
      >
        {isEdit ? null : (
          <>
            <Form.Item name="creditCode" label={t('inst.col.creditCode')} rules={required}>
              <Input autoComplete="off" maxLength={18} />
            </Form.Item>
            <Space wrap align="start">
              <Form.Item name="kind" label={t('inst.col.kind')} rules={required}>
                <Select
                  style={{ width: 220 }}
                  options={(['S', 'Y'] as const).map((k) => ({
                    value: k,
                    label: `${k} ${t(`inst.kind.${k}`)}`,
                  }))}
                />
              </Form.Item>
              <Form.Item name="filingLevel" label={t('inst.col.filingLevel')} rules={required}>
                <Select
                  style={{ width: 180 }}
                  options={(['provincial', 'national'] as const).map((l) => ({
                    value: l,
                    label: t(`inst.filingLevel.${l}`),
                  }))}
                />
              </Form.Item>
              {filingLevel === 'national' ? (
                <Form.Item name="nationalCode" label={t('inst.col.nationalCode')} rules={required}>
                  <Input autoComplete="off" maxLength={4} style={{ width: 120 }} />
                </Form.Item>
              ) : null}
            </Space>
            <Space wrap align="start">
              <Form.Item name="province" label={t('inst.col.province')} rules={required}>
                <Select
                  style={{ width: 200 }}
                  disabled={ownProvince !== undefined}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={catalog.provinces.map((r) => ({
                    value: r.code,
                    label: `${pick(r.nameZh, r.nameEn)} ${r.code}`,
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="siteCode"
                label={t('inst.col.siteCode')}
                rules={required}
                tooltip={t('inst.form.siteCodeHint')}
              >
                <Input autoComplete="off" maxLength={6} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item name="validFrom" label={t('inst.col.validFrom')} rules={required}>
                <DateField />
              </Form.Item>
              <Form.Item name="validUntil" label={t('inst.col.validUntil')} rules={required}>
                <DateField />
              </Form.Item>
            </Space>
          </>
        )}
        <Form.Item name="name" label={t('inst.col.name')} rules={required}>
          <Input autoComplete="off" />
        </Form.Item>
        <Divider titlePlacement="start">{t('inst.sites')}</Divider>
        <Form.List name="sites">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <div key={field.key} data-testid="site-row">
                  {/* An existing site's id: the site is edited in place, not removed and added again. */}
                  <Form.Item name={[field.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Space align="start" wrap>
                    <Form.Item name={[field.name, 'name']} rules={required}>
                      <Input placeholder={t('inst.col.siteName')} style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'address']} rules={required}>
                      <Input placeholder={t('inst.col.address')} style={{ width: 260 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'region']}
                      rules={required}
                      tooltip={t('inst.form.regionHint')}
                    >
                      <Input placeholder={t('inst.col.region')} maxLength={6} style={{ width: 130 }} />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)} disabled={fields.length <= 1}>
                      {t('inst.remove')}
                    </Button>
                  </Space>
                </div>
              ))}
              <Button
                type="dashed"
                onClick={() => add({ name: '', address: '', region: '' })}
                data-testid="add-site"
              >
                {t('inst.addSite')}
              </Button>
            </>
          )}
        </Form.List>
        <Divider titlePlacement="start">{t('inst.scopes')}</Divider>
        <Form.List name="scopes">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap style={{ display: 'flex' }} data-testid="scope-row">
                  <Form.Item name={[field.name, 'occupation']} rules={required}>
                    <Select
                      style={{ width: 220 }}
                      placeholder={t('inst.col.occupation')}
                      options={catalog.occupations.map((o) => ({
                        value: o.code,
                        label: `${pick(o.nameZh, o.nameEn)} ${o.code}`,
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'level']} rules={required}>
                    <Select
                      style={{ width: 200 }}
                      placeholder={t('inst.col.level')}
                      options={scopeLevels.map((level) => ({
                        value: level,
                        label: catalog.levelName(level),
                      }))}
                    />
                  </Form.Item>
                  <Button onClick={() => remove(field.name)} disabled={fields.length <= 1}>
                    {t('inst.remove')}
                  </Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({})} data-testid="add-scope">
                {t('inst.addScope')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
