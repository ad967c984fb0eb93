/**
 * A refused field in the reader's language (issue 15 §4 "Chinese mode shows Chinese"). The server words its
 * validation details in English for API clients; each detail also carries the Zod issue kind and its bound
 * (src/http/errors.plugin.ts), or, for a domain check, a reason code before a colon ("duplicate: already filed").
 * Pure and free of imports, so node's test runner loads it (validation-text.test.ts).
 */

export interface FieldDetail {
  path: string;
  message: string;
  kind?: string;
  origin?: string;
  limit?: number;
  format?: string;
}

type Lang = 'zh' | 'en';
export type FieldLabels = Readonly<Record<string, { zh: string; en: string }>>;

/** Field names the officials' forms share; a form adds or overrides its own. */
export const sharedFieldLabels: FieldLabels = {
  username: { zh: '用户名', en: 'Username' },
  displayName: { zh: '姓名', en: 'Name' },
  password: { zh: '密码', en: 'Password' },
  role: { zh: '角色', en: 'Role' },
  department: { zh: '部门', en: 'Department' },
  province: { zh: '省份', en: 'Province' },
  institution: { zh: '评价机构', en: 'Institution' },
  holderIdType: { zh: '证件类型', en: 'ID type' },
  holderIdNumber: { zh: '持证人证件号码', en: 'Holder’s ID number' },
  isActive: { zh: '启用状态', en: 'Active' },
  name: { zh: '名称', en: 'Name' },
  idType: { zh: '证件类型', en: 'ID type' },
  idNumber: { zh: '证件号码', en: 'ID number' },
  number: { zh: '证书编号', en: 'Certificate number' },
  type: { zh: '证书类型', en: 'Certificate type' },
  typeId: { zh: '证书类型', en: 'Certificate type' },
  level: { zh: '等级', en: 'Level' },
  occupation: { zh: '职业（工种）', en: 'Occupation' },
  issuedOn: { zh: '发证日期', en: 'Issue date' },
  validFrom: { zh: '有效期起', en: 'Valid from' },
  validUntil: { zh: '有效期至', en: 'Valid until' },
  region: { zh: '地区', en: 'Region' },
  organization: { zh: '发证机关', en: 'Issuing authority' },
  organizationCode: { zh: '发证机关代码', en: 'Authority code' },
  creditCode: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  kind: { zh: '机构类别', en: 'Kind' },
  filingLevel: { zh: '备案级别', en: 'Filing level' },
  nationalCode: { zh: '人社部编码', en: 'National code' },
  address: { zh: '地址', en: 'Address' },
  sites: { zh: '考点', en: 'Sites' },
  scopes: { zh: '备案范围', en: 'Filed scope' },
  reason: { zh: '原因', en: 'Reason' },
  note: { zh: '说明', en: 'Note' },
  date: { zh: '日期', en: 'Date' },
  startsAt: { zh: '开始时间', en: 'Start' },
  endsAt: { zh: '结束时间', en: 'End' },
  capacity: { zh: '容量', en: 'Capacity' },
  subject: { zh: '科目', en: 'Subject' },
  effectiveFrom: { zh: '生效日期', en: 'Effective from' },
  label: { zh: '名称', en: 'Label' },
  expiresInDays: { zh: '有效天数', en: 'Days valid' },
  version: { zh: '版本', en: 'Version' },
};

/** The field a detail names: the last segment of "body.holder.idNumber" or "/sites/1/region" that is not an index. */
export function fieldOf(path: string): string {
  const parts = path.split(/[./]/).filter((p) => p && !/^\d+$/.test(p) && p !== 'body');
  return parts.at(-1) ?? '';
}

export function fieldLabel(path: string, lang: Lang, labels: FieldLabels = {}): string {
  const field = fieldOf(path);
  const label = labels[field] ?? sharedFieldLabels[field];
  if (label) return label[lang];
  return lang === 'zh' ? '该项' : 'This field';
}

/** Chinese and English sentences by issue kind; `{f}` is the field's label, `{n}` the bound. */
const byKind: Record<string, { zh: string; en: string }> = {
  required: { zh: '「{f}」不能为空', en: '{f} is required' },
  'too_small.string.1': { zh: '「{f}」不能为空', en: '{f} is required' },
  'too_small.string': { zh: '「{f}」至少 {n} 个字符', en: '{f} needs at least {n} characters' },
  'too_small.array.1': { zh: '「{f}」至少填写一项', en: '{f} needs at least one entry' },
  'too_small.array': { zh: '「{f}」至少 {n} 项', en: '{f} needs at least {n} entries' },
  too_small: { zh: '「{f}」不能小于 {n}', en: '{f} must be at least {n}' },
  'too_big.string': { zh: '「{f}」最多 {n} 个字符', en: '{f} takes at most {n} characters' },
  'too_big.array': { zh: '「{f}」最多 {n} 项', en: '{f} takes at most {n} entries' },
  too_big: { zh: '「{f}」不能大于 {n}', en: '{f} must be at most {n}' },
  'invalid_format.date': { zh: '「{f}」应为有效日期', en: '{f} must be a valid date' },
  'invalid_format.datetime': { zh: '「{f}」应为有效的日期和时间', en: '{f} must be a valid date and time' },
  'invalid_format.email': { zh: '「{f}」应为有效的电子邮箱', en: '{f} must be a valid email address' },
  'invalid_format.url': { zh: '「{f}」应为有效网址', en: '{f} must be a valid web address' },
  invalid_format: { zh: '「{f}」格式不正确', en: '{f} is not in the right format' },
  invalid_value: { zh: '「{f}」不是可选的值，请从列表中选择', en: '{f} is not one of the choices' },
  invalid_type: { zh: '「{f}」填写的类型不正确', en: '{f} has the wrong kind of value' },
  not_multiple_of: { zh: '「{f}」的数值不符合要求', en: '{f} is not an allowed number' },
  unrecognized_keys: { zh: '请求包含无法识别的字段', en: 'The request has fields the server does not know' },
  invalid_union: { zh: '「{f}」填写有误', en: '{f} is not valid' },
};

