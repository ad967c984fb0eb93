import type { PolicyDeps } from '../recognition/policy.service.ts';
import type { CompiledExemption, CompiledPolicy, LevelSource } from '../recognition/recognition.compile.ts';
import type { DepartmentPack, ProvincialPack } from '../recognition/recognition.model.ts';
import { AppError } from '../shared/errors.ts';
import { createPolicySets, type PolicySet } from './explain.compile.ts';
import {
  createDescriber,
  type Describer,
  evidenceLabels,
  exemptLabels,
  mustStillDo,
  type Text,
} from './explain.describe.ts';

/**
 * 政策解读 (issue 14 §1): what a certificate type gives under the PUBLISHED packs on a date, where provinces differ,
 * what each province lists (对应目录, 一试多证, its own and its departments' rules), and what changed per published
 * version. Workers read the words; rule ids are kept in `technical` for officials.
 */
export function createExplainer(deps: PolicyDeps) {
  const policySet = createPolicySets(deps);
  const say = createDescriber(deps.catalog, deps.policies.national);
  return {
    policySet,
    type: async (type: string, asOf: string) => explainType(deps, say, await policySet(asOf), type, asOf),
    region: async (region: string, asOf: string) =>
      explainRegion(deps, say, await policySet(asOf), region, asOf),
    say,
  };
}

/** Where a row came from, in words, and its clause or basis. */
function sourceOf(
  deps: PolicyDeps,
  set: PolicySet,
  region: string | null,
  rule: string,
  row: string,
  pack: string,
) {
  const national = deps.policies.national.rules.find((r) => r.id === row);
  if (national) return { clause: national.clause, note: national.note ?? null };
  const packs: Array<ProvincialPack | DepartmentPack | undefined> = [
    ...set.nationalDepartments,
    ...(region
      ? [set.provincePacks.get(region)?.pack, ...(set.provincePacks.get(region)?.departments ?? [])]
      : []),
  ];
  for (const p of packs) {
    if (!p || p.id !== pack) continue;
    const rows: Array<{ id: string; basis: string }> =
      'rules' in p ? p.rules : [...p.overrides, ...p.correspondence, ...p.oneExamMultiCert];
    const found = rows.find((r) => r.id === row);
    if (found) return { clause: found.basis, note: null };
  }
  const fallback = deps.policies.national.rules.find((r) => r.id === rule);
  return { clause: fallback?.clause ?? rule, note: null };
}

function exemptionView(
  deps: PolicyDeps,
  say: Describer,
  set: PolicySet,
  region: string | null,
  e: CompiledExemption,
) {
  const target = say.type(e.target);
  const source = sourceOf(deps, set, region, e.rule, e.decidedBy.row, e.decidedBy.pack);
  const decider = e.decidedBy.department ? say.department(e.decidedBy.department) : null;
  return {
    target: {
      code: target.code,
      zh: target.zh,
      en: target.en,
      department: say.department(target.department),
    },
    exempt: e.exempt.map((c) => ({ code: c, ...exemptLabels[c] })),
    clause: source.clause,
    evidence: { code: e.evidence, ...evidenceLabels[e.evidence] },
    decidedBy: {
      zh: decider
        ? `${e.decidedBy.region ? say.region(e.decidedBy.region).zh : ''}${decider.zh}`
        : '四部门联合通知',
      en: decider
        ? `${decider.en}${e.decidedBy.region ? `, ${say.region(e.decidedBy.region).en}` : ''}`
        : 'the four departments’ joint notice',
    },
    conditions: (e.conditions ?? []).map((c) => ({ code: c.code, text: c.text })),
    mustStillDo: e.exempt.length > 0 ? mustStillDo(e.exempt, e.conditions ?? []) : [],
    technical: { rule: e.rule, decidedBy: e.decidedBy, reason: e.reason },
  };
}

