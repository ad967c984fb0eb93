import { Tag } from 'antd';
import type { PlanStatus } from '../../exam-types';
import { chinaParts } from '../../format';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';

/** An instant's date and time in China time, whatever the browser's zone: sittings are announced there. */
export { chinaParts } from '../../format';

/** `2027-04-10` and `09:00` as the ISO instant the API takes. */
export function chinaInstant(date: string, time: string): string {
  return `${date}T${time}:00+08:00`;
}

/** 2027-04-10 09:00–12:00 (China Standard Time). */
export function chinaWhen(startsAt: string, endsAt: string): string {
  const a = chinaParts(startsAt);
  const b = chinaParts(endsAt);
  return a.date === b.date ? `${a.date} ${a.time}–${b.time}` : `${a.date} ${a.time} – ${b.date} ${b.time}`;
}

const statusColors: Record<PlanStatus, string> = {
  draft: 'default',
  approved: 'green',
  closed: 'blue',
  cancelled: 'red',
};

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={statusColors[status]} data-testid="plan-status" data-status={status}>
      {t(`pc.status.${status}` as MessageKey)}
    </Tag>
  );
}
