import type { Catalog, LevelId } from '../catalog/catalog.model.ts';
import type { Evidence, ExemptionCode, NationalPack } from '../recognition/recognition.model.ts';
import { createNamer } from '../statistics/statistics.rules.ts';

/**
 * Words for the explainer (issue 14 §1): Chinese with English beside, from the catalog and the packs, in the terms
 * the recognition pages already use (web/src/messages-recognition.ts). Pure.
 */
export interface Text {
  zh: string;
  en: string;
}
export interface NamedCode extends Text {
  code: string;
}

export const exemptLabels: Record<ExemptionCode, Text> = {
  'safety-training': { zh: '免安全作业培训/安全技术培训', en: 'Exempt from safety training' },
  'hot-work-safety-exam': { zh: '免动火作业安全管理考试', en: 'Exempt from the hot-work safety exam' },
  'theory-exam': { zh: '免理论考试', en: 'Exempt from the theory exam' },
};

export const evidenceLabels: Record<Evidence | 'notice-text', Text> = {
  attachment: { zh: '依据《通知》附件所列情形', en: 'As listed in the notice’s attachment' },
  'general-clause': {
    zh: '依据《通知》一般规定，具体以受理部门规定为准',
    en: 'Under the notice’s general provision; the department you apply to settles the details',
  },
  provisional: {
    zh: '所见《通知》文本在此处不完整，本项为推定，请以受理部门规定为准',
    en: 'The published text of the notice is incomplete here: presumed, the department you apply to decides',
  },
  'notice-text': { zh: '《通知》正文所列', en: 'Named in the notice’s own text' },
};

/** What remains to do after each waiver: the rest of the target's assessment. */
const stillToDo: Record<ExemptionCode, Text> = {
  'safety-training': {
    zh: '仍须参加目标证书的安全技术考核（考试），合格后取得证书',
    en: 'You still take the target certificate’s safety assessment (exam) and must pass it',
  },
  'hot-work-safety-exam': {
    zh: '仍须参加其他考试科目',
    en: 'You still take the other exams',
  },
  'theory-exam': { zh: '仍须参加实际操作考核', en: 'You still take the practical assessment' },
};

export const applyText: Text = {
  zh: '向受理部门提出申请并出示所持证书；所持证书须合法有效（在有效期内、未暂停或吊销、按期复审）',
  en: 'Apply to the department concerned and show your certificate, which must be valid (in date, not suspended or revoked, reviewed on time)',
};

export function mustStillDo(
  exempt: readonly ExemptionCode[],
  conditions: readonly { text: string }[],
): Text[] {
  return [
    applyText,
    ...exempt.map((c) => stillToDo[c]),
    ...conditions.map((c) => ({ zh: c.text, en: `Condition: ${c.text}` })),
  ];
}

export interface Describer {
  type(id: string): NamedCode & { department: string };
  types(ids: readonly string[]): Text;
  department(id: string): NamedCode;
  region(code: string): NamedCode;
  occupation(code: string): NamedCode;
  level(id: string): NamedCode;
  rule(id: string): NamedCode;
  exempt(codes: readonly ExemptionCode[]): Text;
  /** One row of a department or provincial pack, in words. */
  row(row: { id: string; [k: string]: unknown }): Text;
}

export function createDescriber(catalog: Catalog, national: NationalPack): Describer {
  const names = createNamer(catalog, national);
  const type = (id: string) => {
    const t = catalog.certificateTypesById.get(id);
    return { code: id, zh: t?.nameZh ?? id, en: t?.nameEn ?? id, department: t?.department ?? '' };
  };
  const types = (ids: readonly string[]) => ({
    zh: ids.map((i) => type(i).zh).join('、'),
    en: ids.map((i) => type(i).en).join(' / '),
  });
  const level = (id: string) => {
    const l = catalog.levelsById.get(id as LevelId);
    return {
      code: id,
      zh: l ? `${l.gradeZh ?? ''}/${l.nameZh}` : `${id}级`,
      en: l ? `level ${id} (${l.nameEn})` : `level ${id}`,
    };
  };
  const exempt = (codes: readonly ExemptionCode[]) => ({
    zh: codes.map((c) => exemptLabels[c].zh).join('、') || '不免除任何项目',
    en: codes.map((c) => exemptLabels[c].en).join('; ') || 'nothing waived',
  });
  const rule = (id: string) => names.rule(id);
  const occupation = (code: string) => names.occupation(code);
  const row = (r: { id: string; [k: string]: unknown }): Text => {
    const codes = (v: unknown) => (Array.isArray(v) ? (v as ExemptionCode[]) : []);
    const of = (id: unknown) => rule(String(id));
    const action = r.action as string | undefined;
    if (action === 'deny')
      return { zh: `不再适用：${of(r.rule).zh}`, en: `No longer applies: ${of(r.rule).en}` };
    if (action === 'narrow')
      return {
        zh: `仅保留${exempt(codes(r.targets)).zh}：${of(r.rule).zh}`,
        en: `Only ${exempt(codes(r.targets)).en}: ${of(r.rule).en}`,
      };
    if (action === 'extend')
      return {
        zh: `另可${exempt(codes(r.add)).zh}：${of(r.rule).zh}`,
        en: `Also ${exempt(codes(r.add)).en}: ${of(r.rule).en}`,
      };
    if (action === 'condition') {
      const text = (r.condition as { text?: string } | undefined)?.text ?? '';
      return {
        zh: `附加条件「${text}」：${of(r.rule).zh}`,
        en: `With the condition “${text}”: ${of(r.rule).en}`,
      };
    }
    if (action === 'grant') {
      const from = types((r.from as string[]) ?? []);
      const to = type(String(r.to));
      return {
        zh: `持${from.zh}申请${to.zh}时${exempt(codes(r.exempt)).zh}`,
        en: `With ${from.en}, when applying for ${to.en}: ${exempt(codes(r.exempt)).en}`,
      };
    }
    if (r.section === 'correspondence') {
      const from = types((r.from as string[]) ?? []);
      const occ = occupation(String(r.occupation));
      return {
        zh: `对应目录：${from.zh}视同${occ.zh}${level(String(r.deemedLevel)).zh}，可申报${level(String(r.mayApplyFor)).zh}`,
        en: `Correspondence list: ${from.en} counts as ${occ.en} ${level(String(r.deemedLevel)).en}; may apply for ${level(String(r.mayApplyFor)).en}`,
      };
    }
    if (r.section === 'oneExamMultiCert') {
      const occ = occupation(String(r.occupation));
      const issues = types((r.issues as string[]) ?? []);
      return {
        zh: `一试多证：${occ.zh}${level(String(r.level)).zh}一次考试取得${issues.zh}`,
        en: `One exam, several certificates: ${occ.en} ${level(String(r.level)).en} gives ${issues.en}`,
      };
    }
    return { zh: r.id, en: r.id };
  };
  return {
    type,
    types,
    department: (id) => names.department(id),
    region: (code) => names.province(code),
    occupation,
    level,
    rule,
    exempt,
    row,
  };
}