function levelView(deps: PolicyDeps, say: Describer, set: PolicySet, region: string | null, l: LevelSource) {
  const national = deps.policies.national.rules.find((r) => r.id === l.rule);
  const row = region
    ? set.provincePacks.get(region)?.pack?.correspondence.find((c) => c.id === l.rule)
    : undefined;
  return {
    occupation: say.occupation(l.occupation),
    deemedLevel: say.level(String(l.deemed)),
    mayApplyFor: l.mayApplyFor === null ? null : say.level(String(l.mayApplyFor)),
    clause: national?.clause ?? row?.basis ?? l.rule,
    evidence: national ? { code: 'notice-text', ...evidenceLabels['notice-text'] } : null,
    mustStillDo: [
      ...(l.mayApplyFor === null
        ? []
        : [
            {
              zh: `可按规定申报${say.level(String(l.mayApplyFor)).zh}认定，须满足国家职业标准的申报条件（满足其一即可）：`,
              en: `You may apply for ${say.level(String(l.mayApplyFor)).en}, meeting one route of the national standard:`,
            },
          ]),
      ...l.conditions.map((c) => ({ zh: c.text, en: c.text })),
    ],
    technical: { rule: l.rule },
  };
}

const key = (e: CompiledExemption) => `${e.rule}>${e.target}`;
const codes = (list: readonly { code: string }[] | undefined) =>
  (list ?? [])
    .map((c) => c.code)
    .sort()
    .join(',');

/** How one province's answer for a type differs from the national one. */
function provinceDifferences(
  deps: PolicyDeps,
  say: Describer,
  set: PolicySet,
  type: string,
  region: string,
  national: CompiledPolicy,
  here: CompiledPolicy,
) {
  const out: Array<{ kind: string; zh: string; en: string; detail: unknown }> = [];
  const n = national.types.get(type);
  const p = here.types.get(type);
  if (!n || !p) return out;
  const pByKey = new Map(p.exemptions.map((e) => [key(e), e]));
  for (const e of n.exemptions) {
    const target = say.type(e.target);
    const mine = pByKey.get(key(e));
    pByKey.delete(key(e));
    if (!mine) {
      const dormant = p.dormant.find((d) => d.rule === e.rule);
      out.push(
        dormant?.reason === 'target-not-issued-in-region'
          ? {
              kind: 'target-not-issued',
              zh: `本省不颁发${target.zh}证书，此项不适用`,
              en: `${target.en} is not issued here`,
              detail: { rule: e.rule },
            }
          : {
              kind: 'removed',
              zh: `不适用：申请${target.zh}`,
              en: `Does not apply: ${target.en}`,
              detail: { rule: e.rule },
            },
      );
      continue;
    }
    const view = exemptionView(deps, say, set, region, mine);
    if (mine.exempt.join(',') !== e.exempt.join(','))
      out.push({
        kind: mine.exempt.length === 0 ? 'denied' : 'changed',
        zh: `申请${target.zh}：${say.exempt(mine.exempt).zh}（全国：${say.exempt(e.exempt).zh}）；${view.decidedBy.zh}：${view.clause}`,
        en: `Applying for ${target.en}: ${say.exempt(mine.exempt).en} (nationally: ${say.exempt(e.exempt).en}); ${view.decidedBy.en}: ${view.clause}`,
        detail: view,
      });
    else if (codes(mine.conditions) !== codes(e.conditions))
      out.push({
        kind: 'conditions',
        zh: `申请${target.zh}：${(mine.conditions ?? []).map((c) => c.text).join('；') || '无附加条件（本省颁发该证书）'}`,
        en: `Applying for ${target.en}: ${(mine.conditions ?? []).map((c) => c.text).join('; ') || 'no further condition (issued here)'}`,
        detail: view,
      });
  }
  for (const extra of pByKey.values()) {
    const view = exemptionView(deps, say, set, region, extra);
    out.push({
      kind: 'added',
      zh: `另可：申请${view.target.zh}时${say.exempt(extra.exempt).zh}`,
      en: `Also: ${say.exempt(extra.exempt).en} for ${view.target.en}`,
      detail: view,
    });
  }
  const nationalLevels = new Set(n.levels.map((l) => l.rule));
  for (const l of p.levels.filter((x) => !nationalLevels.has(x.rule))) {
    const view = levelView(deps, say, set, region, l);
    out.push({
      kind: 'level-added',
      zh: `对应目录：视同${view.occupation.zh}${view.deemedLevel.zh}`,
      en: `Correspondence list: counts as ${view.occupation.en} ${view.deemedLevel.en}`,
      detail: view,
    });
  }
  for (const a of here.oneExamMultiCert.filter((x) => x.issues.includes(type))) {
    const text = say.row({ ...a, section: 'oneExamMultiCert' });
    out.push({ kind: 'one-exam-multi-cert', ...text, detail: { basis: a.basis, technical: { row: a.id } } });
  }
  return out;
}

