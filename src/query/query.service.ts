import { type idTypes, normalizeIdNumber, normalizeName } from '../registry/identity.ts';
import type { Status } from '../registry/registry.model.ts';
import { holderIndex, numberIndex } from '../registry/registry.protect.ts';
import { effectiveStatus } from '../registry/registry.rules.ts';
import type { RegistryDeps } from '../registry/registry.service.ts';
import { selectCertificates } from '../registry/registry.store.ts';
import { todayInChina } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';

export type PublicQuery =
  | { name: string; idNumber: string; idType?: (typeof idTypes)[number] | undefined }
  | { name: string; number: string };

export interface PublicResult {
  type: string;
  typeNameZh: string;
  typeNameEn: string;
  number: string;
  holderName: string;
  issuer: { region: string; organization: string };
  validFrom: string;
  validUntil: string | null;
  status: ReturnType<typeof effectiveStatus>;
  source: { kind: 'hosted'; department: string; updatedAt: string };
}

// One answer for "no such certificate" and "the name does not match": a miss must not confirm that a number exists.
export const NOT_FOUND_MESSAGE = '未找到匹配的证书 No matching certificate';

/** The blind-index key the per-identifier limit counts, and the rows it finds. */
export function identifierKey(deps: RegistryDeps, query: PublicQuery): string {
  const protector = deps.keyring.protector();
  if ('idNumber' in query) {
    const idType = query.idType ?? 'resident';
    const id = normalizeIdNumber(idType, query.idNumber);
    return protector.index('query:id', `${idType}:${id.ok ? id.value : query.idNumber.trim().toUpperCase()}`);
  }
  return protector.index('query:number', query.number.normalize('NFKC').trim().toUpperCase());
}

/**
 * 一网通查 (issue 5 §1): every certificate of a person (name + ID number) or one certificate (name + number),
 * across departments. The name must match exactly after normalisation; otherwise the same 404 as a miss, after
 * the same single indexed query. ID numbers come back masked.
 */
export async function searchPublic(deps: RegistryDeps, query: PublicQuery): Promise<PublicResult[]> {
  const name = normalizeName(query.name);
  const protector = deps.keyring.protector();
  let q = selectCertificates(deps.db);
  if ('idNumber' in query) {
    const idType = query.idType ?? 'resident';
    const id = normalizeIdNumber(idType, query.idNumber);
    if (!id.ok)
      throw new AppError('validation_failed', id.message, [{ path: 'body.idNumber', message: id.code }]);
    q = q.where('h.id_index', '=', holderIndex(protector, idType, id.value));
  } else {
    const number = query.number.normalize('NFKC').trim().toUpperCase();
    // The number's blind index is per type: one index per catalog type, looked up together.
    const indexes = deps.catalog.certificateTypes.map((t) => numberIndex(protector, t.id, number));
    q = q.where('c.number_index', 'in', indexes);
  }
  const rows = await q.orderBy('c.valid_from').execute();
  const matching = name.ok ? rows.filter((r) => r.holder_name === name.value) : [];
  if (matching.length === 0) throw new AppError('not_found', NOT_FOUND_MESSAGE);
  const today = todayInChina(deps.clock);
  return matching.map((r) => {
    const type = deps.catalog.certificateTypesById.get(r.type);
    return {
      type: r.type,
      typeNameZh: type?.nameZh ?? r.type,
      typeNameEn: type?.nameEn ?? r.type,
      number: r.number_masked,
      holderName: r.holder_name,
      issuer: { region: r.issuer_region, organization: r.issuer_org },
      validFrom: r.valid_from,
      validUntil: r.valid_until,
      status: effectiveStatus(
        { status: r.status as Status, validFrom: r.valid_from, validUntil: r.valid_until },
        today,
      ),
      source: { kind: 'hosted', department: r.department, updatedAt: r.updated_at.toISOString() },
    };
  });
}
