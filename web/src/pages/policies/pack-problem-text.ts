/**
 * A policy pack check's finding in the reader's language (issue 15 §4: Chinese mode shows Chinese). The server
 * words each finding in English for logs and the CLI and gives its reason code with the values it names
 * (src/recognition/recognition.load.ts `problem`); this table says it in words for the official editing the draft,
 * naming certificate types, occupations and regions by their names. Rule ids stay: the editor is where an official
 * writes them. Pure and free of imports, so node's test runner loads it (pack-problem-text.test.ts).
 */

type Lang = 'zh' | 'en';

export interface PackProblem {
  message: string;
  reason?: string;
  params?: Record<string, string>;
}

/** How the page names what a finding refers to; an unknown value comes back as it was written. */
export interface PackNames {
  type: (id: string) => string;
  occupation: (code: string) => string;
  region: (code: string) => string;
  department: (id: string) => string;
}

/** `{type}` a certificate type, `{types}` several, `{occupation}`, `{region}`, `{department}`; others verbatim. */
const byReason: Record<string, { zh: string; en: string }> = {
  'duplicate-id': { zh: '编号 {id} 与其他行重复', en: 'Id {id} is used by another row' },
  'unknown-type': { zh: '目录中没有证书类型「{type}」', en: 'The catalog has no certificate type “{type}”' },
  'repeated-type': { zh: '同一证书类型填写了两次', en: 'A certificate type is listed twice' },
  'same-department': {
    zh: '「{from}」与「{to}」属于同一部门：互认只在不同部门之间（通知 一）',
    en: '“{from}” and “{to}” are of one department: recognition is between departments (notice part 1)',
  },
  'designated-only': {
    zh: '「{to}」只在指定地区颁发，本行须注明「仅在指定地区」',
    en: '“{to}” is issued only where designated: the row must say so',
  },
  'not-designated-only': {
    zh: '「{to}」并非只在指定地区颁发，本行不应注明「仅在指定地区」',
    en: '“{to}” is not issued only where designated: the row must not say so',
  },
  'level-not-overridable': {
    zh: '「如无特别规定」只适用于免培训、免考试的规则（通知 一）',
    en: 'Only exemptions are subject to “如无特别规定” (notice part 1)',
  },
  'not-province': {
    zh: '「{region}」不是目录中的省级地区',
    en: '“{region}” is not a province of the catalog',
  },
  'unknown-rule': { zh: '没有编号为 {rule} 的全国规则', en: 'There is no national rule {rule}' },
  'unknown-exemption': {
    zh: '没有编号为 {rule} 的全国免考规则',
    en: 'There is no national exemption {rule}',
  },
  'not-overridable': {
    zh: '全国规则 {rule} 不允许另作规定',
    en: 'National rule {rule} cannot be changed by a special provision',
  },
  'not-granted': {
    zh: '全国规则 {rule} 并未免除「{types}」，无法缩小',
    en: 'National rule {rule} does not waive “{types}”: it cannot be narrowed',
  },
  overlaps: {
    zh: '与第 {row} 行对 {rule} 的规定在生效期上重叠',
    en: 'Overlaps row {row} on {rule} in time',
  },
  'unknown-occupation': {
    zh: '目录中没有职业「{occupation}」',
    en: 'The catalog has no occupation “{occupation}”',
  },
  'one-exam-kinds': {
    zh: '一试多证须同时颁发职业技能等级证书和职业资格证书（通知 二）',
    en: 'One exam must issue a skill-level and a qualification certificate (notice part 2)',
  },
  'pack-id': { zh: '本规定的编号应为 {expected}', en: 'This pack’s id must be {expected}' },
  'stored-as': { zh: '版本文件应保存为 {expected}', en: 'This pack must be stored as {expected}' },
  'own-province-only': {
    zh: '省级特别规定只适用于本省，行内不应另填地区',
    en: 'A provincial pack applies to its own province only',
  },
  'not-own-department': {
    zh: '「{type}」不是{department}的证书',
    en: '“{type}” is not a certificate of {department}',
  },
  'from-other-departments': {
    zh: '互认只针对其他部门颁发的证书（通知 一），「{type}」不在此列',
    en: 'Recognition is of the other departments’ certificates (notice part 1), not “{type}”',
  },
  'other-department-rule': {
    zh: '{rule} 针对「{type}」：只有该证书所属部门可以作出特别规定',
    en: '{rule} is towards “{type}”: only its own department decides on it',
  },
  'next-level': {
    zh: '可申报的等级须比视同等级高一级',
    en: 'The level one may apply for must be the next one up',
  },
  'skill-level-own-level': {
    zh: '职业技能等级证书按其本身的等级认定，不需要对应',
    en: 'A skill-level certificate counts by its own level',
  },
  'other-occupation': {
    zh: '「{type}」属于职业「{occupation}」，与本行的职业不同',
    en: '“{type}” belongs to occupation “{occupation}”, not this row’s',
  },
  'ends-before-start': { zh: '失效日期早于生效日期', en: 'It ends before it starts' },
  'in-the-past': {
    zh: '生效日期不能早于今天（{today}）',
    en: 'It cannot take effect before today ({today})',
  },
};

function named(key: string, value: string, names: PackNames): string {
  switch (key) {
    case 'type':
    case 'from':
    case 'to':
      return names.type(value);
    case 'types':
      return value
        .split(',')
        .map((id) => names.type(id))
        .join('、');
    case 'occupation':
      return names.occupation(value);
    case 'region':
      return names.region(value);
    case 'department':
      return names.department(value);
    default:
      return value;
  }
}

/**
 * One sentence for one finding, or undefined when it carries no reason this table knows (the caller then keeps
 * the server's words, as English mode does for a check added later).
 */
export function describePackProblem(problem: PackProblem, lang: Lang, names: PackNames): string | undefined {
  const sentence = problem.reason === undefined ? undefined : byReason[problem.reason];
  if (!sentence) return undefined;
  const params = problem.params ?? {};
  return sentence[lang].replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined ? whole : named(key, value, names);
  });
}

/** The reasons this table words; the test checks it against the reasons the server's checks give. */
export const packProblemReasons: readonly string[] = Object.keys(byReason);
