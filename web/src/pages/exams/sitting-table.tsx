import { Empty, Radio, Space, Tag, Typography, theme } from 'antd';
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
  if (hasStarted(sitting.endsAt)) return <Tag>{t('exams.ended')}</Tag>;
  if (hasStarted(sitting.startsAt)) return <Tag>{t('exams.started')}</Tag>;
  if (sitting.remaining <= 0) return <Tag color="red">{t('exams.full')}</Tag>;
  return (
    <Tag color={sitting.remaining < Math.max(3, sitting.capacity / 10) ? 'orange' : 'green'}>
      {t('exams.seatsLeft', { remaining: sitting.remaining, capacity: sitting.capacity })}
    </Tag>
  );
}

interface SittingProps {
  sittings: readonly Sitting[];
  institutions: readonly PlanInstitutionRef[];
  regionName: (code: string) => string;
}

/** One sitting in a few short lines: when, where (and which institution, in a joint plan), seats left. */
function SittingLines(props: SittingProps & { sitting: Sitting }) {
  const { lang } = useI18n();
  const { sitting: s } = props;
  const institution =
    props.institutions.length > 1 ? props.institutions.find((i) => i.id === s.institutionId) : undefined;
  return (
    <div style={{ minWidth: 0, flex: 1 }}>
      <Space size={8} wrap>
        <Typography.Text strong>
          {sittingDate(s.startsAt, lang)} {sittingTime(s.startsAt, s.endsAt, lang)}
        </Typography.Text>
        <Seats sitting={s} />
      </Space>
      <div>
        {s.site.name}
        <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
          {placeName(s.site.region, props.regionName)} {s.site.address}
        </Typography.Text>
      </div>
      {institution ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {withProvince(institution.name, props.regionName(institution.province), lang)}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/** A plan's sittings as a short list (the exam list's cards): date and time, site, institution, seats left. */
export function SittingTable(props: SittingProps) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  if (props.sittings.length === 0)
    return (
      <Empty
        data-testid="sittings"
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('exams.noSittings')}
      />
    );
  return (
    <div data-testid="sittings">
      {props.sittings.map((s) => (
        <div
          key={s.id}
          data-sitting={s.id}
          style={{ padding: '8px 0', borderTop: `1px solid ${token.colorBorderSecondary}` }}
        >
          <SittingLines {...props} sitting={s} />
        </div>
      ))}
    </div>
  );
}

/**
 * The candidate's choice of sitting: one radio card per sitting, the whole card a target a thumb can hit; full
 * and started sittings cannot be picked.
 */
export function SittingPicker(
  props: SittingProps & { selectedId: string | undefined; onSelect: (id: string) => void },
) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  if (props.sittings.length === 0)
    return (
      <Empty
        data-testid="sittings"
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('exams.noSittings')}
      />
    );
  return (
    <Radio.Group
      data-testid="sittings"
      value={props.selectedId}
      onChange={(e) => props.onSelect(String(e.target.value))}
      style={{ display: 'flex', flexDirection: 'column', gap: 8, width: '100%' }}
    >
      {props.sittings.map((s) => (
        <div key={s.id} data-sitting={s.id}>
          <Radio
            value={s.id}
            disabled={!isOpenSitting(s)}
            style={{
              display: 'flex',
              alignItems: 'flex-start',
              width: '100%',
              margin: 0,
              padding: 12,
              borderRadius: token.borderRadiusLG,
              border: `1px solid ${props.selectedId === s.id ? token.colorPrimary : token.colorBorderSecondary}`,
              background: token.colorBgContainer,
            }}
          >
            <SittingLines {...props} sitting={s} />
          </Radio>
        </div>
      ))}
    </Radio.Group>
  );
}
