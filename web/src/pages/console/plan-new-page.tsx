import { Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n';
import { PlanForm } from './plan-form';
import { useConsoleCatalog } from './use-console-catalog';

/** 新建认定计划: a draft, then its sittings, then the province's approval (issue 6 §2). */
export function PlanNewPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const catalog = useConsoleCatalog();
  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('pc.new')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('pc.newHint')}</Typography.Paragraph>
      <PlanForm
        catalog={catalog}
        onSaved={(plan) => navigate(`/console/plans/${plan.id}`, { replace: true })}
        onCancel={() => navigate('/console/plans')}
      />
    </div>
  );
}
