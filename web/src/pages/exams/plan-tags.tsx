import { Space, Tag, Typography } from 'antd';
import type { PlanSummary } from '../../exam-types';
import { useI18n } from '../../i18n';
import type { RecognitionCatalog } from '../recognition/use-recognition-catalog';
import { levelLabel, occupationLabel } from './exam-format';

/** The occupation and level of a plan, and 联考 for a joint plan. */
export function PlanTags({ plan, catalog }: { plan: PlanSummary; catalog: RecognitionCatalog }) {
  const { t, lang } = useI18n();
  return (
    <Space size={4} wrap>
      <Tag color="blue">{occupationLabel(plan.occupation, catalog.occupationByCode, lang)}</Tag>
      <Tag color="geekblue">{levelLabel(plan.level, catalog.levelById, lang)}</Tag>
      {plan.kind === 'joint' ? (
        <Tag color="purple" data-testid="joint-tag">
          {t('exams.joint')}
        </Tag>
      ) : null}
    </Space>
  );
}

/** 参加省份：上海市（牵头）、江苏省 — the provinces of a joint plan, the lead one marked. */
export function JointProvinces({ plan, catalog }: { plan: PlanSummary; catalog: RecognitionCatalog }) {
  const { t, lang } = useI18n();
  if (plan.kind !== 'joint') return null;
  const provinces = [...new Set([plan.leadProvince, ...plan.institutions.map((i) => i.province)])];
  const names = provinces.map((p) => {
    const name = catalog.regionName(p);
    if (p !== plan.leadProvince) return name;
    return lang === 'zh' ? `${name}（${t('exams.lead')}）` : `${name} (${t('exams.lead')})`;
  });
  return (
    <Typography.Text data-testid="joint-provinces">
      {t('exams.jointProvinces', { provinces: names.join(lang === 'zh' ? '、' : ', ') })}
    </Typography.Text>
  );
}
