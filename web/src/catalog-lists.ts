import { api } from './api';
import { type RegionNameLists, regionName } from './format';
import type { Lang } from './i18n';
import type { Level, Occupation, Prefecture, Region } from './types';

/** The catalog lists pages name occupations, levels and regions with. */
export interface CatalogLists {
  occupations: Occupation[];
  levels: Level[];
  regions: Region[];
  /** Prefecture-level divisions that name city codes (issue 15 §4); they come with the regions list. */
  prefectures: Prefecture[];
}

let cached: Promise<CatalogLists> | undefined;

/** Fetched once per page load and shared by every page's catalog hook; a failure is not cached. */
export function loadCatalogLists(): Promise<CatalogLists> {
  cached ??= Promise.all([api.occupations(), api.levels(), api.regions()]).then(
    ([occupations, levels, regions]) => ({
      occupations: occupations.items,
      levels: levels.items,
      regions: regions.items,
      prefectures: regions.prefectures,
    }),
    (error: unknown) => {
      cached = undefined;
      throw error;
    },
  );
  return cached;
}

/**
 * A region's name for any GB/T 2260 code (format.ts `regionName`): a city by its name, an unknown code said to be
 * unknown. While the lists are still loading (empty) the code is shown as it is, not called unknown.
 */
export function regionNameOf(lists: RegionNameLists, code: string, lang: Lang): string {
  return lists.regions.length === 0 ? code : regionName(code, lists, lang);
}
