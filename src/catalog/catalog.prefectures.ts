/**
 * Prefecture-level divisions (地级, GB/T 2260 codes XXYY00) from `catalog/prefectures.json`, so that a city code
 * (440600) is named 佛山市 rather than by its province (issue 15 §4, "regions show their names everywhere"). Kept
 * apart from `regions.json`, whose 31 provinces many rules iterate over.
 */
import { z } from 'zod';
import type { ErrorDetail } from '../shared/errors.ts';
import type { Region } from './catalog.model.ts';

export const prefectureSchema = z.strictObject({
  code: z.string().regex(/^\d{4}00$/, 'must be a prefecture-level GB/T 2260 code (XXYY00)'),
  nameZh: z.string().min(1),
  /** The province-level division (XX0000) it belongs to. */
  province: z.string().regex(/^\d{2}0000$/),
});
export type Prefecture = z.infer<typeof prefectureSchema>;

export const prefecturesFileSchema = z.strictObject({
  $comment: z.string().optional(),
  version: z.iso.date(),
  /** Where the data was copied from: package, version, licence and the upstream table. */
  source: z.strictObject({
    package: z.string().min(1),
    packageVersion: z.string().min(1),
    file: z.string().min(1),
    repository: z.url(),
    licence: z.string().min(1),
    upstream: z.string().min(1),
  }),
  prefectures: z.array(prefectureSchema).min(1),
});

/** Each prefecture is unique, lies in a listed province, and its code starts with that province's two digits. */
export function checkPrefectures(
  file: string,
  prefectures: readonly Prefecture[],
  regions: readonly Region[],
) {
  const provinces = new Set(regions.map((r) => r.code));
  const seen = new Set<string>();
  const problems: ErrorDetail[] = [];
  prefectures.forEach((p, i) => {
    const at = `${file}:prefectures.${i}`;
    if (seen.has(p.code)) problems.push({ path: `${at}.code`, message: `duplicate prefecture ${p.code}` });
    seen.add(p.code);
    if (!provinces.has(p.province))
      problems.push({ path: `${at}.province`, message: `unknown province ${p.province}` });
    if (p.code.slice(0, 2) !== p.province.slice(0, 2))
      problems.push({ path: `${at}.code`, message: `${p.code} is not in province ${p.province}` });
  });
  return problems;
}
