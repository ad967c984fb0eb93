import type { FormInstance } from 'antd';
import { ApiError } from '../../api';

/**
 * Puts a 400's `details` on the form fields they name ("body.username", "/username" and "username" all
 * name the `username` field). Returns the messages that matched no field, for a form-level alert.
 */
export function applyFieldErrors<T>(form: FormInstance<T>, error: unknown, fieldNames: string[]): string[] {
  if (!(error instanceof ApiError) || error.details.length === 0) return [];
  const leftover: string[] = [];
  const byField = new Map<string, string[]>();
  for (const detail of error.details) {
    const name = detail.path.split(/[./]/).filter(Boolean).pop() ?? '';
    if (fieldNames.includes(name)) byField.set(name, [...(byField.get(name) ?? []), detail.message]);
    else leftover.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: name as never, errors })));
  return leftover;
}
