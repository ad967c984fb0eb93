import type { Worksheet } from 'exceljs';
import type { SpreadsheetValue } from '../shared/spreadsheet-cells.ts';
import type { TicketStats } from '../tickets/tickets.stats.ts';
import type {
  AgeBucket,
  Breakdown,
  CertificateFigures,
  EffectiveStatus,
  FigureName,
  FlowFigures,
  PassRateFigures,
  RecognitionFigures,
  StatisticsScope,
  WarningFigures,
} from './statistics.model.ts';
import { effectiveStatuses } from './statistics.model.ts';
import { addTicketSheets } from './statistics.xlsx-tickets.ts';

/** The figures of one export, each present when it was asked for. */
export interface ExportFigures {
  certificates?: CertificateFigures;
  recognitions?: RecognitionFigures;
  flows?: FlowFigures;
  'pass-rates'?: PassRateFigures;
  warnings?: WarningFigures;
  tickets?: TicketStats;
}

export interface ExportHeader {
  scope: StatisticsScope;
  scopeName: string;
  period: string;
  generatedAt: string;
  figures: FigureName[];
}

const statusHeaders: Record<EffectiveStatus, string> = {
  valid: '有效 Valid',
  expired: '已过期 Expired',
  'not-yet-valid': '未生效 Not yet valid',
  suspended: '已暂停 Suspended',
  revoked: '已撤销 Revoked',
};
const ageHeaders: Record<AgeBucket, string> = {
  lt7: '7天以内 Under 7 days',
  '7to30': '7–30天 7–30 days',
  gt30: '30天以上 Over 30 days',
};
const warningStatusNames: Record<string, string> = {
  created: '已生成 Created',
  sent: '已发送 Sent',
  answered: '已反馈 Answered',
  returned: '已退回 Returned',
  escalated: '已上报 Escalated',
  'sanction-proposed': '建议处理 Sanction proposed',
  closed: '已关闭 Closed',
};

/** Plain values only: a string cell stays a string, so a name like `=HYPERLINK(…)` cannot run (issue 17 §5). */
type Cell = SpreadsheetValue;

function flagOf(i: PassRateFigures['institutions'][number]): string {
  if (i.outlier === 'above') return '偏高 Above';
  if (i.outlier === 'below') return '偏低 Below';
  return i.inFunnel ? '' : '未纳入 Not placed';
}

function table(sheet: Worksheet, headers: string[], rows: Cell[][], percentColumns: number[] = []): void {
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  headers.forEach((h, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(12, Math.min(40, h.length + 4));
    if (percentColumns.includes(i)) column.numFmt = '0.0%';
  });
}

function breakdownRows<T extends Breakdown>(rows: T[], extra: (b: T) => Cell[] = () => []): Cell[][] {
  return rows.map((b) => [
    b.key.zh,
    b.key.code,
    ...extra(b),
    b.total,
    ...effectiveStatuses.map((s) => b.statuses[s]),
  ]);
}

const statusColumns = ['合计 Total', ...effectiveStatuses.map((s) => statusHeaders[s])];

/**
 * One workbook, a sheet per table of each figure asked for (certificates and recognitions and warnings have three
 * breakdowns each), headers in Chinese with English beside them. Every number is a number cell; rates are
 * formatted as percentages.
 */
