import { DatePicker } from 'antd';
import type { CSSProperties } from 'react';
import { dateString, dateValue } from '../format';

/**
 * A civil date (YYYY-MM-DD) picked with antd's DatePicker in the page's language (issue 15 §6), in place of the
 * browser's `<input type=date>` whose words follow the browser, not the page. Form values stay strings.
 */
export function DateField(props: {
  id?: string;
  value?: string | null | undefined;
  onChange?: (value: string | undefined) => void;
  /** The earliest and latest dates offered (YYYY-MM-DD). */
  min?: string | null | undefined;
  max?: string | null | undefined;
  disabled?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'data-testid'?: string;
  'aria-label'?: string;
}) {
  const min = dateValue(props.min);
  const max = dateValue(props.max);
  return (
    <DatePicker
      id={props.id}
      data-testid={props['data-testid']}
      aria-label={props['aria-label']}
      value={dateValue(props.value)}
      onChange={(day) => props.onChange?.(dateString(day))}
      format="YYYY-MM-DD"
      disabled={props.disabled}
      allowClear={props.allowClear ?? true}
      placeholder={props.placeholder}
      style={{ width: '100%', maxWidth: 200, ...props.style }}
      disabledDate={(day) =>
        (min !== null && day.isBefore(min, 'day')) || (max !== null && day.isAfter(max, 'day'))
      }
    />
  );
}
