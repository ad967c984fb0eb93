import type { FormInstance } from 'antd';
import { ApiError } from '../../api';
import { describeFieldError } from '../../components/validation-text';

/**
 * Puts a 400's `details` on the form fields they name, list items included: "body.sites.1.region" names
 * `['sites', 1, 'region']`, worded in the page's language (issue 15). Returns the messages that matched no field on
 * the form, for a form-level alert.
 */
export function applyFieldErrors<T>(form: FormInstance<T>, error: unknown, lang: 'zh' | 'en'): string[] {
  if (!(error instanceof ApiError)) return [];
  const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const byField = new Map<string, { name: Array<string | number>; errors: string[] }>();
  const leftover: string[] = [];
  for (const detail of error.details) {
    const parts = detail.path.split('.').filter(Boolean);
    if (parts[0] === 'body') parts.shift();
    const name = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const key = name.join('.');
    const text = describeFieldError(detail, lang);
    if (!registered.has(key)) {
      leftover.push(text);
      continue;
    }
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(text);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name: name as never, errors })));
  return leftover;
}
