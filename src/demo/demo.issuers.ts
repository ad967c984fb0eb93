/**
 * Issuing organisations of the demo data: the provinces and cities that issue certificates (GB/T 2260 codes, MOHURD
 * city letters, the real names of the provincial construction authorities), the evaluation institutions, and the
 * SYNTHETIC 统一社会信用代码 given for them.
 */
import { creditCodeCheckChar } from '../shared/identifiers.ts';
import { mulberry32, Random } from './demo.random.ts';

// ---------------------------------------------------------------------------------------------------------------
// Places: GB/T 2260 codes (real county codes), MOHURD city letters, issuing authorities

export interface City {
  /** Prefecture-level code (the province's own code for a municipality). */
  code: string;
  name: string;
  /** The MOHURD number's city letter (A = the capital). */
  letter: string;
  counties: readonly string[];
}

export interface Institution {
  kind: 'Y' | 'S';
  /** 0000 when first filed with the province, else the 人社部 code. */
  code: string;
  site: string;
  name: string;
  /** Where it sits (any level). */
  region: string;
}

export interface IssuingProvince {
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

export const issuingProvinces: readonly IssuingProvince[] = [
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

// ---------------------------------------------------------------------------------------------------------------
// Synthetic 统一社会信用代码

/** FNV-1a: a stable hash of a name, so an organisation's synthetic codes do not depend on the seed. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (const c of s) {
    h ^= c.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

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
export function orgCodeFor(random: Random, name: string, prefix: '11' | '12' | '91', region: string): string {
  if (fnv1a(name) % 3 === 0 || !random.chance(0.8)) return '';
  return syntheticCreditCode(name, prefix, region);
}
