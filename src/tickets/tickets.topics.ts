import type { Kysely } from 'kysely';
import type { Catalog } from '../catalog/catalog.model.ts';
import type { Database } from '../db/schema.ts';
import { policyOwnerOf } from '../recognition/policy.owner.ts';
import { packRows } from '../recognition/policy.rules.ts';
import { provinceOf } from '../recognition/recognition.compile.ts';
import type { PolicyPacks } from '../recognition/recognition.load.ts';
import type { DepartmentPack, ProvincialPack } from '../recognition/recognition.model.ts';
import { AppError } from '../shared/errors.ts';
import { createNamer } from '../statistics/statistics.rules.ts';
import type { Label, TopicInput } from './tickets.model.ts';
import type { RoutingFacts } from './tickets.routing.ts';

/**
 * What a ticket's topic is: the facts the routing table needs, its public label, the certificate type and rule it
 * concerns (for statistics), and the names of the people it is about (masked in a published FAQ). An unknown topic
 * is the submitter's error, named by its path.
 */
export interface ResolvedTopic {
  facts: Omit<RoutingFacts, 'region'>;
  label: Label;
  certificateType: string | null;
  rule: string | null;
  ref: string;
}

export interface TopicDeps {
  db: Kysely<Database>;
  catalog: Catalog;
  policies: PolicyPacks;
}

const unknown = (path: string, what: string) =>
  new AppError('validation_failed', `unknown ${what}`, [{ path: `body.topic.${path}`, message: 'unknown' }]);

export async function resolveTopic(deps: TopicDeps, topic: TopicInput): Promise<ResolvedTopic> {
  const { catalog } = deps;
  switch (topic.kind) {
    case 'certificate-type': {
      const type = catalog.certificateTypesById.get(topic.type);
      if (!type) throw unknown('type', 'certificate type');
      return {
        facts: { topic: 'certificate-type', typeDepartment: type.department },
        label: { zh: type.nameZh, en: type.nameEn },
        certificateType: type.id,
        rule: null,
        ref: type.id,
      };
    }
    case 'rule':
      return resolveRule(deps, topic.rule);
    case 'decision': {
      const row = await deps.db
        .selectFrom('recognition_decisions')
        .select(['id', 'region', 'facts', 'created_at'])
        .where('id', '=', topic.id)
        .executeTakeFirst();
      if (!row) throw unknown('id', 'decision');
      return {
        facts: { topic: 'decision', objectProvince: row.region ? provinceOf(row.region) : null },
        label: decisionLabel(catalog, row),
        certificateType: null,
        rule: null,
        ref: row.id,
      };
    }
    case 'registration': {
      const row = await deps.db
        .selectFrom('exam_registrations as r')
        .innerJoin('exam_plans as p', 'p.id', 'r.plan_id')
        .select(['r.id', 'r.province', 'r.starts_at', 'p.name', 'p.code'])
        .where('r.id', '=', topic.id)
        .executeTakeFirst();
      if (!row) throw unknown('id', 'registration');
      const day = chinaDay(row.starts_at);
      return {
        facts: { topic: 'registration', objectProvince: row.province },
        // The plan's own code (考试计划编号) and the sitting's day: what the candidate's admission ticket shows.
        label: {
          zh: `考试报名：${row.name}（${row.code}），${day} 考试`,
          en: `Exam registration: ${row.name} (${row.code}), sitting on ${day}`,
        },
        certificateType: null,
        rule: null,
        ref: row.id,
      };
    }
    case 'institution': {
      const row = await deps.db
        .selectFrom('institutions')
        .select(['id', 'name', 'province'])
        .where('id', '=', topic.id)
        .executeTakeFirst();
      if (!row) throw unknown('id', 'institution');
      return {
        facts: { topic: 'institution', objectProvince: row.province },
        label: { zh: row.name, en: row.name },
        certificateType: null,
        rule: null,
        ref: row.id,
      };
    }
  }
}

