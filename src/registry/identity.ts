import { checkResidentId, upgradeLegacyResidentId } from '../shared/identifiers.ts';

/** ID types of design.md §Identity. */
export const idTypes = ['resident', 'hk-macao-taiwan-permit', 'foreign-permanent', 'passport'] as const;
export type IdType = (typeof idTypes)[number];

export type IdentityProblem = { ok: false; code: string; message: string };
export type IdentityResult = { ok: true; value: string } | IdentityProblem;

// Middle-dot look-alikes used in minority and foreign names (・ • ‧ ･ ．) are stored as U+00B7 ·.
const MIDDLE_DOTS = /[\u30FB\u2022\u2027\uFF65\u2219\u22C5\u0387\uFF0E]/g;
// Letters of any script, the middle dot, space, hyphen and apostrophe (foreign names in Latin script).
const NAME = /^[\p{L}\p{M}·' -]+$/u;

/**
 * NFC, full-width ASCII to half-width (Ｚｈａｎｇ → Zhang), one middle dot, single spaces, trimmed
 * (issue 3 §1). Returns the normalised name or a problem.
 */
export function normalizeName(raw: string): IdentityResult {
  const name = raw
    .normalize('NFKC') // full-width → half-width, compatibility forms folded
    .replace(MIDDLE_DOTS, '·')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(/\s*·\s*/g, '·')
    .trim();
  if (name.length === 0) return { ok: false, code: 'required', message: 'the name is empty' };
  if (name.length > 64)
    return { ok: false, code: 'name-too-long', message: 'the name is longer than 64 characters' };
  if (!NAME.test(name) || name.startsWith('·') || name.endsWith('·')) {
    return {
      ok: false,
      code: 'name-invalid',
      message: 'the name may contain letters, a middle dot ·, spaces and hyphens',
    };
  }
  return { ok: true, value: name };
}

const reasonMessages: Record<string, string> = {
  length: 'a resident ID number has 18 characters (or 15 for a legacy one)',
  charset: 'a resident ID number has 17 digits and a digit or X',
  province: 'the first two digits are not a province code',
  'birth-date': 'the birth date in the number is not a real date',
  'check-digit': 'the check digit does not match (GB 11643)',
};

/**
 * Checks and normalises an ID number of the given type; never echoes the number in a message (the message may
 * end up in an error report). Resident IDs are checked fully and 15-digit legacy numbers upgraded to 18.
 */
export function normalizeIdNumber(idType: IdType, raw: string, today?: string): IdentityResult {
  const value = raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (value.length === 0) return { ok: false, code: 'required', message: 'the ID number is empty' };
  switch (idType) {
    case 'resident': {
      const result =
        value.length === 15 ? upgradeLegacyResidentId(value) : checkResidentId(value, today ? { today } : {});
      if (result.ok) return { ok: true, value: result.normalized };
      return {
        ok: false,
        code: `id-${result.reason}`,
        message: reasonMessages[result.reason] ?? 'invalid ID number',
      };
    }
    case 'hk-macao-taiwan-permit':
      return /^[A-Z0-9]{8,18}$/.test(value)
        ? { ok: true, value }
        : { ok: false, code: 'id-format', message: 'a permit number has 8 to 18 letters or digits' };
    case 'foreign-permanent':
      return /^[A-Z0-9]{15,18}$/.test(value)
        ? { ok: true, value }
        : {
            ok: false,
            code: 'id-format',
            message: 'a permanent residence ID has 15 to 18 letters or digits',
          };
    case 'passport':
      return /^[A-Z0-9]{5,20}$/.test(value)
        ? { ok: true, value }
        : { ok: false, code: 'id-format', message: 'a passport number has 5 to 20 letters or digits' };
  }
}

const EMBEDDED_ID = /\d{17}[\dX]/g;

/**
 * Whether a certificate number carries a resident ID number (MEM: "T" + 身份证号, reference §2.3; SAMR numbers are
 * often the ID number itself). Such numbers are personal data: sealed at rest and masked in output.
 */
export function embedsIdNumber(number: string): boolean {
  for (const match of number.matchAll(EMBEDDED_ID)) {
    if (checkResidentId(match[0]).ok) return true;
  }
  return false;
}
