/**
 * Demo certificate data: a pure, deterministic generator of department rows (`RawCertificate`, the shape of one
 * import row) for the embedded demo, the benches and tests. Same options → same rows, on every machine: a seeded
 * PRNG (mulberry32), no clock (`today` is an option), no I/O.
 *
 * What the rows look like (design.md "Canonical identifiers", reference.md §2–§5, §8):
 * - holders with Chinese names (a few minority names with `·`), 居民身份证 numbers with real county codes, real birth
 *   dates 1965–2004, the sex digit and a GB 11643 check digit;
 * - MEM 特种作业操作证: number "T" + ID number, 6 years (令30 第二十一条);
 * - MOHURD 建筑施工特种作业: 省简称 + city letter + 工种 code + year + serial, 2 years (陕西 before 2024-02-27: 6 years),
 *   建筑焊工 only in the provinces that designate it;
 * - SAMR 特种设备作业人员证: the holder's ID number (the common practice; the national rule is not verified), 4 years;
 * - MOHRSS 职业技能等级证书 for 电工 / 焊工: the 22-character code with the level at position 16, no expiry.
 * Issuers are the real names of the provincial and city authorities; the 统一社会信用代码 given for them are
 * SYNTHETIC (valid check characters, derived from the name), never the authorities' real codes. Evaluation
 * institutions and their codes are illustrative. Every row passes `validateCertificate`; (type, number) is unique.
 */
import type { RawCertificate } from '../registry/registry.model.ts';
import { addDays, addYears } from '../registry/registry.rules.ts';
import { creditCodeCheckChar, residentIdCheckChar } from '../shared/identifiers.ts';

export interface DemoOptions {
  /** Number of distinct holders (ID numbers); default 1,000. */
  holders?: number;
  /** PRNG seed; default fixed (demoDefaults.seed). */
  seed?: number;
  /** The date the data describes (no certificate starts after it); default 2026-11-29. */
  today?: string;
  /** Provinces that issue 建筑焊工 (catalog/province-designations.json); default 310000 and 320000. */
  welderRegions?: readonly string[];
}

export const demoDefaults = {
  holders: 1000,
  /** The day the notice was made public (reference §1.1). */
  seed: 20260116,
  today: '2026-11-29',
  welderRegions: ['310000', '320000'],
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a tiny 32-bit PRNG, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(private readonly next: () => number) {}
  float(): number {
    return this.next();
  }
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  /** Earlier items are likelier (surname frequencies fall off steeply). */
  pickSkewed<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() ** 2 * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new Error('weighted pick from an empty list');
    return last[0];
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

/** FNV-1a: a stable hash of a name, so an organisation's synthetic codes do not depend on the seed. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (const c of s) {
    h ^= c.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates (YYYY-MM-DD, UTC day numbers)

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const maxDate = (a: string, b: string) => (a > b ? a : b);
function dateBetween(random: Random, from: string, to: string): string {
  return from >= to ? to : isoOf(random.int(dayOf(from), dayOf(to)));
}

// ---------------------------------------------------------------------------------------------------------------
// Places: GB/T 2260 codes (real county codes), MOHURD city letters, issuing authorities

interface City {
  /** Prefecture-level code (the province's own code for a municipality). */
  code: string;
  name: string;
  /** The MOHURD number's city letter (A = the capital). */
  letter: string;
  counties: readonly string[];
}

interface Institution {
  kind: 'Y' | 'S';
  /** 0000 when first filed with the province, else the 人社部 code. */
  code: string;
  site: string;
  name: string;
  /** Where it sits (any level). */
  region: string;
}

interface IssuingProvince {
  code: string;
  name: string;
  short: string;
  municipality: boolean;
  /** Share of holders working there. */
  weight: number;
  cities: readonly City[];
  /** MOHURD 考核发证机关 (provincial construction authority). */
  mohurdOrg: string;
  institutions: readonly Institution[];
}

