import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../config.ts';
import { readDataFile } from '../shared/data-files.ts';
import { AppError, type ErrorDetail } from '../shared/errors.ts';
import { type TopicKind, topicKinds } from './tickets.model.ts';

/**
 * The routing table (issue 14 §3, `tickets/routing.json`): rows as data, the first match wins. `routeTicket` is pure
 * over the facts the service looked up (the type's department, the rule's pack and target, the object's province),
 * and names the row that decided, so an office can see why a ticket reached it.
 */
const department = z.enum(['mohrss', 'mohurd', 'mem', 'samr']);
export type Department = z.infer<typeof department>;

const rowSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+([.-][a-z0-9]+)*$/),
  topic: z.enum(topicKinds),
  /** For rule topics: which kind of pack the rule is in. */
  pack: z.enum(['national', 'department', 'province']).optional(),
  /** For national rules: exemption or deemed level. */
  ruleKind: z.enum(['exemption', 'deemed-level']).optional(),
  department: z.union([
    z.strictObject({ from: z.enum(['type', 'rule-target', 'pack']) }),
    z.strictObject({ fixed: department }),
  ]),
  province: z.strictObject({ from: z.enum(['region', 'pack', 'object']) }),
  basis: z.string().min(1),
});
export type RoutingRow = z.infer<typeof rowSchema>;

export const routingFileSchema = z.strictObject({
  $comment: z.string().optional(),
  version: z.string().min(1),
  rows: z.array(rowSchema).min(1),
});
export type RoutingTable = z.infer<typeof routingFileSchema>;

export function loadRoutingTable(file = path.join(projectRoot, 'tickets', 'routing.json')): RoutingTable {
  const problems: ErrorDetail[] = [];
  const table = readDataFile(path.dirname(file), path.basename(file), routingFileSchema, problems);
  if (!table) throw new AppError('catalog_invalid', 'tickets/routing.json is invalid', problems);
  for (const t of topicKinds)
    if (!table.rows.some((r) => r.topic === t))
      throw new AppError('catalog_invalid', `tickets/routing.json routes no ${t} topic`);
  return table;
}

/** What is known about the topic when the ticket is routed. */
export interface RoutingFacts {
  topic: TopicKind;
  /** The province the submitter names (XX0000). */
  region: string;
  /** The certificate type's department (topic certificate-type). */
  typeDepartment?: string;
  /** For a rule: its pack and, for a national rule, its kind and target's department. */
  pack?: { kind: 'national' | 'department' | 'province'; department: string | null; region: string | null };
  ruleKind?: 'exemption' | 'deemed-level';
  ruleTargetDepartment?: string;
  /** The province of the decision, registration or institution asked about, when it has one. */
  objectProvince?: string | null;
}

export interface Office {
  department: string;
  /** null: the department's national level. */
  province: string | null;
}

export type RoutingResult = { ok: true; office: Office; row: string } | { ok: false; reason: string };

export function routeTicket(table: RoutingTable, facts: RoutingFacts): RoutingResult {
  for (const row of table.rows) {
    if (row.topic !== facts.topic) continue;
    if (row.pack && row.pack !== facts.pack?.kind) continue;
    if (row.ruleKind && row.ruleKind !== facts.ruleKind) continue;
    const dept =
      'fixed' in row.department
        ? row.department.fixed
        : row.department.from === 'type'
          ? facts.typeDepartment
          : row.department.from === 'rule-target'
            ? facts.ruleTargetDepartment
            : (facts.pack?.department ?? undefined);
    if (!dept)
      return { ok: false, reason: `row ${row.id}: the ${JSON.stringify(row.department)} is unknown` };
    const from = row.province.from;
    const province =
      from === 'region'
        ? facts.region
        : from === 'pack'
          ? (facts.pack?.region ?? null)
          : (facts.objectProvince ?? facts.region);
    return { ok: true, office: { department: dept, province }, row: row.id };
  }
  return { ok: false, reason: `no routing row for topic ${facts.topic}` };
}
