import type { FormInstance } from 'antd';
import { ApiError } from '../../api';
import { describeFieldError } from '../../components/validation-text';

/**
 * Puts a 400's `details` on the form fields they name ("body.username", "/username" and "username" all
 * name the `username` field), worded in the page's language (issue 15). Returns the messages that matched no
 * field, for a form-level alert.
 */
export function applyFieldErrors<T>(
  form: FormInstance<T>,
  error: unknown,
  fieldNames: string[],
  lang: 'zh' | 'en',
): string[] {
  if (!(error instanceof ApiError) || error.details.length === 0) return [];
  const leftover: string[] = [];
  const byField = new Map<string, string[]>();
  for (const detail of error.details) {
    const name = detail.path.split(/[./]/).filter(Boolean).pop() ?? '';
    const text = describeFieldError(detail, lang);
    if (fieldNames.includes(name)) byField.set(name, [...(byField.get(name) ?? []), text]);
    else leftover.push(text);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: name as never, errors })));
  return leftover;
}