export function explainType(deps: PolicyDeps, say: Describer, set: PolicySet, type: string, asOf: string) {
  const t = deps.catalog.certificateTypesById.get(type);
  if (!t) throw new AppError('not_found', `no certificate type ${type}`);
  const table = set.national.types.get(type);
  const towards = [...set.national.types.values()].flatMap((other) =>
    other.exemptions
      .filter((e) => e.target === type)
      .map((e) => ({ from: say.type(other.type), ...exemptionView(deps, say, set, null, e) })),
  );
  const provinces = [...set.provinces.entries()]
    .map(([code, compiled]) => ({
      region: say.region(code),
      differences: provinceDifferences(deps, say, set, type, code, set.national, compiled),
    }))
    .filter((p) => p.differences.length > 0);
  return {
    asOf,
    type: { code: t.id, zh: t.nameZh, en: t.nameEn, department: say.department(t.department), kind: t.kind },
    validityCondition: deps.policies.national.validityCondition,
    gives: {
      exemptions: (table?.exemptions ?? []).map((e) => exemptionView(deps, say, set, null, e)),
      levels: (table?.levels ?? []).map((l) => levelView(deps, say, set, null, l)),
    },
    towardsThis: towards,
    provinces,
    technical: { policy: set.national.policy, dormant: table?.dormant ?? [] },
  };
}

const inForce = (r: { effectiveFrom: string; effectiveUntil?: string | null | undefined }, asOf: string) =>
  r.effectiveFrom <= asOf && (r.effectiveUntil == null || asOf <= r.effectiveUntil);

export function explainRegion(
  deps: PolicyDeps,
  say: Describer,
  set: PolicySet,
  region: string,
  asOf: string,
) {
  const compiled = set.provinces.get(region);
  const packs = set.provincePacks.get(region);
  if (!compiled || !packs) throw new AppError('not_found', `no province ${region}`);
  const pack = packs.pack;
  const rowView = (
    r: { id: string; basis: string; effectiveFrom: string; effectiveUntil?: string | null | undefined },
    section: string,
  ) => ({
    ...say.row({ ...r, section }),
    basis: r.basis,
    effectiveFrom: r.effectiveFrom,
    effectiveUntil: r.effectiveUntil ?? null,
    technical: { row: r.id, pack: pack?.id ?? null, version: pack?.version ?? null },
  });
  const departmentRules = [...set.nationalDepartments, ...packs.departments].flatMap((p) =>
    p.rules
      .filter((r) => (r.region === undefined || r.region === region) && inForce(r, asOf))
      .map((r) => ({
        department: say.department(p.department),
        scope: p.region ? say.region(p.region) : null,
        ...say.row(r as { id: string }),
        basis: r.basis,
        effectiveFrom: r.effectiveFrom,
        effectiveUntil: r.effectiveUntil,
        technical: { row: r.id, pack: p.id, version: p.version },
      })),
  );
  const statusLabel: Record<string, Text> = {
    issued: { zh: '颁发', en: 'issued' },
    'not-issued': { zh: '不颁发', en: 'not issued' },
  };
  const designated = deps.catalog.certificateTypes.filter((t) => t.issuedOnlyWhereDesignated);
  return {
    asOf,
    region: say.region(region),
    correspondence: (pack?.correspondence ?? [])
      .filter((r) => inForce(r, asOf))
      .map((r) => rowView(r, 'correspondence')),
    oneExamMultiCert: (pack?.oneExamMultiCert ?? [])
      .filter((r) => inForce(r, asOf))
      .map((r) => rowView(r, 'oneExamMultiCert')),
    overrides: (pack?.overrides ?? []).filter((r) => inForce(r, asOf)).map((r) => rowView(r, 'overrides')),
    departmentRules,
    designations: designated.map((t) => {
      const d = set.designations.find((x) => x.type === t.id && x.region.slice(0, 2) === region.slice(0, 2));
      return {
        type: say.type(t.id),
        status: d?.status ?? 'unknown',
        ...(d
          ? (statusLabel[d.status] ?? { zh: d.status, en: d.status })
          : { zh: '尚无记录，请向当地主管部门确认', en: 'not on record: ask the local department' }),
      };
    }),
    technical: { policy: compiled.policy },
  };
}
