/** UI text of the recognition calculator, Chinese first; merged into `messages`. */
export const recognitionMessages = {
  'nav.recognitionGroup': { zh: '证书互认', en: 'Mutual recognition' },
  'nav.recognition': { zh: '互认查询', en: 'Recognition' },
  'nav.policies': { zh: '政策目录', en: 'Policies' },
  'nav.policyEdit': { zh: '政策编辑', en: 'Edit policy' },

  'rec.title': { zh: '互认查询', en: 'Recognition calculator' },
  'rec.subtitle': {
    zh: '填写您持有的证书，查看可以免予哪些培训和考试、视同达到哪个技能等级。无需登录，所填信息不会保存。',
    en: 'Enter the certificates you hold to see which training and exams you are exempt from and which skill level they count as. No login needed; nothing you enter is stored.',
  },
  'rec.certificates': { zh: '持有的证书', en: 'Certificates held' },
  'rec.addCertificate': { zh: '添加证书', en: 'Add a certificate' },
  'rec.noCertificates': { zh: '请添加您持有的证书', en: 'Add the certificates you hold' },
  'rec.certificateN': { zh: '证书 {n}', en: 'Certificate {n}' },
  'rec.remove': { zh: '删除', en: 'Remove' },
  'rec.status': { zh: '证书状态', en: 'Status' },
  'rec.options': { zh: '查询条件', en: 'Options' },
  'rec.region': { zh: '申请地区（可选）', en: 'Region where you apply (optional)' },
  'rec.asOf': { zh: '评估日期（可选，默认今天）', en: 'Evaluation date (optional, today by default)' },
  'rec.experience': { zh: '从业年限（可选）', en: 'Years in the occupation (optional)' },
  'rec.addExperience': { zh: '添加从业年限', en: 'Add years of experience' },
  'rec.years': { zh: '年', en: 'years' },
  'rec.evaluate': { zh: '查询', en: 'Evaluate' },
  'rec.useMine': { zh: '使用我的证书', en: 'Use my certificates' },
  'rec.needCertificate': { zh: '请至少添加一张证书', en: 'Add at least one certificate' },

  'rec.result': { zh: '查询结果', en: 'Result' },
  'rec.policyUsed': {
    zh: '评估日期 {asOf}；全国政策 {national} 版',
    en: 'As of {asOf}; national policy {national}',
  },
  'rec.policyProvince': { zh: '；{region}政策 {version} 版', en: '; {region} policy {version}' },
  'rec.levels': { zh: '技能等级', en: 'Skill levels' },
  'rec.exemptions': { zh: '免予培训和考试', en: 'Exemptions' },
  'rec.ignored': { zh: '未予采用的证书', en: 'Certificates not taken into account' },
  'rec.nothing': {
    zh: '按现行政策，这些证书不享受互认。',
    en: 'Under the policy in force, these certificates earn no recognition.',
  },
  'rec.conditions': {
    zh: '申报条件（按国家职业标准，具备其一即可）',
    en: 'Application conditions (national standard; any one of them)',
  },
  'rec.exemptionConditions': { zh: '附加条件', en: 'Conditions' },
  'rec.conditionsZhOnly': { zh: '', en: 'in Chinese, as the standard words them' },
  'rec.condition.met': { zh: '已满足', en: 'Met' },
  'rec.condition.not-met': { zh: '未满足', en: 'Not met' },
  'rec.condition.unknown': { zh: '待确认', en: 'Unknown' },
  'rec.provisional': { zh: '暂定', en: 'Provisional' },
  'rec.provisionalHint': {
    zh: '所见通知文本在此中断，本条为推定，尚待核实',
    en: 'The stored copies of the notice break off here: this rule is presumed, not yet verified',
  },

  'rec.trace': { zh: '判定过程', en: 'Trace' },
  'rec.traceRule': { zh: '规则', en: 'Rule' },
  'rec.traceOutcome': { zh: '结论', en: 'Outcome' },
  'rec.traceReason': { zh: '原因', en: 'Reason' },
  'rec.outcome.matched': { zh: '适用', en: 'Applies' },
  'rec.outcome.not-matched': { zh: '不适用', en: 'Does not apply' },
  'rec.outcome.overridden': { zh: '被覆盖', en: 'Overridden' },
  'rec.reason.applies': { zh: '规则适用', en: 'The rule applies' },
  'rec.reason.highest': { zh: '本职业最高的视同等级', en: 'The highest deemed level of the occupation' },
  'rec.reason.superseded': {
    zh: '同一职业已有更高等级',
    en: 'A higher level of the same occupation wins',
  },
  'rec.reason.region-unknown': {
    zh: '仅适用于颁发目标证书的地区，未指定申请地区',
    en: 'Applies only where the target certificate is issued, and no region was given',
  },
  'rec.reason.expired': { zh: '证书已过期', en: 'The certificate has expired' },
  'rec.reason.not-yet-valid': { zh: '证书尚未生效', en: 'The certificate is not yet valid' },
  'rec.reason.suspended': { zh: '证书已暂停', en: 'The certificate is suspended' },
  'rec.reason.revoked': { zh: '证书已吊销', en: 'The certificate is revoked' },
  'rec.reason.same-department': {
    zh: '同一部门的证书之间不适用互认',
    en: 'Exemptions apply across departments only',
  },
  'rec.reason.target-not-issued-in-region': {
    zh: '申请地区不颁发目标证书',
    en: 'The target certificate is not issued in this region',
  },
  'rec.reason.not-effective-yet': { zh: '规则尚未施行', en: 'The rule is not in force yet' },
  'rec.reason.no-longer-effective': { zh: '规则已停止施行', en: 'The rule is no longer in force' },
  'rec.reason.level-not-standard': {
    zh: '不属于五个标准技能等级',
    en: 'Not one of the five standard levels',
  },
  'rec.reason.no-rule': { zh: '没有适用于此类证书的规则', en: 'No rule names this certificate type' },
  'rec.reason.overridden-by': { zh: '被规定 {id} 调整', en: 'Adjusted by rule {id}' },
  'rec.reason.review-overdue': { zh: '已过复审期限', en: 'The review is overdue' },
  'rec.reason.target-already-held': {
    zh: '已持有有效的目标证书',
    en: 'The holder already holds the target certificate',
  },
  'rec.reason.designation-unknown': {
    zh: '申请地区是否颁发目标证书尚无记录',
    en: 'Whether the region issues the target certificate is not on record',
  },

  // Sentences: composed in both languages at once, so each placeholder is filled per language.
  'rec.s.cert.mem': { zh: '{name}特种作业操作证', en: '{name} certificate' },
  'rec.s.cert.mohurd': { zh: '{name}特种作业操作资格证书', en: '{name} certificate' },
  'rec.s.cert.samr': { zh: '{name}特种设备作业人员证', en: '{name} certificate' },
  'rec.s.cert.mohrss': { zh: '{name}', en: '{name}' },
  'rec.s.cert.skill': {
    zh: '{occupation}{level}职业技能等级证书',
    en: '{occupation} {level} skill-level certificate',
  },
  'rec.s.level': { zh: '{grade}/{name}', en: 'level {id} ({name})' },
  'rec.s.levelPlain': { zh: '{id}级', en: 'level {id}' },
  'rec.s.deemed': {
    zh: '您持有的{certs}视同{occupation}{level}',
    en: 'Your {certs} counts as {occupation} {level}',
  },
  'rec.s.deemedMany': {
    zh: '您持有的{certs}视同{occupation}{level}',
    en: 'Your {certs} count as {occupation} {level}',
  },
  'rec.s.held': { zh: '您持有{certs}', en: 'You hold a {certs}' },
  'rec.s.mayApply': {
    zh: '，可申报{occupation}{level}技能等级认定',
    en: '; you may apply for the {level} skill-level assessment',
  },
  'rec.s.topLevel': { zh: '，已是本职业最高等级', en: '; this is the highest level of the occupation' },
  'rec.s.basis': { zh: '（依据：{clause}）', en: ' (basis: {clause})' },
  'rec.s.evidence.attachment': {
    zh: '依据《通知》附件所列情形。',
    en: 'As listed in the notice’s attachment.',
  },
  'rec.s.evidence.general-clause': {
    zh: '依据《通知》一般规定，具体以受理部门规定为准。',
    en: 'Under the notice’s general provision; the department you apply to settles the details.',
  },
  'rec.s.evidence.provisional': {
    zh: '所见《通知》文本在此处不完整，本项为推定，请以受理部门规定为准。',
    en: 'The published text of the notice is incomplete here: this is presumed, the department you apply to decides.',
  },
  'rec.s.decided.department': {
    zh: '（{who}已作特别规定：{basis}）',
    en: ' ({who} has its own provision: {basis})',
  },
  'rec.s.decided.province': {
    zh: '（{who}会同有关部门作出规定：{basis}）',
    en: ' ({who}, with the departments concerned, decided: {basis})',
  },
  'rec.s.also': { zh: '（另有{certs}同样适用）', en: ' (your {certs} gives the same)' },
  'rec.s.exempt': {
    zh: '您持有的{cert}，申请{target}时可{exempt}',
    en: 'With your {cert}, you are {exempt} when applying for the {target}',
  },
  'rec.s.denied': {
    zh: '您持有的{cert}，申请{target}时不享受豁免：{who}另有规定（{basis}）',
    en: 'With your {cert}, you are not exempt when applying for the {target}: {who} decided otherwise ({basis})',
  },
  'rec.s.ignored': {
    zh: '证书 {number}（{type}）{reason}，未予采用',
    en: 'Certificate {number} ({type}) is {reason} and was not taken into account',
  },
  'rec.s.end': { zh: '。', en: '.' },
  'rec.s.and': { zh: '、', en: ' and ' },
  'rec.s.exempt.safety-training': { zh: '免安全作业培训', en: 'exempt from safety training' },
  'rec.s.exempt.safety-training-mem': { zh: '免安全技术培训', en: 'exempt from safety training' },
  'rec.s.exempt.hot-work-safety-exam': {
    zh: '免动火作业安全管理考试',
    en: 'exempt from the hot-work safety exam',
  },
  'rec.s.exempt.theory-exam': { zh: '免理论考试', en: 'exempt from the theory exam' },
  'rec.s.ignored.expired': { zh: '已过期', en: 'expired' },
  'rec.s.ignored.not-yet-valid': { zh: '尚未生效', en: 'not yet valid' },
  'rec.s.ignored.suspended': { zh: '已暂停', en: 'suspended' },
  'rec.s.ignored.revoked': { zh: '已吊销', en: 'revoked' },
  'rec.s.ignored.review-overdue': {
    zh: '已过复审期限（待复审），请向发证部门申请复审后再使用',
    en: 'past its review date (review overdue): ask the issuing department for the review first',
  },
  // {region} is empty for a department's national rule, else the province's name and (in English) a space.
  'rec.s.who.mohurd': {
    zh: '{region}住房城乡建设主管部门',
    en: 'the {region}housing and construction department',
  },
  'rec.s.who.mem': { zh: '{region}应急管理部门', en: 'the {region}emergency management department' },
  'rec.s.who.samr': { zh: '{region}市场监管部门', en: 'the {region}market regulation department' },
  'rec.s.who.mohrss': {
    zh: '{region}人力资源社会保障部门',
    en: 'the {region}human resources and social security department',
  },

  'exempt.safety-training': { zh: '免安全作业培训/安全技术培训', en: 'Exempt from safety training' },
  'exempt.hot-work-safety-exam': {
    zh: '免动火作业安全管理考试',
    en: 'Exempt from the hot-work safety exam',
  },
  'exempt.theory-exam': { zh: '免理论考试', en: 'Exempt from the theory exam' },
} as const satisfies Record<string, { zh: string; en: string }>;
