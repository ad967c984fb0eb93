import { useMemo } from 'react';
import { type CatalogLists, loadCatalogLists, regionNameOf } from '../../catalog-lists';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';

export interface ConsoleCatalog extends CatalogLists {
  occupationName: (code: string) => string;
  /** 四级/中级工, Level 4 (Intermediate worker). */
  levelName: (id: string) => string;
  provinceName: (code: string) => string;
}

/** The catalog lists the console names occupations, levels and provinces with; fetched once per page load. */
export function useConsoleCatalog(): ConsoleCatalog {
  const { lang, pick } = useI18n();
  const { data } = useApiData(loadCatalogLists);
  return useMemo(() => {
    const lists = data ?? { occupations: [], levels: [], regions: [], prefectures: [] };
    const occupations = new Map(lists.occupations.map((o) => [o.code, o]));
    const levels = new Map(lists.levels.map((l) => [l.id, l]));
    return {
      ...lists,
      occupationName: (code) => {
        const o = occupations.get(code);
        return o ? `${pick(o.nameZh, o.nameEn)} ${code}` : code;
      },
      levelName: (id) => {
        const l = levels.get(id);
        if (!l) return id;
        return lang === 'zh' ? `${l.gradeZh ?? id}/${l.nameZh}` : `Level ${id} (${l.nameEn})`;
      },
      provinceName: (code) => regionNameOf(lists, code, lang),
    };
  }, [data, lang, pick]);
}
