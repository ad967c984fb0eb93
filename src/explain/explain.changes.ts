import { policyOwnerOf } from '../recognition/policy.owner.ts';
import { diffPacks } from '../recognition/policy.rules.ts';
import type { PolicyDeps } from '../recognition/policy.service.ts';
import type { DepartmentPack, ProvincialPack } from '../recognition/recognition.model.ts';
import type { Describer, Text } from './explain.describe.ts';

/**
 * 政策变化 (issue 14 §1): every published version of the department and provincial packs, with what it changed
 * against the version published before it (the policy diff of `policy.rules.ts`), split into versions in force on
 * `asOf` or earlier and those published to take effect later; and the national rules' own effective dates.
 */
type AnyPack = ProvincialPack | DepartmentPack;

function packLabel(say: Describer, id: string): Text & { kind: string } {
  const owner = policyOwnerOf(id);
  if (owner?.kind === 'department') {
    const d = say.department(owner.department);
    const r = owner.region ? say.region(owner.region) : null;
    return {
      kind: 'department',
      zh: `${r ? r.zh : ''}${d.zh}特别规定${r ? '' : '（全国）'}`,
      en: `${d.en} provisions${r ? `, ${r.en}` : ' (national)'}`,
    };
  }
  if (owner?.kind === 'province') {
    const r = say.region(owner.region);
    return {
      kind: 'province',
      zh: `${r.zh}互认目录与一试多证安排`,
      en: `${r.en} recognition list and one-exam arrangements`,
    };
  }
  return { kind: 'national', zh: '四部门联合通知', en: 'Joint notice of the four departments' };
}

export async function explainChanges(deps: PolicyDeps, say: Describer, asOf: string) {
  const rows = await deps.db
    .selectFrom('policy_versions')
    .select(['policy_id', 'version', 'effective_from', 'published_at', 'pack'])
    .where('status', '=', 'published')
    .orderBy('policy_id')
    .orderBy('effective_from')
    .orderBy('published_at')
    .execute();
  const versions: Array<ReturnType<typeof versionView>> = [];
  const previous = new Map<string, AnyPack>();
  for (const [id, pack] of deps.policies.provinces) previous.set(id, pack);
  function versionView(row: (typeof rows)[number], before: AnyPack | null) {
    const pack = row.pack as AnyPack;
    const diff = diffPacks(before, pack);
    const describe = (r: { id: string; [k: string]: unknown }) => ({
      ...say.row(r),
      technical: { row: r.id },
    });
    return {
      policy: { id: row.policy_id, ...packLabel(say, row.policy_id) },
      version: row.version,
      effectiveFrom: row.effective_from,
      publishedAt: row.published_at?.toISOString() ?? null,
      basis: pack.basis,
      added: diff.added.map(describe),
      removed: diff.removed.map(describe),
      changed: diff.changed.map((c) => ({
        before: say.row(c.before as { id: string }),
        after: say.row(c.after as { id: string }),
        technical: { row: c.id },
      })),
      technical: { policy: row.policy_id, version: row.version, basedOn: before?.version ?? null },
    };
  }
  for (const row of rows) {
    versions.push(versionView(row, previous.get(row.policy_id) ?? null));
    previous.set(row.policy_id, row.pack as AnyPack);
  }
  const national = deps.policies.national;
  const dates = new Map<string, { tookEffect: string[]; ended: string[] }>();
  const at = (date: string) => {
    let entry = dates.get(date);
    if (!entry) {
      entry = { tookEffect: [], ended: [] };
      dates.set(date, entry);
    }
    return entry;
  };
  for (const r of national.rules) {
    if (r.effectiveFrom <= asOf) at(r.effectiveFrom).tookEffect.push(r.id);
    if (r.effectiveUntil && r.effectiveUntil < asOf) at(r.effectiveUntil).ended.push(r.id);
  }
  const inForce = versions.filter((v) => v.effectiveFrom !== null && v.effectiveFrom <= asOf);
  return {
    asOf,
    national: {
      version: national.version,
      basis: national.basis,
      events: [...dates.entries()]
        .sort(([a], [b]) => b.localeCompare(a))
        .map(([date, e]) => ({
          date,
          tookEffect: e.tookEffect.map((id) => say.rule(id)),
          ended: e.ended.map((id) => say.rule(id)),
        })),
    },
    /** Newest first. */
    versions: inForce.sort(
      (a, b) =>
        (b.effectiveFrom ?? '').localeCompare(a.effectiveFrom ?? '') || b.version.localeCompare(a.version),
    ),
    upcoming: versions.filter((v) => v.effectiveFrom !== null && v.effectiveFrom > asOf),
  };
}
