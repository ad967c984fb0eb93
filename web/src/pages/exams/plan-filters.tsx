import { Button, Form, Select } from 'antd';
import type { PlanFilter } from '../../exam-types';
import { useI18n } from '../../i18n';
import type { RecognitionCatalog } from '../recognition/use-recognition-catalog';
import { levelLabel } from './exam-format';

const standardLevels = ['5', '4', '3', '2', '1'];

/** Occupation, level and province; each applies as soon as it is chosen (none by default). */
export function PlanFilters(props: {
  value: PlanFilter;
  onChange: (next: PlanFilter) => void;
  catalog: RecognitionCatalog;
}) {
  const { t, lang, pick } = useI18n();
  const { value, onChange, catalog } = props;
  const set = (key: keyof PlanFilter) => (v: string | undefined) => onChange({ ...value, [key]: v });
  return (
    <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} data-testid="plan-filters">
      <Form.Item label={t('exams.occupation')}>
        <Select
          data-testid="filter-occupation"
          aria-label={t('exams.occupation')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 240 }}
          value={value.occupation}
          onChange={set('occupation')}
          options={catalog.occupations.map((o) => ({
            value: o.code,
            label: `${pick(o.nameZh, o.nameEn)} ${o.code}`,
          }))}
        />
      </Form.Item>
      <Form.Item label={t('exams.level')}>
        <Select
          data-testid="filter-level"
          aria-label={t('exams.level')}
          allowClear
          style={{ width: 200 }}
          value={value.level}
          onChange={set('level')}
          options={standardLevels.map((id) => ({
            value: id,
            label: levelLabel(id, catalog.levelById, lang),
          }))}
        />
      </Form.Item>
      <Form.Item label={t('exams.province')}>
        <Select
          data-testid="filter-province"
          aria-label={t('exams.province')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 180 }}
          value={value.province}
          onChange={set('province')}
          options={catalog.provinces.map((r) => ({
            value: r.code,
            label: `${pick(r.nameZh, r.nameEn)} ${r.code}`,
          }))}
        />
      </Form.Item>
      <Form.Item>
        <Button onClick={() => onChange({})} disabled={!value.occupation && !value.level && !value.province}>
          {t('exams.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