export async function buildWorkbook(header: ExportHeader, figures: ExportFigures): Promise<Buffer> {
  const { default: excel } = await import('exceljs'); // loaded on first use, not at start-up
  const book = new excel.Workbook();
  book.creator = 'Hutong 互通';
  book.created = new Date(header.generatedAt);
  table(
    book.addWorksheet('说明 About'),
    ['项目 Item', '内容 Value'],
    [
      ['统计范围 Scope', header.scopeName],
      ['统计期间 Period', header.period],
      ['生成时间 Generated', header.generatedAt],
      ['图表 Figures', header.figures.join(', ')],
    ],
  );
  const c = figures.certificates;
  if (c) {
    table(
      book.addWorksheet('证书按部门 By department'),
      ['部门 Department', '代码 Code', ...statusColumns],
      breakdownRows(c.byDepartment),
    );
    table(
      book.addWorksheet('证书按类型 By type'),
      ['证书类型 Type', '代码 Code', '部门 Department', ...statusColumns],
      breakdownRows(c.byType, (b) => [b.department]),
    );
    table(
      book.addWorksheet('证书按省份 By province'),
      ['省份 Province', '代码 Code', ...statusColumns],
      breakdownRows(c.byProvince),
    );
  }
  const r = figures.recognitions;
  if (r) {
    table(
      book.addWorksheet('互认按规则 By rule'),
      ['规则 Rule', '代码 Code', '类别 Kind', '决定数 Decisions', '持证人数 Holders'],
      r.byRule.map((x) => [
        x.rule.zh,
        x.rule.code,
        x.kind === 'level' ? '视同等级 Level' : '免培训/考试 Exemption',
        x.decisions,
        x.holders,
      ]),
    );
    table(
      book.addWorksheet('互认按省份 By province'),
      ['申请地 Province applied in', '代码 Code', '决定数 Decisions', '持证人数 Holders'],
      r.byProvince.map((x) => [x.province.zh, x.province.code, x.decisions, x.holders]),
    );
    const rules = r.byRule.map((x) => x.rule.code);
    const cell = new Map(r.byMonth.map((m) => [`${m.month} ${m.rule}`, m.decisions]));
    table(
      book.addWorksheet('互认按月 By month'),
      ['月份 Month', ...r.byRule.map((x) => `${x.rule.zh} ${x.rule.code}`)],
      r.months.map((month) => [month, ...rules.map((rule) => cell.get(`${month} ${rule}`) ?? 0)]),
    );
  }
  const f = figures.flows;
  if (f) {
    table(
      book.addWorksheet('跨地区流动 Flows'),
      [
        '申请地 Applied in',
        '代码 Code',
        '发证地 Issued in',
        '代码 Code',
        '决定数 Decisions',
        '持证人数 Holders',
      ],
      f.flows.map((x) => [x.applied.zh, x.applied.code, x.issued.zh, x.issued.code, x.decisions, x.holders]),
    );
  }
  const p = figures['pass-rates'];
  if (p) {
    const limitHeaders = p.rule.zs.flatMap((z) => [`下限 Lower z=${z}`, `上限 Upper z=${z}`]);
    table(
      book.addWorksheet('机构通过率 Pass rates'),
      [
        '机构 Institution',
        '机构代码 Code',
        '省份 Province',
        '参评人数 Candidates',
        '合格人数 Passed',
        '通过率 Rate',
        'z',
        ...limitHeaders,
        '异常 Outlier',
      ],
      p.institutions.map((i) => [
        i.name,
        i.code,
        i.province.zh,
        i.n,
        i.passed,
        i.rate,
        i.z,
        ...p.rule.zs.flatMap((z) => {
          const limit = i.limits.find((l) => l.z === z);
          return [limit?.lower ?? null, limit?.upper ?? null];
        }),
        flagOf(i),
      ]),
      [5, ...p.rule.zs.flatMap((_, k) => [7 + 2 * k, 8 + 2 * k])],
    );
  }
  const w = figures.warnings;
  if (w) {
    table(
      book.addWorksheet('预警按规则 By rule'),
      ['规则 Rule', '代码 Code', '合计 Total', '未结 Open', '逾期 Overdue'],
      w.byRule.map((x) => [x.rule.zh, x.rule.code, x.total, x.open, x.overdue]),
    );
    table(
      book.addWorksheet('预警按状态 By status'),
      ['状态 Status', '代码 Code', '数量 Count'],
      w.byStatus.map((x) => [warningStatusNames[x.status] ?? x.status, x.status, x.count]),
    );
    table(
      book.addWorksheet('预警按时长 By age'),
      ['时长 Age', '代码 Code', '未结 Open'],
      w.byAge.map((x) => [ageHeaders[x.age], x.age, x.open]),
    );
  }
  if (figures.tickets) addTicketSheets(book, table, figures.tickets);
  return Buffer.from(await book.xlsx.writeBuffer());
}
