import { Table, Tag, Typography } from 'antd';
import type { PlanInstitutionRef, Sitting } from '../../exam-types';
import { useI18n } from '../../i18n';
import { hasStarted, sittingDate, sittingTime, withProvince } from './exam-format';

/** A site's district when the catalog names it, else its province (the catalog lists provinces). */
function placeName(region: string, regionName: (code: string) => string): string {
  const name = regionName(region);
  return name !== region ? name : regionName(`${region.slice(0, 2)}0000`);
}

/** Whether a candidate may pick the sitting: seats left and not begun. */
export function isOpenSitting(s: Sitting): boolean {
  return s.remaining > 0 && !hasStarted(s.startsAt);
}

function Seats({ sitting }: { sitting: Sitting }) {
  const { t } = useI18n();
  if (hasStarted(sitting.startsAt)) return <Tag>{t('exams.started')}</Tag>;
  if (sitting.remaining <= 0) return <Tag color="red">{t('exams.full')}</Tag>;
  return (
    <Tag color={sitting.remaining < Math.max(3, sitting.capacity / 10) ? 'orange' : 'green'}>
      {t('exams.seatsLeft', { remaining: sitting.remaining, capacity: sitting.capacity })}
    </Tag>
  );
}

/**
 * A plan's sittings: date, time, site, the institution (joint plans), seats left. With `onSelect` a candidate picks
 * one (radio); full and started sittings cannot be picked.
 */
export function SittingTable(props: {
  sittings: readonly Sitting[];
  institutions: readonly PlanInstitutionRef[];
  regionName: (code: string) => string;
  selectedId?: string | undefined;
  onSelect?: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const { onSelect } = props;
  const byId = new Map(props.institutions.map((i) => [i.id, i]));
  const showInstitution = props.institutions.length > 1;
  return (
    <Table<Sitting>
      rowKey="id"
      size="small"
      data-testid="sittings"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={[...props.sittings]}
      locale={{ emptyText: t('exams.noSittings') }}
      rowSelection={
        onSelect
          ? {
              type: 'radio',
              selectedRowKeys: props.selectedId ? [props.selectedId] : [],
              onChange: (keys) => {
                const [key] = keys;
                if (key !== undefined) onSelect(String(key));
              },
              getCheckboxProps: (s) => ({ disabled: !isOpenSitting(s) }),
            }
          : undefined
      }
      columns={[
        { key: 'date', title: t('col.sittingDate'), render: (_, s) => sittingDate(s.startsAt, lang) },
        {
          key: 'time',
          title: t('col.sittingTime'),
          render: (_, s) => sittingTime(s.startsAt, s.endsAt, lang),
        },
        {
          key: 'site',
          title: t('col.site'),
          render: (_, s) => (
            <span>
              {s.site.name}
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {placeName(s.site.region, props.regionName)} {s.site.address}
              </Typography.Text>
            </span>
          ),
        },
        ...(showInstitution
          ? [
              {
                key: 'institution',
                title: t('col.institution'),
                render: (_: unknown, s: Sitting) => {
                  const i = byId.get(s.institutionId);
                  return i ? withProvince(i.name, props.regionName(i.province), lang) : s.institutionId;
                },
              },
            ]
          : []),
        { key: 'seats', title: t('col.seats'), render: (_, s) => <Seats sitting={s} /> },
      ]}
    />
  );
}
