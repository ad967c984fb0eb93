import type { FormInstance } from 'antd';
import { ApiError } from '../../api';
import { describeFieldError } from '../../components/validation-text';

export type FieldPath = readonly string[];

/** Import-row column names (the server's flat field names) → the nested API field they stand for. */
const flatAliases: Record<string, FieldPath> = {
  holderName: ['holder', 'name'],
  idType: ['holder', 'idType'],
  idNumber: ['holder', 'idNumber'],
  issuerRegion: ['issuer', 'region'],
  issuerOrg: ['issuer', 'organization'],
  issuerOrgCode: ['issuer', 'organizationCode'],
};

/** The registry forms' own words for fields whose shared label would be too vague (holder.name is a person's). */
const registryLabels = {
  name: { zh: '持证人姓名', en: 'Holder’s name' },
  region: { zh: '发证地区', en: 'Issuing region' },
  reviewedOn: { zh: '复审日期', en: 'Review date' },
  reviewedUntil: { zh: '复审后有效期至', en: 'Valid after review until' },
};

function toFieldPath(path: string): FieldPath {
  const parts = path.split(/[./]/).filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  const alias = parts.length === 1 && parts[0] ? flatAliases[parts[0]] : undefined;
  return alias ?? parts;
}

/**
 * Puts a 400's `details` on the (possibly nested) form fields they name: "body.holder.idNumber" names
 * `['holder', 'idNumber']`, worded in the page's language (issue 15). Returns the messages that matched no field,
 * for a form-level alert.
 */
export function applyNestedFieldErrors<T>(
  form: FormInstance<T>,
  error: unknown,
  fields: FieldPath[],
  lang: 'zh' | 'en',
): string[] {
  if (!(error instanceof ApiError) || error.details.length === 0) return [];
  const known = new Map(fields.map((field) => [field.join('.'), field]));
  const byField = new Map<string, string[]>();
  const leftover: string[] = [];
  for (const detail of error.details) {
    const key = toFieldPath(detail.path).join('.');
    const text = describeFieldError({ ...detail, path: key }, lang, registryLabels);
    if (known.has(key)) byField.set(key, [...(byField.get(key) ?? []), text]);
    else leftover.push(text);
  }
  form.setFields(
    [...byField].map(([key, errors]) => ({ name: [...(known.get(key) ?? [])] as never, errors })),
  );
  return leftover;
}
