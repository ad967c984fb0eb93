import type { FormInstance } from 'antd';
import { ApiError } from '../../api';
import type { EvaluationRequest, HeldCertificate, HeldStatus } from '../../recognition-types';
import type { RecognitionCatalog } from './use-recognition-catalog';

export interface CertificateRow {
  type?: string;
  number?: string;
  validFrom?: string;
  validUntil?: string;
  status?: HeldStatus;
  occupation?: string;
  level?: string;
}

export interface ExperienceRow {
  occupation?: string;
  /** All years in the occupation. */
  years?: number | null;
  /** Years since obtaining the lower level. */
  sinceLevel?: number | null;
}

export interface RecognitionFormValues {
  certificates?: CertificateRow[];
  experience?: ExperienceRow[];
  region?: string;
  asOf?: string;
}

/** The request for the filled rows; occupation and level only for the types that carry them. */
export function toRequest(values: RecognitionFormValues, catalog: RecognitionCatalog): EvaluationRequest {
  const certificates: HeldCertificate[] = (values.certificates ?? []).map((row) => {
    const held: HeldCertificate = {
      type: row.type ?? '',
      number: (row.number ?? '').trim(),
      validFrom: row.validFrom ?? '',
      status: row.status ?? 'valid',
    };
    if (row.validUntil) held.validUntil = row.validUntil;
    if (catalog.typeById.get(held.type)?.requiresOccupation) {
      if (row.occupation) held.occupation = row.occupation;
      if (row.level) held.level = row.level;
    }
    return held;
  });
  const experience = (values.experience ?? []).flatMap((row) =>
    row.occupation && (typeof row.years === 'number' || typeof row.sinceLevel === 'number')
      ? [
          {
            occupation: row.occupation,
            ...(typeof row.years === 'number' && { yearsInOccupation: row.years }),
            ...(typeof row.sinceLevel === 'number' && { yearsSinceLevel: row.sinceLevel }),
          },
        ]
      : [],
  );
  return {
    certificates,
    ...(values.region && { region: values.region }),
    ...(values.asOf && { asOf: values.asOf }),
    ...(experience.length > 0 && { experience }),
    trace: true,
  };
}

/**
 * Puts a 400's `details` ("body.certificates.0.validFrom") on the form's list fields (`['certificates', 0,
 * 'validFrom']`). Returns the messages that matched no field.
 */
export function applyListErrors(form: FormInstance<RecognitionFormValues>, error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  const leftover: string[] = [];
  const fields: Array<{ name: Array<string | number>; errors: string[] }> = [];
  for (const detail of error.details) {
    const parts = detail.path.split(/[./]/).filter(Boolean);
    if (parts[0] === 'body') parts.shift();
    const name = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const isTop = name.length === 1 && (name[0] === 'region' || name[0] === 'asOf');
    const isRow = (name[0] === 'certificates' || name[0] === 'experience') && name.length === 3;
    if (isTop || isRow) fields.push({ name, errors: [detail.message] });
    else leftover.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
  }
  form.setFields(fields as never);
  return leftover;
}
