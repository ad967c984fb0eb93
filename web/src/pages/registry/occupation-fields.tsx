import { Form, Select } from 'antd';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';

const loadLists = () => Promise.all([api.occupations(), api.levels()]);

/** Occupation and level, for the types that carry them (skill-level certificates). */
export function OccupationFields() {
  const { t, pick } = useI18n();
  const { data } = useApiData(loadLists);
  const required = [{ required: true, message: t('common.required') }];
  return (
    <>
      <Form.Item name="occupation" label={t('col.occupation')} rules={required}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={(data?.[0].items ?? []).map((o) => ({
            value: o.code,
            label: `${o.code} ${pick(o.nameZh, o.nameEn)}`,
          }))}
        />
      </Form.Item>
      <Form.Item name="level" label={t('col.level')} rules={required}>
        <Select
          options={(data?.[1].items ?? []).map((level) => ({
            value: level.id,
            label: pick(level.nameZh, level.nameEn),
          }))}
        />
      </Form.Item>
    </>
  );
}
