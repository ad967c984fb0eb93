/** UI text of 证书查询 (一网通查, issue 5 §1–2), Chinese first; merged into `messages`. */
export const queryMessages = {
  'query.title': { zh: '证书查询', en: 'Certificate query' },
  'query.subtitle': {
    zh: '一次查询四部门的职业技能证书：输入持证人姓名和证件号码（查询本人全部证书），或姓名和证书编号。',
    en: "One query across the four departments' certificates: the holder's name with an ID number (all of the person's certificates) or with a certificate number.",
  },
  'query.byId': { zh: '按证件号码', en: 'By ID number' },
  'query.byNumber': { zh: '按证书编号', en: 'By certificate number' },
  'query.name': { zh: '持证人姓名', en: "Holder's name" },
  'query.idType': { zh: '证件类型', en: 'ID type' },
  'query.idNumber': { zh: '证件号码', en: 'ID number' },
  'query.number': { zh: '证书编号', en: 'Certificate number' },
  'query.submit': { zh: '查询', en: 'Search' },
  'query.nameRequired': { zh: '请输入持证人姓名', en: "Enter the holder's name" },
  'query.idRequired': { zh: '请输入证件号码', en: 'Enter the ID number' },
  'query.numberRequired': { zh: '请输入证书编号', en: 'Enter the certificate number' },
  'query.id.length': {
    zh: '居民身份证号码应为 18 位（或旧版 15 位）',
    en: 'A resident ID number has 18 characters (or 15 for the old format)',
  },
  'query.id.charset': {
    zh: '居民身份证号码只含数字，最后一位可为 X',
    en: 'A resident ID number has digits only, the last may be X',
  },
  'query.id.check-digit': {
    zh: '居民身份证号码校验位不正确，请核对',
    en: 'The check character of this ID number is wrong; please check it',
  },
  'query.solving': { zh: '正在进行安全验证…', en: 'Solving a security check…' },
  'query.solvingHint': {
    zh: '浏览器正在完成一道计算题，以防止批量抓取，通常不到一秒',
    en: 'Your browser is doing a small computation that makes bulk scraping costly; it usually takes under a second',
  },
  'query.searching': { zh: '正在查询…', en: 'Searching…' },
  'query.notFound': {
    zh: '未查到：未在互通找到该证书',
    en: 'Not found: Hutong holds no matching certificate',
  },
  'query.notFoundHint': {
    zh: '请核对姓名与号码。出于隐私保护，姓名不符与证书不存在显示相同的结果。',
    en: 'Check the name and number. For privacy, a wrong name and a missing certificate give the same answer.',
  },
  'query.tooMany': {
    zh: '查询过于频繁，请 {seconds} 秒后再试',
    en: 'Too many queries. Try again in {seconds} s',
  },
  'query.tooManyLater': { zh: '查询过于频繁，请稍后再试', en: 'Too many queries. Try again later' },
  'query.results': { zh: '查询结果（{count}）', en: 'Results ({count})' },
  'query.issuer': { zh: '发证机关', en: 'Issuer' },
  'query.validity': { zh: '有效期', en: 'Validity' },
  'query.statusToday': { zh: '今日状态', en: 'Status today' },
  'query.source': { zh: '数据来源', en: 'Source' },
  'query.updatedAt': { zh: '数据更新于 {time}', en: 'Data updated {time}' },
  'query.print': { zh: '打印证书', en: 'Print' },
  'query.printUnavailable': {
    zh: '按证件号码查询的结果暂不能直接打印，请按证书编号查询后打印',
    en: 'Results of a query by ID number cannot be printed yet; query by certificate number to print',
  },
  'query.linkedTitle': {
    zh: '该类证书由 {source} 的查询系统提供',
    en: 'These certificates are served by the query site of {source}',
  },
  'query.linkedTypes': { zh: '涉及证书类型', en: 'Certificate types' },
  'query.alsoCheck': {
    zh: '您还可以到以下部门的查询系统核实',
    en: "You may also check the departments' own query sites",
  },
  'query.alsoCheckHint': {
    zh: '这些证书由各部门自行提供查询，互通不保存其数据，点击后将前往该部门网站。',
    en: "These departments answer for their certificates themselves; Hutong keeps no copy. The link opens the department's site.",
  },
  'query.linkedGo': { zh: '前往查询', en: "Query at the department's site" },
} as const satisfies Record<string, { zh: string; en: string }>;
