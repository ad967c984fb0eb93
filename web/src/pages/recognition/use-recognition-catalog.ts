import { useMemo } from 'react';
import { api } from '../../api';
import type { Level, Occupation } from '../../types';
import { useApiData } from '../../use-api-data';
import { type RegistryCatalog, useRegistryCatalog } from '../registry/use-registry-catalog';

interface Lists {
  occupations: Occupation[];
  levels: Level[];
}

let cached: Promise<Lists> | undefined;

/** Occupations and levels name the calculator's answers; fetched once per page load. */
function loadLists(): Promise<Lists> {
  cached ??= Promise.all([api.occupations(), api.levels()]).then(
    ([occupations, levels]) => ({ occupations: occupations.items, levels: levels.items }),
    (error: unknown) => {
      cached = undefined;
      throw error;
    },
  );
  return cached;
}

export interface RecognitionCatalog extends RegistryCatalog {
  occupations: Occupation[];
  levels: Level[];
  occupationByCode: Map<string, Occupation>;
  levelById: Map<string, Level>;
}

/** The registry's lists (types, departments, regions) plus occupations and levels. */
export function useRecognitionCatalog(): RecognitionCatalog {
  const registry = useRegistryCatalog();
  const { data } = useApiData(loadLists);
  return useMemo(() => {
    const occupations = data?.occupations ?? [];
    const levels = data?.levels ?? [];
    return {
      ...registry,
      occupations,
      levels,
      occupationByCode: new Map(occupations.map((o) => [o.code, o])),
      levelById: new Map(levels.map((l) => [l.id, l])),
    };
  }, [registry, data]);
}