const issuingProvinces: readonly IssuingProvince[] = [
  {
    code: '310000',
    name: '上海市',
    short: '沪',
    municipality: true,
    weight: 14,
    cities: [
      {
        code: '310000',
        name: '上海市',
        letter: 'A',
        counties: ['310101', '310104', '310105', '310112', '310115'],
      },
    ],
    mohurdOrg: '上海市住房和城乡建设管理委员会',
    institutions: [
      { kind: 'Y', code: '0042', site: '000018', name: '上海电气集团股份有限公司', region: '310000' },
      { kind: 'S', code: '0000', site: '000306', name: '上海市高级技工学校', region: '310000' },
    ],
  },
  {
    code: '320000',
    name: '江苏省',
    short: '苏',
    municipality: false,
    weight: 14,
    cities: [
      { code: '320100', name: '南京市', letter: 'A', counties: ['320102', '320106', '320115'] },
      { code: '320200', name: '无锡市', letter: 'B', counties: ['320205', '320213'] },
      { code: '320500', name: '苏州市', letter: 'E', counties: ['320506', '320508', '320583'] },
    ],
    mohurdOrg: '江苏省住房和城乡建设厅',
    institutions: [
      { kind: 'Y', code: '0035', site: '000112', name: '国网江苏省电力有限公司', region: '320100' },
      { kind: 'S', code: '0000', site: '000519', name: '江苏省常州技师学院', region: '320400' },
    ],
  },
  {
    code: '330000',
    name: '浙江省',
    short: '浙',
    municipality: false,
    weight: 12,
    cities: [
      { code: '330100', name: '杭州市', letter: 'A', counties: ['330102', '330106', '330110'] },
      { code: '330200', name: '宁波市', letter: 'B', counties: ['330203', '330205'] },
      { code: '330300', name: '温州市', letter: 'C', counties: ['330302', '330304'] },
    ],
    mohurdOrg: '浙江省住房和城乡建设厅',
    institutions: [
      { kind: 'S', code: '0000', site: '000087', name: '浙江建设技师学院', region: '330100' },
      { kind: 'Y', code: '0061', site: '000224', name: '杭州汽轮动力集团股份有限公司', region: '330100' },
    ],
  },
  {
    code: '440000',
    name: '广东省',
    short: '粤',
    municipality: false,
    weight: 16,
    cities: [
      { code: '440100', name: '广州市', letter: 'A', counties: ['440103', '440104', '440106', '440113'] },
      { code: '440300', name: '深圳市', letter: 'B', counties: ['440303', '440304', '440305', '440306'] },
      { code: '440600', name: '佛山市', letter: 'E', counties: ['440604', '440606'] },
    ],
    mohurdOrg: '广东省住房和城乡建设厅',
    institutions: [
      { kind: 'S', code: '0000', site: '000142', name: '广东省机械技师学院', region: '440100' },
      { kind: 'Y', code: '0029', site: '000310', name: '广州地铁集团有限公司', region: '440100' },
    ],
  },
  {
    code: '510000',
    name: '四川省',
    short: '川',
    municipality: false,
    weight: 10,
    cities: [
      { code: '510100', name: '成都市', letter: 'A', counties: ['510104', '510105', '510107', '510108'] },
      { code: '510700', name: '绵阳市', letter: 'B', counties: ['510703', '510704'] },
    ],
    mohurdOrg: '四川省住房和城乡建设厅',
    institutions: [
      { kind: 'S', code: '0000', site: '000066', name: '四川省城市技师学院', region: '510100' },
      { kind: 'Y', code: '0053', site: '000201', name: '中国五冶集团有限公司', region: '510100' },
    ],
  },
  {
    code: '610000',
    name: '陕西省',
    short: '陕',
    municipality: false,
    weight: 8,
    cities: [
      { code: '610100', name: '西安市', letter: 'A', counties: ['610102', '610103', '610113'] },
      { code: '610300', name: '宝鸡市', letter: 'C', counties: ['610302', '610303'] },
    ],
    mohurdOrg: '陕西省住房和城乡建设厅',
    institutions: [
      { kind: 'S', code: '0000', site: '000075', name: '陕西省建筑工程技师学院', region: '610100' },
      { kind: 'Y', code: '0048', site: '000133', name: '中国西电集团有限公司', region: '610100' },
    ],
  },
  {
    code: '110000',
    name: '北京市',
    short: '京',
    municipality: true,
    weight: 10,
    cities: [
      {
        code: '110000',
        name: '北京市',
        letter: 'A',
        counties: ['110101', '110102', '110105', '110106', '110108'],
      },
    ],
    mohurdOrg: '北京市住房和城乡建设委员会',
    institutions: [
      { kind: 'Y', code: '0017', site: '000105', name: '北京城建集团有限责任公司', region: '110000' },
      { kind: 'S', code: '0000', site: '000231', name: '北京市工贸技师学院', region: '110000' },
    ],
  },
  {
    code: '370000',
    name: '山东省',
    short: '鲁',
    municipality: false,
    weight: 7,
    cities: [
      { code: '370100', name: '济南市', letter: 'A', counties: ['370102', '370103', '370112'] },
      { code: '370200', name: '青岛市', letter: 'B', counties: ['370202', '370203', '370211'] },
    ],
    mohurdOrg: '山东省住房和城乡建设厅',
    institutions: [
      { kind: 'S', code: '0000', site: '000090', name: '山东劳动职业技术学院', region: '370100' },
    ],
  },
  {
    code: '420000',
    name: '湖北省',
    short: '鄂',
    municipality: false,
    weight: 5,
    cities: [{ code: '420100', name: '武汉市', letter: 'A', counties: ['420102', '420106', '420111'] }],
    mohurdOrg: '湖北省住房和城乡建设厅',
    institutions: [
      { kind: 'S', code: '0000', site: '000058', name: '湖北城市建设职业技术学院', region: '420100' },
    ],
  },
  {
    code: '500000',
    name: '重庆市',
    short: '渝',
    municipality: true,
    weight: 4,
    cities: [{ code: '500000', name: '重庆市', letter: 'A', counties: ['500103', '500105', '500112'] }],
    mohurdOrg: '重庆市住房和城乡建设委员会',
    institutions: [
      { kind: 'S', code: '0000', site: '000044', name: '重庆工贸职业技术学院', region: '500000' },
    ],
  },
];

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

