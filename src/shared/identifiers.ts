/**
 * Identifier algorithms (reference.md §8): 公民身份号码 (GB 11643-1999), 统一社会信用代码 (GB 32100-2015) and the
 * GB/T 2260 province-level codes with their 简称. Pure functions: every check returns a value with a reason code.
 */

export interface Province {
  /** GB/T 2260 six-digit code, `XX0000`. */
  readonly code: string;
  /** 简称, the first character of a MOHURD certificate number (reference §3.3, §8.3). */
  readonly short: string;
  /** Other 简称 in use (川/蜀 → short 川, altShort 蜀). */
  readonly altShort: readonly string[];
}

/**
 * The 31 province-level divisions of the mainland (GB/T 2260, reference §8.3). 71/81/82 (台湾/香港/澳门) are left out:
 * no 居民身份证 or certificate of this platform carries them. `catalog/regions.json` holds the same rows with names;
 * the catalog loader refuses a regions file that disagrees with this table.
 */
export const provinces: readonly Province[] = [
  { code: '110000', short: '京', altShort: [] },
  { code: '120000', short: '津', altShort: [] },
  { code: '130000', short: '冀', altShort: [] },
  { code: '140000', short: '晋', altShort: [] },
  { code: '150000', short: '蒙', altShort: [] },
  { code: '210000', short: '辽', altShort: [] },
  { code: '220000', short: '吉', altShort: [] },
  { code: '230000', short: '黑', altShort: [] },
  { code: '310000', short: '沪', altShort: [] },
  { code: '320000', short: '苏', altShort: [] },
  { code: '330000', short: '浙', altShort: [] },
  { code: '340000', short: '皖', altShort: [] },
  { code: '350000', short: '闽', altShort: [] },
  { code: '360000', short: '赣', altShort: [] },
  { code: '370000', short: '鲁', altShort: [] },
  { code: '410000', short: '豫', altShort: [] },
  { code: '420000', short: '鄂', altShort: [] },
  { code: '430000', short: '湘', altShort: [] },
  { code: '440000', short: '粤', altShort: [] },
  { code: '450000', short: '桂', altShort: [] },
  { code: '460000', short: '琼', altShort: [] },
  { code: '500000', short: '渝', altShort: [] },
  { code: '510000', short: '川', altShort: ['蜀'] },
  { code: '520000', short: '黔', altShort: ['贵'] },
  { code: '530000', short: '滇', altShort: ['云'] },
  { code: '540000', short: '藏', altShort: [] },
  { code: '610000', short: '陕', altShort: ['秦'] },
  { code: '620000', short: '甘', altShort: ['陇'] },
  { code: '630000', short: '青', altShort: [] },
  { code: '640000', short: '宁', altShort: [] },
  { code: '650000', short: '新', altShort: [] },
];

const provinceByPrefix = new Map(provinces.map((p) => [p.code.slice(0, 2), p]));
const provinceByShort = new Map(
  provinces.flatMap((p) => [p.short, ...p.altShort].map((s) => [s, p] as const)),
);

/** The province of a GB/T 2260 code of any level (`310115` → 上海), or undefined. */
export function findProvince(regionCode: string): Province | undefined {
  return /^\d{6}$/.test(regionCode) ? provinceByPrefix.get(regionCode.slice(0, 2)) : undefined;
}

/** The province whose 简称 (or alternative 简称) this is, or undefined. */
export function findProvinceByShort(short: string): Province | undefined {
  return provinceByShort.get(short);
}

// ---------------------------------------------------------------------------------------------------------------
// 公民身份号码, GB 11643-1999 (reference §8.1)

export type ResidentIdReason =
  | 'length' // not 18 characters (15 for a legacy number)
  | 'charset' // a character other than a digit, or X/x anywhere but the check position
  | 'province' // the address code does not start with one of the 31 province codes
  | 'birth-date' // the 出生日期码 is not a real calendar date (or lies after `today`)
  | 'check-digit'; // the ISO 7064 MOD 11-2 check character does not match

