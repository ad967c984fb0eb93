import type { Catalog } from '../catalog/catalog.model.ts';
import type { Institution, InstitutionView, PublicInstitutionView } from './institution.model.ts';
import { filingStatusOn } from './institution.rules.ts';

/** The full view of a filing as of `today` (YYYY-MM-DD, China Standard Time), occupation names from the catalog. */
export function toInstitutionView(i: Institution, catalog: Catalog, today: string): InstitutionView {
  return {
    id: i.id,
    creditCode: i.creditCode,
    name: i.name,
    kind: i.kind,
    filingLevel: i.filingLevel,
    nationalCode: i.nationalCode,
    code: i.code,
    province: i.province,
    siteCode: i.siteCode,
    status: filingStatusOn(i, today),
    storedStatus: i.status,
    validFrom: i.validFrom,
    validUntil: i.validUntil,
    sites: i.sites.map((s) => ({ id: s.id, name: s.name, address: s.address, region: s.region })),
    scopes: i.scopes.map((s) => {
      const occupation = catalog.occupationsByCode.get(s.occupation);
      return {
        occupation: s.occupation,
        occupationNameZh: occupation?.nameZh ?? s.occupation,
        occupationNameEn: occupation?.nameEn ?? s.occupation,
        level: s.level,
      };
    }),
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

/** What the public directory shows: the filing without its bookkeeping. */
export function toPublicInstitutionView(view: InstitutionView): PublicInstitutionView {
  const { storedStatus: _s, version: _v, createdAt: _c, updatedAt: _u, ...rest } = view;
  return rest;
}
