import type { FormInstance } from 'antd';
import { ApiError } from '../../api';

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

function toFieldPath(path: string): FieldPath {
  const parts = path.split(/[./]/).filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  const alias = parts.length === 1 && parts[0] ? flatAliases[parts[0]] : undefined;
  return alias ?? parts;
}

/**
 * Puts a 400's `details` on the (possibly nested) form fields they name: "body.holder.idNumber" names
 * `['holder', 'idNumber']`. Returns the messages that matched no field, for a form-level alert.
 */
export function applyNestedFieldErrors<T>(
  form: FormInstance<T>,
  error: unknown,
  fields: FieldPath[],
): string[] {
  if (!(error instanceof ApiError) || error.details.length === 0) return [];
  const known = new Map(fields.map((field) => [field.join('.'), field]));
  const byField = new Map<string, string[]>();
  const leftover: string[] = [];
  for (const detail of error.details) {
    const key = toFieldPath(detail.path).join('.');
    if (known.has(key)) byField.set(key, [...(byField.get(key) ?? []), detail.message]);
    else leftover.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
  }
  form.setFields(
    [...byField].map(([key, errors]) => ({ name: [...(known.get(key) ?? [])] as never, errors })),
  );
  return leftover;
}
