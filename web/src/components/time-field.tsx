import { TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CSSProperties } from 'react';

/** 'HH:mm' as the picker's value; anything else (empty, malformed) as no value. */
function timeValue(value: string | null | undefined): Dayjs | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value ?? '');
  if (!match) return null;
  return dayjs().hour(Number(match[1])).minute(Number(match[2])).second(0).millisecond(0);
}

/**
 * A time of day (HH:mm) picked with antd's TimePicker in the page's language (issue 15 §6), in place of the
 * browser's `<input type=time>` whose 12-hour clock and words follow the browser, not the page. The value is a
 * civil China time string: the caller joins it to a date at +08:00 (console-format.tsx `chinaInstant`), so the
 * browser's own zone never enters.
 */
export function TimeField(props: {
  id?: string;
  value?: string | null | undefined;
  onChange?: (value: string | undefined) => void;
  disabled?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'data-testid'?: string;
  'aria-label'?: string;
}) {
  return (
    <TimePicker
      id={props.id}
      data-testid={props['data-testid']}
      aria-label={props['aria-label']}
      value={timeValue(props.value)}
      onChange={(time) => props.onChange?.(time ? time.format('HH:mm') : undefined)}
      format="HH:mm"
      // A typed or clicked time counts at once; there is nothing to confirm in a field of two numbers.
      needConfirm={false}
      showNow={false}
      disabled={props.disabled}
      placeholder={props.placeholder}
      style={{ width: 120, ...props.style }}
    />
  );
}
