import { sql } from 'kysely';
import { makeRef } from '../credentials/print-ref.ts';
import { type idTypes, normalizeIdNumber, normalizeName } from '../registry/identity.ts';
import type { Status } from '../registry/registry.model.ts';
import { holderIndexes, numberIndexes } from '../registry/registry.protect.ts';
import { effectiveStatus } from '../registry/registry.rules.ts';
import type { RegistryDeps } from '../registry/registry.service.ts';
import { selectCertificates } from '../registry/registry.store.ts';
import { reviewOf } from '../registry/registry.views.ts';
import type { ReviewState } from '../registry/review.rules.ts';
import { todayInChina } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { Source } from '../sources/sources.model.ts';
import { type LinkQuery, linkedSourceFor, linkTargets } from '../sources/sources.rules.ts';
import { type SourceDirectory, sourceIdOf } from '../sources/sources.store.ts';

export interface QueryDeps extends RegistryDeps {
  directory: SourceDirectory;
}

export type PublicQuery =
  | { name: string; idNumber: string; idType?: (typeof idTypes)[number] | undefined }
  | { name: string; number: string };

/** A certificate whose data Hutong hosts. */
export interface HostedResult {
  kind: 'hosted';
  type: string;
  typeNameZh: string;
  typeNameEn: string;
  number: string;
  holderName: string;
  issuer: { region: string; organization: string };
  validFrom: string;
  validUntil: string | null;
  status: ReturnType<typeof effectiveStatus>;
  /** 复审 (issue 13 item 5): `overdue` = 待复审, not 合法有效 until reviewed; `unknown` is not overdue. */
  review: ReviewState;
  /** `updatedAt`: the later of the source's last push/import and the certificate's own last change. */
  source: {
    kind: 'hosted';
    id: string;
    nameZh: string;
    nameEn: string;
    department: string;
    updatedAt: string;
  };
  /** A short-lived reference for printing this certificate without sending personal data again (issue 5 §6). */
  ref: string;
}

/** Types a department's own query site serves: the link to follow, not data (issue 5 §2). */
export interface LinkedResult {
  kind: 'linked';
  source: {
    kind: 'linked';
    id: string;
    nameZh: string;
    nameEn: string;
    department: string;
    url: string;
    updatedAt: string | null;
  };
  deepLink: string;
  types: Array<{ id: string; nameZh: string; nameEn: string }>;
}

export type PublicResult = HostedResult | LinkedResult;

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
 *
 * Department sources (§2): a certificate whose type (and province) a linked source serves is not shown as data;
 * the query gets that source's deep link instead. Links come from the query alone, never from what matched, so
 * they are the same for a wrong name and a miss; with no data and no link the answer is the one 404.
 */
/** The one indexed query behind a public search: certificates with their holder and hosted source. */
export function hostedCertificates(db: QueryDeps['db']) {
  return selectCertificates(db)
    .leftJoin('sources as s', (join) => join.on(sql<boolean>`s.id = ${sourceIdOf('c')}`))
    .select([
      's.id as source_key',
      's.name_zh as source_name_zh',
      's.name_en as source_name_en',
      's.last_update_at as source_updated_at',
    ]);
}

export async function searchPublic(deps: QueryDeps, query: PublicQuery): Promise<PublicResult[]> {
  const name = normalizeName(query.name);
  const protector = deps.keyring.protector();
  let q = hostedCertificates(deps.db);
  let linkQuery: LinkQuery;
  const typedName = name.ok ? name.value : query.name.trim();
  if ('idNumber' in query) {
    const idType = query.idType ?? 'resident';
    const id = normalizeIdNumber(idType, query.idNumber);
    if (!id.ok)
      throw new AppError('validation_failed', id.message, [{ path: 'body.idNumber', message: id.code }]);
    q = q.where('h.id_index', 'in', holderIndexes(protector, idType, id.value));
    linkQuery = { name: typedName, idNumber: id.value };
  } else {
    const number = query.number.normalize('NFKC').trim().toUpperCase();
    // The number's blind index is per type: one index per catalog type, looked up together.
    const indexes = deps.catalog.certificateTypes.flatMap((t) => numberIndexes(protector, t.id, number));
    q = q.where('c.number_index', 'in', indexes);
    linkQuery = { name: typedName, number };
  }
  const [rows, linked] = await Promise.all([q.orderBy('c.valid_from').execute(), deps.directory.linked()]);
  const matching = name.ok
    ? rows.filter((r) => r.holder_name === name.value && !linkedSourceFor(linked, r.type, r.issuer_region))
    : [];
  const links = linkTargets(deps.catalog, linked, linkQuery);
  if (matching.length === 0 && links.length === 0) throw new AppError('not_found', NOT_FOUND_MESSAGE);
  const today = todayInChina(deps.clock);
  const hosted = matching.map((r): HostedResult => {
    const type = deps.catalog.certificateTypesById.get(r.type);
    const sourceUpdated = r.source_updated_at;
    const updatedAt = sourceUpdated && sourceUpdated > r.updated_at ? sourceUpdated : r.updated_at;
    return {
      kind: 'hosted',
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
      review: reviewOf(deps.catalog, r, today),
      source: {
        kind: 'hosted',
        id: r.source_key ?? r.source_id ?? r.department,
        nameZh: r.source_name_zh ?? r.department,
        nameEn: r.source_name_en ?? r.department,
        department: r.department,
        updatedAt: updatedAt.toISOString(),
      },
      ref: makeRef(protector, r.id, deps.clock.now()),
    };
  });
  return [...hosted, ...links.map((l) => toLinkedResult(deps, l.source, l.deepLink, l.types))];
}

function toLinkedResult(deps: QueryDeps, source: Source, deepLink: string, types: string[]): LinkedResult {
  return {
    kind: 'linked',
    source: {
      kind: 'linked',
      id: source.id,
      nameZh: source.nameZh,
      nameEn: source.nameEn,
      department: source.department,
      url: source.url ?? deepLink,
      updatedAt: source.lastUpdateAt?.toISOString() ?? null,
    },
    deepLink,
    types: types.map((id) => {
      const type = deps.catalog.certificateTypesById.get(id);
      return { id, nameZh: type?.nameZh ?? id, nameEn: type?.nameEn ?? id };
    }),
  };
}
