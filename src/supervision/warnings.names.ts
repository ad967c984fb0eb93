import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';

/**
 * Names for the record ids a warning carries (issue 15 item 4: "evidence names people and institutions, not
 * UUIDs"). The stored evidence keeps its ids, so a rule's finding stays what it was when raised; the response adds
 * one reference per id it could name. People are named as every other list names them: the full name beside the
 * masked ID number (registry.views.ts); a full ID number never leaves here.
 */
export const referenceKinds = [
  'candidate', // a registration: the person who registered
  'institution',
  'plan',
  'sitting',
  'paper',
  'certificate',
  'staff', // a sitting's examiner, invigilator or other staff member
] as const;

export const warningReferenceSchema = z.object({
  id: z.string(),
  kind: z.enum(referenceKinds),
  /** A person's name, an institution's or site's name, a plan's code and name, a paper's form, a masked number. */
  name: z.string(),
  /** The masked ID number of a candidate; the subject of a paper; a staff member's role. */
  detail: z.string().nullable(),
  /** When a sitting starts (ISO instant): the page shows it in China time. */
  at: z.string().nullable(),
});
export type WarningReference = z.infer<typeof warningReferenceSchema>;

type Db = Kysely<Database> | Transaction<Database>;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every UUID-shaped string anywhere in `values` (evidence nests ids in objects and arrays). */
export function collectIds(values: readonly unknown[]): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (uuid.test(v)) found.add(v.toLowerCase());
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  values.forEach(walk);
  return [...found];
}

/**
 * Looks the ids up in each table they may belong to (an id is a UUID in one table only). Set-based: one query per
 * kind for a whole page of warnings.
 */
export async function findReferences(db: Db, ids: readonly string[]): Promise<Map<string, WarningReference>> {
  const out = new Map<string, WarningReference>();
  if (ids.length === 0) return out;
  const list = [...ids];
  const ref = (r: Omit<WarningReference, 'detail' | 'at'> & Partial<WarningReference>) =>
    out.set(r.id, { detail: null, at: null, ...r });
  const [candidates, institutions, plans, sittings, papers, certificates, staff] = await Promise.all([
    db
      .selectFrom('exam_registrations as r')
      .innerJoin('holders as h', 'h.id', 'r.holder_id')
      .select(['r.id', 'h.name', 'h.id_masked'])
      .where('r.id', 'in', list)
      .execute(),
    db.selectFrom('institutions').select(['id', 'name']).where('id', 'in', list).execute(),
    db.selectFrom('exam_plans').select(['id', 'code', 'name']).where('id', 'in', list).execute(),
    db
      .selectFrom('exam_sittings as s')
      .innerJoin('institution_sites as site', 'site.id', 's.site_id')
      .select(['s.id', 'site.name', 's.starts_at'])
      .where('s.id', 'in', list)
      .execute(),
    db.selectFrom('papers').select(['id', 'form', 'subject']).where('id', 'in', list).execute(),
    db.selectFrom('certificates').select(['id', 'number_masked']).where('id', 'in', list).execute(),
    db.selectFrom('exam_staff').select(['id', 'name', 'role']).where('id', 'in', list).execute(),
  ]);
  for (const c of candidates) ref({ id: c.id, kind: 'candidate', name: c.name, detail: c.id_masked });
  for (const i of institutions) ref({ id: i.id, kind: 'institution', name: i.name });
  for (const p of plans) ref({ id: p.id, kind: 'plan', name: `${p.code} ${p.name}` });
  for (const s of sittings)
    ref({ id: s.id, kind: 'sitting', name: s.name, at: new Date(s.starts_at).toISOString() });
  for (const p of papers) ref({ id: p.id, kind: 'paper', name: p.form, detail: p.subject });
  for (const c of certificates) ref({ id: c.id, kind: 'certificate', name: c.number_masked });
  for (const m of staff) ref({ id: m.id, kind: 'staff', name: m.name, detail: m.role });
  return out;
}
