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