export type ResidentIdCheck = { ok: true; normalized: string } | { ok: false; reason: ResidentIdReason };

// W_i = 2^(17−i) mod 11 (reference §8.1).
const residentWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const residentCheckChars = '10X98765432';

/** The check character of the first 17 digits of an 18-digit number (ISO 7064:1983 MOD 11-2). */
export function residentIdCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (residentWeights[i] ?? 0);
  return residentCheckChars[sum % 11] ?? '';
}

/**
 * Checks a citizen ID number (GB 11643-1999): 18 characters, a known province prefix, a real birth date, the check
 * character. A lower-case `x` is accepted and normalised to `X`. Pass `today` (YYYY-MM-DD) to refuse future births.
 */
export function checkResidentId(s: string, options: { today?: string } = {}): ResidentIdCheck {
  if (s.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dXx]$/.test(s)) return { ok: false, reason: 'charset' };
  const normalized = s.toUpperCase();
  if (!provinceByPrefix.has(normalized.slice(0, 2))) return { ok: false, reason: 'province' };
  if (!isBirthDate(normalized.slice(6, 14), options.today)) return { ok: false, reason: 'birth-date' };
  if (residentIdCheckChar(normalized) !== normalized[17]) return { ok: false, reason: 'check-digit' };
  return { ok: true, normalized };
}

/**
 * Converts a 15-digit legacy number (GB 11643-1989: address + YYMMDD + sequence, no check digit) to 18 digits by
 * inserting the century and appending the check character. The century is always 19: legacy numbers were issued
 * from 1984 and carry no century, so a holder born in the 1800s cannot be told apart (that number needs a person).
 */
export function upgradeLegacyResidentId(s: string): ResidentIdCheck {
  if (s.length !== 15) return { ok: false, reason: 'length' };
  if (!/^\d{15}$/.test(s)) return { ok: false, reason: 'charset' };
  const body = `${s.slice(0, 6)}19${s.slice(6)}`;
  return checkResidentId(body + residentIdCheckChar(body));
}

/** YYYYMMDD is a real calendar date from 1800 on (the reference's vectors include 1880), and not after `today`. */
function isBirthDate(yyyymmdd: string, today?: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1800 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  if (today === undefined) return true;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` <= today;
}

// ---------------------------------------------------------------------------------------------------------------
// 统一社会信用代码, GB 32100-2015 (reference §8.2)

export type CreditCodeReason =
  | 'length' // not 18 characters
  | 'charset' // a character outside 0-9 and A-Z without I, O, S, V, Z
  | 'check-character'; // the MOD 31 check character does not match

export type CreditCodeCheck = { ok: true; normalized: string } | { ok: false; reason: CreditCodeReason };

const creditCharset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// W_i = 3^(i−1) mod 31 (reference §8.2).
const creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The check character of the first 17 characters of a credit code (all in the 31-symbol charset). */
export function creditCodeCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += creditCharset.indexOf(body17[i] ?? '') * (creditWeights[i] ?? 0);
  return creditCharset[(31 - (sum % 31)) % 31] ?? '';
}

/**
 * Checks a 统一社会信用代码: 18 characters of the 31-symbol charset and the check character. Lower case is
 * normalised to upper case. The 登记管理部门/机构类别 prefixes are not checked: their full table is not verified
 * (reference §8.2), and refusing a real organisation is worse than accepting an odd prefix.
 */
export function checkCreditCode(s: string): CreditCodeCheck {
  if (s.length !== 18) return { ok: false, reason: 'length' };
  const normalized = s.toUpperCase();
  for (const c of normalized) if (!creditCharset.includes(c)) return { ok: false, reason: 'charset' };
  if (creditCodeCheckChar(normalized) !== normalized[17]) return { ok: false, reason: 'check-character' };
  return { ok: true, normalized };
}
