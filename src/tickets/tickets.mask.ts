/**
 * Masks personal data in text that is about to be published as a FAQ entry (issue 14 §3): e-mail addresses,
 * ID-like numbers (15 or 18 characters, MEM numbers "T" + ID included), phone-like numbers (mobiles and landlines,
 * with or without separators, and any run of 7 or more digits), and names — the names Hutong knows belong to the
 * ticket (the holder's), and names in the places Chinese text puts them (我叫…, 姓名：…, 联系人…, …先生/女士/同志/
 * 师傅). A name becomes its surname + 某 (张某), as published Chinese decisions do; the rest become bracketed
 * placeholders. Heuristics can miss a name written without such a cue: that is why an official confirms a preview.
 *
 * Masking is idempotent (masking masked text changes nothing), so the publish step can check that the text it is
 * given is already masked. Pure: no I/O.
 */
export interface MaskReport {
  names: number;
  idNumbers: number;
  phones: number;
  emails: number;
}

export const placeholders = {
  id: '[证件号码已隐去]',
  phone: '[电话号码已隐去]',
  email: '[电子邮箱已隐去]',
} as const;

// The most common surnames (百家姓 by frequency, covering the large majority of people), single and compound.
const compoundSurnames = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '令狐',
  '夏侯',
];
const singleSurnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';
export const surnames: readonly string[] = [...compoundSurnames, ...singleSurnames];

const han = '[\\u4e00-\\u9fff]';
const surnameAlt = `(?:${compoundSurnames.join('|')}|[${singleSurnames}])`;
// A given name's character: not a word that follows names in running text (我叫张三想问… keeps 想问).
const givenChar = `(?:(?![的之先女同师小想要在是和与及问咨请您你我他她了有对从向为已将把被就都也还])${han})`;
/** A name after a cue that may precede other words (我是电工): only a surname-led name is taken. */
const cuedSurname = new RegExp(
  `(我叫|我是|本人是|本人|联系人|持证人|申请人|考生)(\\s*)(${surnameAlt}${givenChar}{1,2})`,
  'gu',
);
/** A name after a label (姓名：…): any 2–4 characters up to the next punctuation or the end. */
const labelled = new RegExp(
  `(姓名[:：]?|名字[是叫:：]?|联系人[:：]|持证人[:：]|申请人[:：]|考生[:：])(\\s*)(${han}{2,4})(?=[，,。；;：:\\s、）)]|$)`,
  'gu',
);
/** A surname and given name before an honorific (张三先生); a surname alone (张先生) is no one's name. */
const honorific = new RegExp(`(${surnameAlt}${givenChar}{1,2})(?=先生|女士|同志|师傅|小姐|您好|你好)`, 'gu');

const digit = '[0-9０-９]';
const email = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const idLike = new RegExp(
  `T?(?:${digit}[ -]?){14}${digit}(?:(?:[ -]?${digit}){2}[ -]?[0-9０-９XxＸｘ])?`,
  'g',
);
const phoneLike = new RegExp(
  `(?:\\+?86[ -]?)?(?:1[3-9]${digit}[ -]?${digit}{4}[ -]?${digit}{4}|0${digit}{2,3}[ -]?${digit}{7,8}|${digit}{4}[ -]${digit}{4}|${digit}{7,})`,
  'g',
);

/** 张三 → 张某, 欧阳明 → 欧阳某; a text that is not a known name form → 某某. Idempotent. */
export function maskName(name: string): string {
  const compound = compoundSurnames.find((s) => name.startsWith(s));
  if (compound) return `${compound}某`;
  const first = name[0] ?? '';
  return singleSurnames.includes(first) && name.length >= 2 ? `${first}某` : '某某';
}

/** Names written with a cue (我叫…, 姓名：…, …先生): what a text says about who someone is. */
export function findNames(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(labelled)) if (m[3]) found.add(m[3]);
  for (const m of text.matchAll(cuedSurname)) if (m[3]) found.add(m[3]);
  for (const m of text.matchAll(honorific)) if (m[1]) found.add(m[1]);
  return [...found].filter((n) => maskName(n) !== n);
}

export function maskPersonalData(
  input: string,
  knownNames: readonly string[] = [],
): { text: string; report: MaskReport } {
  const report: MaskReport = { names: 0, idNumbers: 0, phones: 0, emails: 0 };
  let text = input.replace(email, () => {
    report.emails += 1;
    return placeholders.email;
  });
  text = text.replace(idLike, () => {
    report.idNumbers += 1;
    return placeholders.id;
  });
  text = text.replace(phoneLike, () => {
    report.phones += 1;
    return placeholders.phone;
  });
  // Names Hutong knows, and names found by their cues: each is then masked wherever it occurs in the text.
  const names = [
    ...new Set([...knownNames, ...findNames(text)].map((n) => n.trim()).filter((n) => n.length >= 2)),
  ]
    .filter((n) => maskName(n) !== n)
    .sort((a, b) => b.length - a.length);
  for (const name of names) {
    const parts = text.split(name);
    report.names += parts.length - 1;
    text = parts.join(maskName(name));
  }
  return { text, report };
}
