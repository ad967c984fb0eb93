import type { Workbook, Worksheet } from 'exceljs';
import type { SpreadsheetValue } from '../shared/spreadsheet-cells.ts';
import type { TicketStats } from '../tickets/tickets.stats.ts';

type Table = (
  sheet: Worksheet,
  headers: string[],
  rows: SpreadsheetValue[][],
  percentColumns?: number[],
) => void;

/**
 * 咨询投诉 (issue 14 §5) in the 跟踪分析 workbook: a summary sheet, one sheet per breakdown, and the months. The
 * numbers are those of `GET /tickets/statistics`; aggregates only, never a ticket's text or contact.
 */
export function addTicketSheets(book: Workbook, table: Table, s: TicketStats): void {
  table(
    book.addWorksheet('咨询投诉概况 Tickets'),
    ['项目 Item', '代码 Code', '数值 Value'],
    [
      ['咨询投诉总数 Tickets', 'total', s.total],
      ['已答复 Replied', 'replied', s.replies.replied],
      ['首次答复用时中位数(小时) Median hours to first reply', 'median-hours', s.replies.medianHoursToReply],
      ['逾期 Overdue', 'overdue', s.deadlines.overdue],
      ['逾期比例 Overdue share', 'overdue-share', s.deadlines.overdueShare],
      ['已升级 Escalated', 'escalated', s.deadlines.escalated],
      ['已评价 Rated', 'rated', s.satisfaction.rated],
      ['平均满意度 Mean satisfaction (1–5)', 'satisfaction', s.satisfaction.mean],
      ...s.satisfaction.distribution.map((d): SpreadsheetValue[] => [
        `${d.score}分 Score ${d.score}`,
        `score-${d.score}`,
        d.tickets,
      ]),
    ],
  );
  const sheets: [string, string, TicketStats['byTopic']][] = [
    ['咨询投诉按主题 By topic', '主题 Topic', s.byTopic],
    ['咨询投诉按规则 By rule', '规则 Rule', s.byRule],
    ['咨询投诉按省份 By province', '省份 Province', s.byProvince],
    ['咨询投诉按部门 By department', '部门 Department', s.byDepartment],
    ['咨询投诉按证书 By type', '证书类型 Type', s.byType],
  ];
  for (const [name, header, rows] of sheets)
    table(
      book.addWorksheet(name),
      [header, '代码 Code', '件数 Tickets'],
      rows.map((b) => [b.key.zh, b.key.code, b.tickets]),
    );
  const months = [...new Set(s.byMonth.map((m) => m.month))].sort();
  const cell = (month: string, kind: string) =>
    s.byMonth.find((m) => m.month === month && m.kind === kind)?.tickets ?? 0;
  table(
    book.addWorksheet('咨询投诉按月 By month'),
    ['月份 Month', '咨询 Questions', '投诉 Complaints', '合计 Total'],
    months.map((month) => [
      month,
      cell(month, 'question'),
      cell(month, 'complaint'),
      cell(month, 'question') + cell(month, 'complaint'),
    ]),
  );
}
