import type { Catalog } from '../catalog/catalog.model.ts';
import { checkCertificateNumber } from '../catalog/catalog.rules.ts';
import type { CertificateFacts, FieldProblem, Status } from '../registry/registry.model.ts';
import { nextStatus } from '../registry/registry.rules.ts';
import { type Placeholder, type Source, templatePlaceholders } from './sources.model.ts';

/**
 * Pure decisions about sources (issue 5 §2): which source serves a type, the deep link for a query, and what a
 * pushed record does to the registry. No I/O, no clock.
 */

const DEFAULT_SUFFIX = '-hosted';

/** Certificates registered without a source (API, file import) belong to their department's default source. */
export function defaultSourceId(department: string): string {
  return `${department}${DEFAULT_SUFFIX}`;
}

export function isDefaultSource(source: Pick<Source, 'id' | 'department' | 'kind'>): boolean {
  return source.kind === 'hosted' && source.id === defaultSourceId(source.department);
}

export function coversType(source: Pick<Source, 'department' | 'types'>, type: string): boolean {
  return (
    type.startsWith(`${source.department}.`) && (source.types.length === 0 || source.types.includes(type))
  );
}

/** A provincial source serves certificates issued in its province (any region code within it). */
export function coversRegion(source: Pick<Source, 'region'>, issuerRegion: string): boolean {
  return source.region === null || issuerRegion.slice(0, 2) === source.region.slice(0, 2);
}

/**
 * The linked source that serves certificates of `type` issued in `issuerRegion`, if any: a query for such a
 * certificate gets the link, not Hutong's copy ("a query for a type served by a linked source returns the deep
 * link instead of data").
 */
export function linkedSourceFor(
  linked: readonly Source[],
  type: string,
  issuerRegion: string,
): Source | undefined {
  return linked.find((s) => s.kind === 'linked' && coversType(s, type) && coversRegion(s, issuerRegion));
}

/** Fills a deep-link template; null when it needs a value the query does not have. */
export function fillTemplate(template: string, values: Partial<Record<Placeholder, string>>): string | null {
  let missing = false;
  const link = template.replace(/\{([^}]*)\}/g, (_, key: string) => {
    const value = values[key as Placeholder];
    if (value === undefined) {
      missing = true;
      return '';
    }
    return encodeURIComponent(value);
  });
  return missing ? null : link;
}

export interface LinkTarget {
  source: Source;
  deepLink: string;
  types: string[];
}

export type LinkQuery = { name: string; idNumber: string } | { name: string; number: string };

/**
 * The deep links a public query gets, from the query alone — never from what the registry holds, so a wrong name
 * and a miss still look the same (issue 5 §1). Name + ID number: every linked source whose template needs no more
 * than `{name}` and `{idNumber}` (a source without a template links its query page). Name + number: the linked
 * sources covering a type whose catalog number format accepts the number (one link per type when the template
 * names `{type}`).
 */
export function linkTargets(catalog: Catalog, linked: readonly Source[], query: LinkQuery): LinkTarget[] {
  const targets: LinkTarget[] = [];
  for (const source of linked) {
    if (source.kind !== 'linked' || !source.url) continue;
    const types = source.types.filter((t) => catalog.certificateTypesById.has(t));
    const template = source.deepLinkTemplate;
    if ('idNumber' in query) {
      const deepLink = template
        ? fillTemplate(template, { name: query.name, idNumber: query.idNumber })
        : source.url;
      if (deepLink && types.length > 0) targets.push({ source, deepLink, types });
      continue;
    }
    const matching = types.filter((id) => {
      const type = catalog.certificateTypesById.get(id);
      return (
        type && checkCertificateNumber(type, query.number, source.region ? { region: source.region } : {}).ok
      );
    });
    if (matching.length === 0) continue;
    const perType = template !== null && templatePlaceholders(template).includes('type');
    for (const group of perType ? matching.map((t) => [t]) : [matching]) {
      const values = { name: query.name, number: query.number, type: group[0] ?? '' };
      const deepLink = template ? fillTemplate(template, values) : source.url;
      if (deepLink) targets.push({ source, deepLink, types: group });
    }
  }
  return targets;
}

/** Whether a record may be pushed to this source: a type it covers, issued where it serves. */
export function checkRecordForSource(source: Source, facts: CertificateFacts): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!coversType(source, facts.type)) {
    problems.push({
      field: 'type',
      code: 'type-not-covered',
      message: `source ${source.id} does not cover ${facts.type}`,
    });
  } else if (!coversRegion(source, facts.issuerRegion)) {
    problems.push({
      field: 'issuerRegion',
      code: 'outside-source-region',
      message: `source ${source.id} serves region ${source.region} only`,
    });
  }
  return problems;
}

/** The stored state a push is compared with. */
export interface PushedState {
  holderIndex: string;
  sourceId: string | null;
  validFrom: string;
  validUntil: string | null;
  status: Status;
  issuerRegion: string;
  issuerOrg: string;
  issuerOrgCode: string | null;
  occupation: string | null;
  level: string | null;
  reviewedUntil: string | null;
}

export type PushAction = 'push.update' | 'suspend' | 'reinstate' | 'revoke';
export type PushDecision =
  | { kind: 'create' }
  | { kind: 'unchanged' }
  | { kind: 'update'; action: PushAction }
  | { kind: 'invalid'; problems: FieldProblem[] };

const compared = [
  'holderIndex',
  'sourceId',
  'validFrom',
  'validUntil',
  'status',
  'issuerRegion',
  'issuerOrg',
  'issuerOrgCode',
  'occupation',
  'level',
  'reviewedUntil',
] as const satisfies ReadonlyArray<keyof PushedState>;

/**
 * What a pushed record does: create, nothing, or an update — whose status change must be a lifecycle step
 * (issue 3 §3: valid ⇄ suspended, → revoked, revoked is final; `nextStatus`). A certificate another source pushes
 * is not taken over; one registered without a source (API, import) is, so a department can move from files to push.
 */
export function decidePush(existing: PushedState | undefined, wanted: PushedState): PushDecision {
  if (!existing) return { kind: 'create' };
  if (existing.sourceId !== null && existing.sourceId !== wanted.sourceId) {
    return {
      kind: 'invalid',
      problems: [
        {
          field: 'number',
          code: 'other-source',
          message: `this certificate is maintained by source ${existing.sourceId}`,
        },
      ],
    };
  }
  if (compared.every((k) => existing[k] === wanted[k])) return { kind: 'unchanged' };
  if (existing.status === 'revoked') {
    return {
      kind: 'invalid',
      problems: [
        { field: 'status', code: 'revoked-is-final', message: 'a revoked certificate cannot change' },
      ],
    };
  }
  if (existing.status === wanted.status) return { kind: 'update', action: 'push.update' };
  const action =
    wanted.status === 'revoked' ? 'revoke' : wanted.status === 'suspended' ? 'suspend' : 'reinstate';
  const next = nextStatus(existing.status, action);
  if (!next.ok)
    return { kind: 'invalid', problems: [{ field: 'status', code: next.code, message: next.message }] };
  return { kind: 'update', action };
}
