import { Button, Card, Flex, Form, Input, InputNumber, Select } from 'antd';
import { DateField } from '../../components/date-field';
import { nameOnly } from '../../components/name-label';
import { useI18n } from '../../i18n';
import { heldStatuses } from '../../recognition-types';
import type { RecognitionFormValues } from './recognition-form';
import type { RecognitionCatalog } from './use-recognition-catalog';

const itemStyle = { marginBottom: 8, minWidth: 180 };

function CertificateRowFields(props: { index: number; catalog: RecognitionCatalog; onRemove: () => void }) {
  const { t, pick } = useI18n();
  const form = Form.useFormInstance<RecognitionFormValues>();
  const { index, catalog } = props;
  const typeId: string | undefined = Form.useWatch(['certificates', index, 'type'], form);
  const type = typeId ? catalog.typeById.get(typeId) : undefined;
  const required = [{ required: true, whitespace: true, message: t('common.required') }];

  return (
    <Card
      size="small"
      title={t('rec.certificateN', { n: index + 1 })}
      extra={
        <Button
          size="small"
          type="link"
          danger
          onClick={props.onRemove}
          data-testid={`remove-certificate-${index}`}
        >
          {t('rec.remove')}
        </Button>
      }
      style={{ marginBottom: 12 }}
    >
      <Flex wrap gap={12}>
        <Form.Item
          name={[index, 'type']}
          label={t('col.type')}
          rules={required}
          style={{ ...itemStyle, minWidth: 300 }}
        >
          <Select
            data-testid={`cert-type-${index}`}
            showSearch={{ optionFilterProp: 'label' }}
            labelRender={nameOnly(catalog.ready, t)}
            options={catalog.types.map((item) => {
              const department = catalog.departments.find((d) => d.id === item.department);
              // The Chinese name is what the certificate says: always shown; the issuing department tells apart
              // names alike. A worker never reads the type id.
              return {
                value: item.id,
                label: `${pick(item.nameZh, `${item.nameEn} (${item.nameZh})`)}（${department?.shortZh ?? ''}）`,
              };
            })}
          />
        </Form.Item>
        <Form.Item
          name={[index, 'number']}
          label={t('col.number')}
          rules={required}
          htmlFor={`cert-number-${index}`}
          style={itemStyle}
        >
          <Input id={`cert-number-${index}`} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name={[index, 'validFrom']}
          label={t('col.validFrom')}
          rules={required}
          htmlFor={`cert-from-${index}`}
          style={itemStyle}
        >
          <DateField id={`cert-from-${index}`} />
        </Form.Item>
        <Form.Item
          name={[index, 'validUntil']}
          label={t('col.validUntil')}
          htmlFor={`cert-until-${index}`}
          extra={type?.validity.years === null ? t('form.noExpiryHint') : undefined}
          style={itemStyle}
        >
          <DateField id={`cert-until-${index}`} />
        </Form.Item>
        <Form.Item name={[index, 'status']} label={t('rec.status')} style={{ ...itemStyle, minWidth: 120 }}>
          <Select
            data-testid={`cert-status-${index}`}
            options={heldStatuses.map((value) => ({ value, label: t(`certStatus.${value}`) }))}
          />
        </Form.Item>
        {type?.requiresOccupation ? (
          <>
            <Form.Item
              name={[index, 'occupation']}
              label={t('col.occupation')}
              rules={required}
              style={{ ...itemStyle, minWidth: 240 }}
            >
              <Select
                data-testid={`cert-occupation-${index}`}
                showSearch={{ optionFilterProp: 'label' }}
                options={catalog.occupations.map((o) => ({
                  value: o.code,
                  label: `${o.code} ${pick(o.nameZh, o.nameEn)}`,
                }))}
              />
            </Form.Item>
            <Form.Item name={[index, 'level']} label={t('col.level')} rules={required} style={itemStyle}>
              <Select
                data-testid={`cert-level-${index}`}
                options={catalog.levels.map((level) => ({
                  value: level.id,
                  label: [level.gradeZh, pick(level.nameZh, level.nameEn)].filter(Boolean).join(' '),
                }))}
              />
            </Form.Item>
          </>
        ) : null}
      </Flex>
    </Card>
  );
}

/** The certificates the person holds; each row is the `HeldCertificate` of the evaluate request. */
export function CertificateRows({ catalog }: { catalog: RecognitionCatalog }) {
  const { t } = useI18n();
  return (
    <Form.List
      name="certificates"
      rules={[
        {
          validator: async (_, rows?: unknown[]) => {
            if (!rows || rows.length === 0) throw new Error(t('rec.needCertificate'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map(({ key, name }) => (
            <CertificateRowFields key={key} index={name} catalog={catalog} onRemove={() => remove(name)} />
          ))}
          <Button type="dashed" data-testid="add-certificate" onClick={() => add({ status: 'valid' })} block>
            + {t('rec.addCertificate')}
          </Button>
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
}

/** Years in an occupation: lets the answer tell whether the standard's application conditions are met. */
export function ExperienceRows({ catalog }: { catalog: RecognitionCatalog }) {
  const { t, pick } = useI18n();
  return (
    <Form.List name="experience">
      {(fields, { add, remove }) => (
        <>
          {fields.map(({ key, name }) => (
            <Flex key={key} gap={8} align="start">
              <Form.Item name={[name, 'occupation']} style={{ marginBottom: 8, flex: 1, minWidth: 200 }}>
                <Select
                  data-testid={`experience-occupation-${name}`}
                  aria-label={t('col.occupation')}
                  placeholder={t('col.occupation')}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={catalog.occupations.map((o) => ({
                    value: o.code,
                    label: `${o.code} ${pick(o.nameZh, o.nameEn)}`,
                  }))}
                />
              </Form.Item>
              <Form.Item name={[name, 'years']} style={{ marginBottom: 8 }} extra={t('elig.years')}>
                <InputNumber
                  id={`experience-years-${name}`}
                  aria-label={t('elig.years')}
                  min={0}
                  max={80}
                  step={0.5}
                  suffix={t('rec.years')}
                  style={{ width: 120 }}
                />
              </Form.Item>
              <Form.Item
                name={[name, 'sinceLevel']}
                style={{ marginBottom: 8 }}
                extra={t('elig.yearsSinceLevel')}
              >
                <InputNumber
                  id={`experience-since-level-${name}`}
                  aria-label={t('elig.yearsSinceLevel')}
                  min={0}
                  max={80}
                  step={0.5}
                  suffix={t('rec.years')}
                  style={{ width: 120 }}
                />
              </Form.Item>
              <Button type="link" danger onClick={() => remove(name)}>
                {t('rec.remove')}
              </Button>
            </Flex>
          ))}
          <Button type="dashed" size="small" data-testid="add-experience" onClick={() => add({})}>
            + {t('rec.addExperience')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
