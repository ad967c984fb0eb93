/**
 * Certificate numbers and validity, per department: MOHURD 工种类别代码 and numbering sequences, the number formats
 * of MEM, SAMR, MOHURD and MOHRSS, and the validity dates each department's rules give.
 */
import { addDays, addYears } from '../registry/registry.rules.ts';
import type { City, Institution, IssuingProvince } from './demo.issuers.ts';
import type { Holder } from './demo.people.ts';
import { dateBetween, maxDate, type Random } from './demo.random.ts';

export type Department = 'mem' | 'mohurd' | 'samr' | 'mohrss';

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

export const departmentOf = (type: string) => type.slice(0, type.indexOf('.')) as Department;

/** What numbering and dating draw on during one run: the PRNG, the date the data describes, the serials so far. */
export interface NumberingContext {
  random: Random;
  today: string;
  serials: Map<string, number>;
}

/** The next serial of a numbering sequence: increasing, with gaps, so numbers never repeat. */
function nextSerial(ctx: NumberingContext, key: string): number {
  const previous = ctx.serials.get(key) ?? ctx.random.int(0, 300);
  const serial = previous + ctx.random.int(1, 37);
  ctx.serials.set(key, serial);
  return serial;
}

export function pickDates(
  ctx: NumberingContext,
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

/** The certificate number in its department's format; MOHURD and MOHRSS numbers take the next serial of a sequence. */
export function certificateNumber(
  ctx: NumberingContext,
  type: string,
  holder: Holder,
  province: IssuingProvince,
  city: City,
  institution: Institution | undefined,
  year: string,
  level: string | undefined,
): string {
  switch (departmentOf(type)) {
    case 'mem':
      return `T${holder.idNumber}`; // reference §2.3
    case 'samr':
      return holder.idNumber; // the common practice; the national numbering rule is not verified
    case 'mohurd': {
      const code = mohurdTradeCodes[type] ?? welderTradeCode(province.code);
      const serial = nextSerial(ctx, `${province.short}${code}${year}`);
      return `${province.short}${city.letter}${code}${year}${String(serial).padStart(6, '0')}`;
    }
    case 'mohrss': {
      const inst = institution as Institution;
      const head = `${inst.kind}${inst.code}${province.code.slice(0, 2)}${inst.site}${year.slice(2)}${level}`;
      return `${head}${String(nextSerial(ctx, head)).padStart(6, '0')}`;
    }
  }
}
