/**
 * Holders of the demo certificates: Chinese names (a few minority names with `·`), 居民身份证 numbers with real
 * county codes, birth dates 1965–2004, and where each person works now.
 */
import { addDays, addYears } from '../registry/registry.rules.ts';
import { residentIdCheckChar } from '../shared/identifiers.ts';
import { type City, type IssuingProvince, issuingProvinces } from './demo.issuers.ts';
import { dateBetween, maxDate, type Random } from './demo.random.ts';

/** Where migrant workers come from (county codes of their 户口), with weights. */
const homeOnlyCounties: readonly (readonly [readonly string[], number])[] = [
  [['340102', '340104', '341202', '341302'], 9], // 安徽: 瑶海, 蜀山, 颍州, 埇桥
  [['410102', '410105', '411502', '411602'], 9], // 河南: 中原, 金水, 浉河, 川汇
  [['430102', '430104', '430302'], 5], // 湖南: 芙蓉, 岳麓, 雨湖
  [['360102', '360302'], 4], // 江西: 东湖, 安源
  [['130102', '130104'], 3], // 河北: 长安, 桥西
  [['520102', '520302'], 3], // 贵州: 南明, 红花岗
  [['450102'], 2], // 广西: 兴宁
  [['620102'], 2], // 甘肃: 城关
  [['350102', '350203'], 2], // 福建: 鼓楼, 思明
  [['140105'], 2], // 山西: 小店
  [['230102', '210102'], 2], // 黑龙江 道里, 辽宁 和平
];
const xinjiangCounties = ['650102', '650104', '652801'] as const; // 天山, 新市, 库尔勒
const innerMongoliaCounties = ['150102', '150203'] as const; // 新城 (呼和浩特), 昆都仑 (包头)

const surnames = (
  '王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 于 ' +
  '蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 ' +
  '闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤 欧阳 司马 诸葛 上官'
).split(' ');
const maleChars = [
  ...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳建国志海峰东文德成亮春永兵新立毅彬庆荣晨振',
];
const femaleChars = [...'芳娜敏静丽艳娟霞秀玲燕红丹萍婷雪琳晶慧颖倩佳悦梅兰英洁月欣琴'];
const uyghurMale = ['艾力', '买买提江', '艾尔肯', '迪力夏提', '吐尔洪', '阿布拉', '努尔兰'] as const;
const uyghurFemale = ['阿依古丽', '古丽娜尔', '热依拉', '帕提古丽', '阿娜尔古丽', '米热古丽'] as const;
const uyghurFather = [
  '买买提',
  '吐尔逊',
  '艾买提',
  '阿不都拉',
  '托合提',
  '依明',
  '热合曼',
  '司马义',
  '玉素甫',
] as const;
const mongolianMale = ['巴特尔', '额尔敦', '苏和', '乌力吉', '朝鲁', '孟和'] as const;
const mongolianFemale = ['其其格', '乌云', '萨仁', '娜仁'] as const;

export interface Holder {
  name: string;
  idNumber: string;
  /** Where they work now: most of their certificates are issued there. */
  work: IssuingProvince;
  city: City;
  /** No certificate before this date (18th birthday and the start of work). */
  careerStart: string;
}

function hanName(random: Random, male: boolean): string {
  const chars = male ? maleChars : femaleChars;
  const given = random.chance(0.3) ? random.pick(chars) : random.pick(chars) + random.pick(chars);
  return random.pickSkewed(surnames) + given;
}

export function makeHolder(random: Random, ids: Set<string>, today: string): Holder {
  const work = random.weighted(issuingProvinces.map((p) => [p, p.weight] as const));
  const city = random.pick(work.cities);
  const male = random.chance(0.88);
  const ethnic = random.float();
  let name: string;
  let counties: readonly string[];
  if (ethnic < 0.025) {
    name = `${random.pick(male ? uyghurMale : uyghurFemale)}·${random.pick(uyghurFather)}`;
    counties = xinjiangCounties;
  } else if (ethnic < 0.035) {
    name = random.pick(male ? mongolianMale : mongolianFemale);
    counties = innerMongoliaCounties;
  } else {
    name = hanName(random, male);
    counties = random.chance(0.55) ? city.counties : random.weighted(homeOnlyCounties);
  }
  const birth = dateBetween(random, '1965-01-01', '2004-12-31');
  const body14 = `${random.pick(counties)}${birth.replaceAll('-', '')}`;
  let idNumber: string;
  do {
    // 顺序码: odd for men, even for women (GB 11643).
    const body = `${body14}${random.digits(2)}${random.int(0, 4) * 2 + (male ? 1 : 0)}`;
    idNumber = body + residentIdCheckChar(body);
  } while (ids.has(idNumber));
  ids.add(idNumber);
  const start = maxDate(addYears(birth, random.int(18, 26)), '2008-01-01');
  const careerStart = start < addDays(today, -90) ? start : addDays(today, -random.int(30, 90));
  return { name, idNumber, work, city, careerStart };
}