/** 统一社会信用代码 of an organisation: SYNTHETIC, stable per name, with valid GB 11714 and GB 32100 checks. */
function syntheticCreditCode(name: string, prefix: '11' | '12' | '91', region: string): string {
  const rnd = new Random(mulberry32(fnv1a(name)));
  const org8 = rnd.digits(8);
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(org8[i]) * (weights[i] ?? 0);
  const c9 = 11 - (sum % 11);
  const orgCode = org8 + (c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9));
  const body = `${prefix}${region}${orgCode}`;
  return body + creditCodeCheckChar(body);
}

/** Some issuers' rows carry the credit code, some do not (stable per organisation). */
function orgCodeFor(random: Random, name: string, prefix: '11' | '12' | '91', region: string): string {
  if (fnv1a(name) % 3 === 0 || !random.chance(0.8)) return '';
  return syntheticCreditCode(name, prefix, region);
}

// ---------------------------------------------------------------------------------------------------------------
// People

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

interface Holder {
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

function makeHolder(random: Random, ids: Set<string>, today: string): Holder {
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

// ---------------------------------------------------------------------------------------------------------------
// Certificates

type Department = 'mem' | 'mohurd' | 'samr' | 'mohrss';

const OCC_ELECTRICIAN = '6-31-01-03';
const OCC_WELDER = '6-18-02-04';

/** MOHURD 工种类别代码 (reference §3.2) by type; 建筑焊工 has none verified (see welderTradeCode). */
const mohurdTradeCodes: Readonly<Record<string, string>> = {
  'mohurd.electrician': '01',
  'mohurd.scaffolder': '02',
  'mohurd.attached-scaffolder': '03',
  'mohurd.signaller-rigger': '04',
  'mohurd.tower-crane-operator': '05',
  'mohurd.hoist-operator': '06',
  'mohurd.material-hoist-operator': '07',
  'mohurd.tower-crane-installer': '08',
  'mohurd.hoist-installer': '09',
  'mohurd.material-hoist-installer': '10',
  'mohurd.suspended-platform-installer': '11',
};
/** 建筑焊工's code is provincial and NOT VERIFIED (reference §3.2: ≥12 or 99); these mirror the catalog's examples. */
const welderTradeCode = (province: string) => (province === '320000' ? '12' : '99');

const mohurdOtherTypes = [
  'mohurd.scaffolder',
  'mohurd.signaller-rigger',
  'mohurd.tower-crane-operator',
  'mohurd.hoist-operator',
  'mohurd.tower-crane-installer',
  'mohurd.suspended-platform-installer',
  'mohurd.attached-scaffolder',
  'mohurd.material-hoist-operator',
  'mohurd.hoist-installer',
  'mohurd.material-hoist-installer',
] as const;
const samrOtherTypes = [
  'samr.forklift-driver',
  'samr.forklift-driver',
  'samr.crane-operator',
  'samr.crane-signalling',
  'samr.industrial-boiler-operator',
  'samr.elevator-repair',
  'samr.cylinder-filling',
  'samr.quick-opening-vessel',
  'samr.boiler-water-treatment',
] as const;
const memOtherTypes = [
  'mem.installation-at-height',
  'mem.scaffolding-at-height',
  'mem.refrigeration-operation',
  'mem.refrigeration-installation',
  'mem.chemical-automation-instruments',
  'mem.hydrogenation-process',
  'mem.polymerization-process',
  'mem.coal-gas-work',
  'mem.explosion-proof-electrician',
] as const;

/** Years of validity as the catalog's rules give them (checked against `validityRuleFor` in the tests). */
function validityYears(department: Department, region: string, validFrom: string): number | null {
  switch (department) {
    case 'mem':
      return 6;
    case 'samr':
      return 4;
    case 'mohrss':
      return null;
    case 'mohurd':
      return region.startsWith('61') && validFrom < '2024-02-27' ? 6 : 2;
  }
}

const departmentOf = (type: string) => type.slice(0, type.indexOf('.')) as Department;

interface Context {
  random: Random;
  today: string;
  welderRegions: readonly string[];
  keys: Set<string>;
  serials: Map<string, number>;
  rows: RawCertificate[];
}

/** The next serial of a numbering sequence: increasing, with gaps, so numbers never repeat. */
function nextSerial(ctx: Context, key: string): number {
  const previous = ctx.serials.get(key) ?? ctx.random.int(0, 300);
  const serial = previous + ctx.random.int(1, 37);
  ctx.serials.set(key, serial);
  return serial;
}

function pickDates(
  ctx: Context,
  holder: Holder,
  department: Department,
  region: string,
): { validFrom: string; validUntil: string } {
  const { random, today } = ctx;
  const nominal = validityYears(department, region, today);
  if (nominal === null) {
    // 22-character codes date from the 2020 reform (人社部发〔2019〕90号).
    return {
      validFrom: dateBetween(random, maxDate(holder.careerStart, '2020-01-01'), today),
      validUntil: '',
    };
  }
  const earliest = maxDate(holder.careerStart, '2010-01-01');
  let validFrom = '';
  if (random.chance(0.13)) {
    // Expired: ended up to three years ago.
    const lastStart = addDays(addYears(today, -nominal), -1);
    if (lastStart >= earliest)
      validFrom = dateBetween(random, maxDate(earliest, addYears(lastStart, -3)), lastStart);
  }
  if (validFrom === '') {
    const firstStart = addDays(addYears(today, -nominal), 1);
    validFrom = dateBetween(random, maxDate(earliest, firstStart), today);
  }
  const years = validityYears(department, region, validFrom) ?? nominal;
  return { validFrom, validUntil: addDays(addYears(validFrom, years), -1) };
}

function pickStatus(random: Random): string {
  const r = random.float();
  return r < 0.03 ? 'suspended' : r < 0.05 ? 'revoked' : 'valid';
}

/** Where a certificate was issued: mostly the province the holder works in, sometimes a former one. */
function issuingProvinceFor(ctx: Context, holder: Holder, type: string): IssuingProvince | undefined {
  if (type === 'mohurd.welder') {
    if (ctx.welderRegions.includes(holder.work.code)) return holder.work;
    const designated = issuingProvinces.filter((p) => ctx.welderRegions.includes(p.code));
    return designated.length === 0 ? undefined : ctx.random.pick(designated);
  }
  return ctx.random.chance(0.85) ? holder.work : ctx.random.pick(issuingProvinces);
}

function issue(
  ctx: Context,
  holder: Holder,
  type: string,
  skill?: { occupation: string; level: string },
): void {
  const { random } = ctx;
  const department = departmentOf(type);
  const province = issuingProvinceFor(ctx, holder, type);
  if (province === undefined) return; // no province issues it
  const city = province === holder.work ? holder.city : random.pick(province.cities);
  const cityLevel = !province.municipality && random.chance(0.5);
  let issuerRegion: string;
  let issuerOrg: string;
  let issuerOrgCode: string;
  let institution: Institution | undefined;
  switch (department) {
    case 'mem':
      issuerRegion = cityLevel ? city.code : province.code;
      issuerOrg = cityLevel
        ? `${city.name}应急管理局`
        : `${province.name}应急管理${province.municipality ? '局' : '厅'}`;
      issuerOrgCode = orgCodeFor(random, issuerOrg, '11', issuerRegion);
      break;
    case 'samr':
      issuerRegion = cityLevel ? city.code : province.code;
      issuerOrg = `${cityLevel ? city.name : province.name}市场监督管理局`;
      issuerOrgCode = orgCodeFor(random, issuerOrg, '11', issuerRegion);
      break;
    case 'mohurd':
      issuerRegion = province.code;
      issuerOrg = province.mohurdOrg;
      issuerOrgCode = orgCodeFor(random, issuerOrg, '11', issuerRegion);
      break;
    case 'mohrss':
      institution = random.pick(province.institutions);
      issuerRegion = institution.region;
      issuerOrg = institution.name;
      issuerOrgCode = orgCodeFor(random, issuerOrg, institution.kind === 'Y' ? '91' : '12', issuerRegion);
      break;
  }
  const { validFrom, validUntil } = pickDates(ctx, holder, department, issuerRegion);
  const year = validFrom.slice(0, 4);
  let number: string;
  switch (department) {
    case 'mem':
      number = `T${holder.idNumber}`; // reference §2.3
      break;
    case 'samr':
      number = holder.idNumber; // the common practice; the national numbering rule is not verified
      break;
    case 'mohurd': {
      const code = mohurdTradeCodes[type] ?? welderTradeCode(province.code);
      const serial = nextSerial(ctx, `${province.short}${code}${year}`);
      number = `${province.short}${city.letter}${code}${year}${String(serial).padStart(6, '0')}`;
      break;
    }
    case 'mohrss': {
      const inst = institution as Institution;
      const head = `${inst.kind}${inst.code}${province.code.slice(0, 2)}${inst.site}${year.slice(2)}${skill?.level}`;
      number = `${head}${String(nextSerial(ctx, head)).padStart(6, '0')}`;
      break;
    }
  }
  const key = `${type}\u0000${number}`;
  if (ctx.keys.has(key)) return; // the same holder cannot hold the same MEM/SAMR item twice
  ctx.keys.add(key);
  ctx.rows.push({
    type,
    number,
    holderName: holder.name,
    idType: 'resident',
    idNumber: holder.idNumber,
    validFrom,
    validUntil,
    status: pickStatus(random),
    issuerRegion,
    issuerOrg,
    issuerOrgCode,
    occupation: skill?.occupation ?? '',
    level: skill?.level ?? '',
  });
}

function skillLevel(random: Random, low = false): string {
  return low
    ? random.weighted([
        ['5', 4],
        ['4', 5],
        ['3', 1],
      ])
    : random.weighted([
        ['5', 25],
        ['4', 40],
        ['3', 25],
        ['2', 8],
        ['1', 2],
      ]);
}

/** One or two skill-level certificates of an occupation (a later, higher level beside the first). */
function issueSkill(ctx: Context, holder: Holder, occupation: string, low = false): void {
  const level = skillLevel(ctx.random, low);
  issue(ctx, holder, 'mohrss.skill-level', { occupation, level });
  if (level !== '1' && ctx.random.chance(0.15)) {
    issue(ctx, holder, 'mohrss.skill-level', { occupation, level: String(Number(level) - 1) });
  }
}

type Profile = (ctx: Context, holder: Holder) => void;

const profiles: readonly (readonly [Profile, number])[] = [
  // Electricians with certificates from several departments: MEM 低压/高压 + MOHURD 建筑电工 (+ 电工 等级证书).
  [
    (ctx, h) => {
      const r = ctx.random.float();
      if (r < 0.85) issue(ctx, h, 'mem.lv-electrician');
      if (r >= 0.75) issue(ctx, h, 'mem.hv-electrician');
      issue(ctx, h, 'mohurd.electrician');
      if (ctx.random.chance(0.6)) issueSkill(ctx, h, OCC_ELECTRICIAN, true);
      if (ctx.random.chance(0.25)) issue(ctx, h, ctx.random.pick(mohurdOtherTypes));
    },
    10,
  ],
  // Welders across departments: MEM 熔化焊 + SAMR 金属/非金属焊接 (+ MOHURD 建筑焊工 where designated, + 焊工 等级证书).
  [
    (ctx, h) => {
      issue(ctx, h, 'mem.fusion-welding');
      const r = ctx.random.float();
      if (r < 0.85) issue(ctx, h, 'samr.metal-welding');
      if (r >= 0.75) issue(ctx, h, 'samr.nonmetal-welding');
      if (ctx.welderRegions.includes(h.work.code) ? ctx.random.chance(0.8) : ctx.random.chance(0.1)) {
        issue(ctx, h, 'mohurd.welder');
      }
      if (ctx.random.chance(0.5)) issueSkill(ctx, h, OCC_WELDER, true);
    },
    9,
  ],
  // Electricians.
  [
    (ctx, h) => {
      const r = ctx.random.float();
      if (r < 0.8) issue(ctx, h, 'mem.lv-electrician');
      if (r >= 0.7) issue(ctx, h, 'mem.hv-electrician');
      if (ctx.random.chance(0.2)) {
        issue(ctx, h, ctx.random.pick(['mem.power-cable', 'mem.electrical-testing', 'mem.relay-protection']));
      }
      if (ctx.random.chance(0.55)) issueSkill(ctx, h, OCC_ELECTRICIAN);
      if (ctx.random.chance(0.35)) issue(ctx, h, ctx.random.pick(memOtherTypes));
    },
    17,
  ],
  // Welders.
  [
    (ctx, h) => {
      const r = ctx.random.float();
      if (r < 0.6) issue(ctx, h, 'mem.fusion-welding');
      else if (r < 0.9 || !ctx.welderRegions.includes(h.work.code)) issue(ctx, h, 'samr.metal-welding');
      else issue(ctx, h, 'mohurd.welder');
      if (ctx.random.chance(0.5)) issueSkill(ctx, h, OCC_WELDER);
      if (ctx.random.chance(0.1)) issue(ctx, h, ctx.random.pick(['mem.pressure-welding', 'mem.brazing']));
      if (ctx.random.chance(0.3)) issue(ctx, h, ctx.random.pick(memOtherTypes));
    },
    14,
  ],
  // Construction site trades (MOHURD), often two of them.
  [
    (ctx, h) => {
      const first = ctx.random.pick(mohurdOtherTypes);
      issue(ctx, h, first);
      if (ctx.random.chance(0.6)) {
        const second = ctx.random.pick(mohurdOtherTypes);
        if (second !== first) issue(ctx, h, second);
      }
      if (ctx.random.chance(0.2)) issue(ctx, h, 'mohurd.electrician');
      if (ctx.random.chance(0.4)) issue(ctx, h, 'mem.installation-at-height');
      if (ctx.random.chance(0.2)) issue(ctx, h, 'samr.crane-operator');
    },
    17,
  ],
  // Special equipment operators (SAMR).
  [
    (ctx, h) => {
      const first = ctx.random.pick(samrOtherTypes);
      issue(ctx, h, first);
      if (ctx.random.chance(0.6)) {
        const second = ctx.random.pick(samrOtherTypes);
        if (second !== first) issue(ctx, h, second);
      }
      if (ctx.random.chance(0.15)) issue(ctx, h, 'samr.safety-management');
      if (ctx.random.chance(0.3))
        issue(ctx, h, ctx.random.pick(['mem.lv-electrician', 'mem.refrigeration-operation']));
    },
    12,
  ],
  // Industrial special operations (MEM).
  [
    (ctx, h) => {
      const first = ctx.random.pick(memOtherTypes);
      issue(ctx, h, first);
      const second = ctx.random.pick(memOtherTypes);
      if (second !== first && ctx.random.chance(0.6)) issue(ctx, h, second);
      if (ctx.random.chance(0.5)) issue(ctx, h, 'mem.lv-electrician');
    },
    10,
  ],
  // Skill-level certificates only (MOHRSS).
  [
    (ctx, h) => {
      const occupation = ctx.random.chance(0.55) ? OCC_ELECTRICIAN : OCC_WELDER;
      issueSkill(ctx, h, occupation);
      if (ctx.random.chance(0.25))
        issueSkill(ctx, h, occupation === OCC_ELECTRICIAN ? OCC_WELDER : OCC_ELECTRICIAN);
      if (ctx.random.chance(0.4)) issue(ctx, h, ctx.random.pick(samrOtherTypes));
    },
    11,
  ],
];

/**
 * Demo certificate rows: `holders` people (default 1,000) with about 2.3 certificates each, from all four
 * departments. Pure and deterministic: the same options give the same rows.
 */
export function generateDemoCertificates(options: DemoOptions = {}): RawCertificate[] {
  const holders = options.holders ?? demoDefaults.holders;
  const today = options.today ?? demoDefaults.today;
  const ctx: Context = {
    random: new Random(mulberry32(options.seed ?? demoDefaults.seed)),
    today,
    welderRegions: options.welderRegions ?? demoDefaults.welderRegions,
    keys: new Set(),
    serials: new Map(),
    rows: [],
  };
  const ids = new Set<string>();
  for (let i = 0; i < holders; i++) {
    const holder = makeHolder(ctx.random, ids, today);
    const before = ctx.rows.length;
    ctx.random.weighted(profiles)(ctx, holder);
    if (ctx.rows.length === before) issue(ctx, holder, 'mem.lv-electrician'); // everyone holds at least one
    if (ctx.rows.length === before)
      issue(ctx, holder, 'mohrss.skill-level', { occupation: OCC_ELECTRICIAN, level: '5' });
  }
  return ctx.rows;
}