/** The civil day (China time, UTC+8 all year) of an instant, YYYY-MM-DD. */
function chinaDay(at: Date | string): string {
  return new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * A decision named for people (never by its id): the certificates it was asked about and the day and province of
 * the decision, e.g. 「互认决定：低压电工作业 等2本，2026-12-07，上海市」.
 */
export function decisionLabel(
  catalog: Catalog,
  row: { region: string | null; facts: unknown; created_at: Date | string },
): Label {
  const held = ((row.facts as { certificates?: { type?: string }[] } | null)?.certificates ?? []).flatMap(
    (c) => (c.type ? [c.type] : []),
  );
  const types = [...new Set(held)].flatMap((id) => {
    const type = catalog.certificateTypesById.get(id);
    return type ? [type] : [];
  });
  const first = types[0];
  const more = types.length - 1;
  const day = chinaDay(row.created_at);
  const region = row.region ? catalog.regionsByCode.get(provinceOf(row.region)) : undefined;
  const zh = [
    first ? `${first.nameZh}${more > 0 ? ` 等${types.length}本` : ''}` : '证书',
    day,
    region?.nameZh,
  ].filter(Boolean);
  const en = [
    first ? `${first.nameEn}${more > 0 ? ` and ${more} more` : ''}` : 'certificates',
    day,
    region?.nameEn,
  ].filter(Boolean);
  return { zh: `互认决定：${zh.join('，')}`, en: `Recognition decision: ${en.join(', ')}` };
}

/** A rule of the national pack, of a committed provincial pack, or of a published database pack. */
async function resolveRule(deps: TopicDeps, id: string): Promise<ResolvedTopic> {
  const national = deps.policies.national.rules.find((r) => r.id === id);
  if (national) {
    const names = createNamer(deps.catalog, deps.policies.national).rule(id);
    return {
      facts: {
        topic: 'rule',
        pack: { kind: 'national', department: null, region: null },
        ruleKind: national.kind,
        ...(national.kind === 'exemption' && {
          ruleTargetDepartment: deps.catalog.certificateTypesById.get(national.to)?.department,
        }),
      },
      label: { zh: names.zh, en: names.en },
      certificateType: national.kind === 'exemption' ? national.to : null,
      rule: id,
      ref: id,
    };
  }
  const rows = await deps.db
    .selectFrom('policy_versions')
    .select(['policy_id', 'version', 'pack'])
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .execute();
  const packs: Array<{ policyId: string; pack: ProvincialPack | DepartmentPack }> = [
    ...rows.map((r) => ({ policyId: r.policy_id, pack: r.pack as ProvincialPack | DepartmentPack })),
    ...[...deps.policies.provinces.values()].map((p) => ({ policyId: p.region, pack: p })),
  ];
  for (const { policyId, pack } of packs) {
    const row = packRows(pack).find((r) => r.id === id);
    if (!row) continue;
    const owner = policyOwnerOf(policyId);
    if (!owner || owner.kind === 'national') continue;
    const to = typeof row.to === 'string' ? row.to : null;
    if (owner.kind === 'department') {
      const short = deps.catalog.departmentsById.get(owner.department)?.shortZh ?? owner.department;
      return {
        facts: {
          topic: 'rule',
          pack: { kind: 'department', department: owner.department, region: owner.region },
        },
        label: { zh: `${short}特别规定 ${id}`, en: `${owner.department} provision ${id}` },
        certificateType: to,
        rule: id,
        ref: id,
      };
    }
    const region = deps.catalog.regionsByCode.get(owner.region);
    return {
      facts: { topic: 'rule', pack: { kind: 'province', department: 'mohrss', region: owner.region } },
      label: {
        zh: `${region?.nameZh ?? owner.region}互认目录 ${id}`,
        en: `${region?.nameEn ?? owner.region} recognition list ${id}`,
      },
      certificateType: to,
      rule: id,
      ref: id,
    };
  }
  throw unknown('rule', 'rule');
}

/** Names of the people a ticket is about (its holder, the registration's or decision's holder): masked in a FAQ. */
export async function namesAbout(
  db: Kysely<Database>,
  t: { holder_id: string | null; topic_kind: string; topic_ref: string },
): Promise<string[]> {
  const holderIds = new Set<string>();
  if (t.holder_id) holderIds.add(t.holder_id);
  if (t.topic_kind === 'registration') {
    const r = await db
      .selectFrom('exam_registrations')
      .select('holder_id')
      .where('id', '=', t.topic_ref)
      .executeTakeFirst();
    if (r) holderIds.add(r.holder_id);
  }
  if (t.topic_kind === 'decision') {
    const d = await db
      .selectFrom('recognition_decisions')
      .select('holder_id')
      .where('id', '=', t.topic_ref)
      .executeTakeFirst();
    if (d?.holder_id) holderIds.add(d.holder_id);
  }
  if (holderIds.size === 0) return [];
  const rows = await db
    .selectFrom('holders')
    .select('name')
    .where('id', 'in', [...holderIds])
    .execute();
  return rows.map((r) => r.name);
}
