import { useMemo } from 'react';
import { api } from '../../api';
import { regionNameOf } from '../../catalog-lists';
import { useI18n } from '../../i18n';
import type { CertificateType, Department, Prefecture, Region } from '../../types';
import { useApiData } from '../../use-api-data';

interface CatalogLists {
  types: CertificateType[];
  departments: Department[];
  regions: Region[];
  prefectures: Prefecture[];
}

let cached: Promise<CatalogLists> | undefined;

/** The reference lists the registry pages name things with; fetched once per page load (they rarely change). */
function loadCatalogLists(): Promise<CatalogLists> {
  cached ??= Promise.all([api.certificateTypes(), api.departments(), api.regions()]).then(
    ([types, departments, regions]) => ({
      types: types.items,
      departments: departments.items,
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

export interface RegistryCatalog extends CatalogLists {
  /** False until the lists arrive: a select must not show a raw id meanwhile (a worker never reads one). */
  ready: boolean;
  typeById: Map<string, CertificateType>;
  /** Provinces: the region codes ending in 0000 (GB/T 2260). */
  provinces: Region[];
  /** The type's name in the current language (Chinese first), else its id. */
  typeName: (id: string) => string;
  departmentName: (id: string) => string;
  /** A region's name: a city by its own name, an unknown code as unknown (issue 15 §4). */
  regionName: (code: string) => string;
}

export function useRegistryCatalog(): RegistryCatalog {
  const { lang, pick } = useI18n();
  const { data } = useApiData(loadCatalogLists);
  return useMemo(() => {
    const lists = data ?? { types: [], departments: [], regions: [], prefectures: [] };
    const typeById = new Map(lists.types.map((type) => [type.id, type]));
    const departmentById = new Map(lists.departments.map((d) => [d.id, d]));
    return {
      ...lists,
      ready: data !== undefined,
      typeById,
      provinces: lists.regions.filter((region) => region.code.endsWith('0000')),
      typeName: (id) => {
        const type = typeById.get(id);
        return type ? pick(type.nameZh, type.nameEn) : id;
      },
      departmentName: (id) => {
        const department = departmentById.get(id);
        return department ? pick(department.shortZh || department.nameZh, department.nameEn) : id;
      },
      regionName: (code) => regionNameOf(lists, code, lang),
    };
  }, [data, lang, pick]);
}
