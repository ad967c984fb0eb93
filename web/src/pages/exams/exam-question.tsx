import { Card, Checkbox, Radio, Space, Tag, Typography } from 'antd';
import type { AttemptItem, ExamResponse } from '../../attempt-api';
import { useI18n } from '../../i18n';

export type SaveState = 'saving' | 'saved' | 'failed';

/** One question of the candidate's paper, with the input its type asks for (issue 7 §3). */
export function ExamQuestion({
  item,
  n,
  value,
  saveState,
  disabled,
  onChange,
}: {
  item: AttemptItem;
  n: number;
  value: ExamResponse | undefined;
  saveState: SaveState | undefined;
  disabled: boolean;
  onChange: (response: ExamResponse) => void;
}) {
  const { t } = useI18n();
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  // Letters follow the shuffled order on screen; the option ids sent are the item's own.
  const options = item.options.map((o, i) => ({ value: o.id, label: `${letters[i] ?? ''}. ${o.text}` }));
  return (
    <Card
      size="small"
      data-item={item.itemId}
      data-type={item.type}
      title={
        <Space wrap>
          <span>{t('cbt.question', { n })}</span>
          <Tag>{t(`cbt.type.${item.type}`)}</Tag>
          <Typography.Text type="secondary">{t('cbt.points', { score: item.score })}</Typography.Text>
        </Space>
      }
      extra={
        saveState ? (
          <Typography.Text
            data-testid="item-save-state"
            data-state={saveState}
            type={saveState === 'failed' ? 'danger' : 'secondary'}
          >
            {t(`cbt.${saveState}`)}
          </Typography.Text>
        ) : null
      }
    >
      <Typography.Paragraph data-testid="stem">{item.stem}</Typography.Paragraph>
      {item.type === 'single' ? (
        <Radio.Group
          disabled={disabled}
          value={typeof value === 'string' ? value : undefined}
          onChange={(e) => onChange(String(e.target.value))}
        >
          <Space orientation="vertical">
            {options.map((o) => (
              <Radio key={o.value} value={o.value}>
                {o.label}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      ) : null}
      {item.type === 'multiple' ? (
        <Checkbox.Group
          disabled={disabled}
          value={Array.isArray(value) ? value : []}
          onChange={(v) => onChange(v.map(String))}
        >
          <Space orientation="vertical">
            {options.map((o) => (
              <Checkbox key={o.value} value={o.value}>
                {o.label}
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      ) : null}
      {item.type === 'true-false' ? (
        <Radio.Group
          disabled={disabled}
          value={typeof value === 'boolean' ? value : undefined}
          onChange={(e) => onChange(e.target.value === true)}
        >
          <Radio value={true}>{t('cbt.true')}</Radio>
          <Radio value={false}>{t('cbt.false')}</Radio>
        </Radio.Group>
      ) : null}
    </Card>
  );
}
