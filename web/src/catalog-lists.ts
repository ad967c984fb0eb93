import { api } from './api';
import type { Level, Occupation, Region } from './types';

/** The catalog lists pages name occupations, levels and regions with. */
export interface CatalogLists {
  occupations: Occupation[];
  levels: Level[];
  regions: Region[];
}

let cached: Promise<CatalogLists> | undefined;

/** Fetched once per page load and shared by every page's catalog hook; a failure is not cached. */
export function loadCatalogLists(): Promise<CatalogLists> {
  cached ??= Promise.all([api.occupations(), api.levels(), api.regions()]).then(
    ([occupations, levels, regions]) => ({
      occupations: occupations.items,
      levels: levels.items,
      regions: regions.items,
    }),
    (error: unknown) => {
      cached = undefined;
      throw error;
    },
  );
  return cached;
}

/**
 * A region's name for any GB/T 2260 code: the catalog lists the 31 province-level divisions, so a city or district
 * code (310104) is named by its province (上海市) rather than shown as digits; an unknown code stays as it is.
 */
export function regionNameOf(
  regions: readonly Region[],
  code: string,
  pick: (zh: string, en: string | null | undefined) => string,
): string {
  const found =
    regions.find((r) => r.code === code) ?? regions.find((r) => r.code === `${code.slice(0, 2)}0000`);
  return found ? pick(found.nameZh, found.nameEn) : code;
}
