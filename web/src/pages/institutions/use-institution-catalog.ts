import { useMemo } from 'react';
import { type CatalogLists, loadCatalogLists, regionNameOf } from '../../catalog-lists';
import { useI18n } from '../../i18n';
import type { Region } from '../../types';
import { useApiData } from '../../use-api-data';

export interface InstitutionCatalog extends CatalogLists {
  /** Provinces: the region codes ending in 0000 (GB/T 2260). */
  provinces: Region[];
  /** 四级/中级工 in Chinese, "Level 4 · Intermediate worker" in English. */
  levelName: (level: string) => string;
  occupationName: (code: string) => string;
  /** The province a region code lies in, by its first two digits. */
  provinceName: (code: string) => string;
  /** A region by its name: a city by its own name, an unknown code as unknown (issue 15 §4). */
  regionName: (code: string) => string;
}

export function useInstitutionCatalog(): InstitutionCatalog {
  const { lang, pick } = useI18n();
  const { data } = useApiData(loadCatalogLists);
  return useMemo(() => {
    const lists = data ?? { occupations: [], levels: [], regions: [], prefectures: [] };
    const levelById = new Map(lists.levels.map((l) => [l.id, l]));
    const occupationByCode = new Map(lists.occupations.map((o) => [o.code, o]));
    const provinceByPrefix = new Map(lists.regions.map((r) => [r.code.slice(0, 2), r]));
    return {
      ...lists,
      provinces: lists.regions.filter((r) => r.code.endsWith('0000')),
      levelName: (level) => {
        const found = levelById.get(level);
        if (!found) return level;
        return lang === 'en' ? `Level ${level} · ${found.nameEn}` : `${found.gradeZh ?? ''}/${found.nameZh}`;
      },
      occupationName: (code) => {
        const found = occupationByCode.get(code);
        return found ? pick(found.nameZh, found.nameEn) : code;
      },
      provinceName: (code) => {
        const found = provinceByPrefix.get(code.slice(0, 2));
        return found ? pick(found.nameZh, found.nameEn) : code;
      },
      regionName: (code) => regionNameOf(lists, code, lang),
    };
  }, [data, lang, pick]);
}
