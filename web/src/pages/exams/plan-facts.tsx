import { Descriptions } from 'antd';
import type { PlanDetail } from '../../exam-types';
import { useI18n } from '../../i18n';
import type { RecognitionCatalog } from '../recognition/use-recognition-catalog';
import { withProvince } from './exam-format';
import { JointProvinces } from './plan-tags';

/** A plan's code, registration window, institutions and subjects. */
export function PlanFacts({ plan, catalog }: { plan: PlanDetail; catalog: RecognitionCatalog }) {
  const { t, lang } = useI18n();
  return (
    <Descriptions size="small" column={1} style={{ marginBottom: 16 }} data-testid="plan-facts">
      <Descriptions.Item label={t('plan.code')}>{plan.code}</Descriptions.Item>
      <Descriptions.Item label={t('col.registrationWindow')}>
        {t('exams.windowDates', { opens: plan.registrationOpens, closes: plan.registrationCloses })}
      </Descriptions.Item>
      <Descriptions.Item label={t('col.institution')}>
        <div>
          {plan.institutions.map((i) => (
            <div key={i.id}>{withProvince(i.name, catalog.regionName(i.province), lang)}</div>
          ))}
          <JointProvinces plan={plan} catalog={catalog} />
        </div>
      </Descriptions.Item>
      {plan.subjects.length > 0 ? (
        <Descriptions.Item label={t('plan.subjects')}>
          <div>
            {plan.subjects.map((s) => (
              <div key={s.kind}>
                {t('plan.subject', {
                  name: t(`plan.subject.${s.kind}`),
                  minutes: s.durationMinutes,
                  pass: s.passMark,
                  full: s.fullMark,
                })}
              </div>
            ))}
          </div>
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}