/** Domain checks' reason codes (the text before the colon, or the whole message) in words. */
const byReason: Array<[RegExp, { zh: string; en: string }]> = [
  [/^required for role\b/, { zh: '此角色必须填写「{f}」', en: '{f} is required for this role' }],
  [/^not allowed for role\b/, { zh: '此角色不应填写「{f}」', en: '{f} does not apply to this role' }],
  [/^(required|empty)$/, { zh: '「{f}」不能为空', en: '{f} is required' }],
  [/^taken$/, { zh: '「{f}」已被使用', en: '{f} is already taken' }],
  [/^not found$/, { zh: '没有与「{f}」对应的记录', en: 'No record matches {f}' }],
  [/^duplicate$/, { zh: '「{f}」重复或已存在', en: '{f} is a duplicate' }],
  [/^outside-province$/, { zh: '「{f}」不在备案省份内', en: '{f} lies outside the filing’s province' }],
  [/^outside-scope$/, { zh: '「{f}」超出您的管辖范围', en: '{f} is outside your scope' }],
  [/^before-valid-from$/, { zh: '「{f}」不能早于有效期起始日', en: '{f} cannot be before the start' }],
  [/^not-later$/, { zh: '「{f}」须晚于原有效期', en: '{f} must be later than the current end' }],
  [
    /^stale$/,
    { zh: '该记录已被他人修改，请刷新后重试', en: 'Someone else changed this record: reload and retry' },
  ],
  [/^unknown-site$/, { zh: '「{f}」指向不存在的考点', en: '{f} names a site that does not exist' }],
  [
    /^site-in-use$/,
    { zh: '有场次正在使用该考点，不能删除', en: 'A sitting uses this site: it cannot be removed' },
  ],
  [
    /^national-code-required$/,
    { zh: '国家级备案须填写人社部分配的编码', en: 'A national filing needs its national code' },
  ],
  [
    /^provincial-code-is-0000$/,
    { zh: '省级备案的编码应为 0000', en: 'A provincial filing carries code 0000' },
  ],
  // Identifier checks (src/shared/identifiers.ts: GB 11643 ID numbers, GB 32100 credit codes).
  [
    /^(check-digit|check-character)$/,
    { zh: '「{f}」的校验位不正确，请核对', en: 'The check character of {f} does not match' },
  ],
  [/^length$/, { zh: '「{f}」的位数不正确', en: '{f} has the wrong number of characters' }],
  [/^charset$/, { zh: '「{f}」含有不允许的字符', en: '{f} contains characters that are not allowed' }],
  [/^birth-date$/, { zh: '「{f}」中的出生日期无效', en: 'The birth date in {f} is not valid' }],
  [/^province$/, { zh: '「{f}」的地区码无效', en: 'The region code in {f} is not valid' }],
  [/^(id-format|format)$/, { zh: '「{f}」格式不正确', en: '{f} is not in the right format' }],
];

function fill(template: string, label: string, limit: number | undefined): string {
  return template.replace('{f}', label).replace('{n}', String(limit ?? ''));
}

function kindKeys(d: FieldDetail): string[] {
  const kind = d.kind ?? '';
  if (kind === 'too_small' || kind === 'too_big') {
    const origin = d.origin === 'string' || d.origin === 'array' ? d.origin : '';
    return [`${kind}.${origin}.${d.limit}`, `${kind}.${origin}`, kind].filter((k) => !k.includes('..'));
  }
  if (kind === 'invalid_format') return [`${kind}.${d.format}`, kind];
  return [kind];
}

/**
 * One sentence for one refused field: 「证书编号」不能为空 in Chinese mode, "Certificate number is required" in
 * English. A check this table does not know says the field is wrong in Chinese; English mode keeps the server's
 * own words after the label.
 */
export function describeFieldError(detail: FieldDetail, lang: Lang, labels: FieldLabels = {}): string {
  const label = fieldLabel(detail.path, lang, labels);
  if (detail.kind && detail.kind !== 'custom') {
    const key = kindKeys(detail).find((k) => byKind[k]);
    const sentence = key ? byKind[key] : undefined;
    if (sentence) return fill(sentence[lang], label, detail.limit);
  }
  const reason = detail.message.split(':')[0]?.trim() ?? '';
  const known = byReason.find(([pattern]) => pattern.test(reason));
  if (known) return fill(known[1][lang], label, undefined);
  return lang === 'zh' ? `「${label}」填写有误` : `${label}: ${detail.message}`;
}
