import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../http/auth.plugin.ts';
import { exportStatistics } from './statistics.export.ts';
import { getIntakeFigures, intakeFiguresSchema } from './statistics.intakes.ts';
import {
  certificateFiguresSchema,
  exportQuerySchema,
  flowFiguresSchema,
  passRateFiguresSchema,
  passRateQuerySchema,
  recognitionFiguresSchema,
  statisticsQuerySchema,
  warningFiguresSchema,
} from './statistics.model.ts';
import {
  getCertificateFigures,
  getFlowFigures,
  getPassRateFigures,
  getRecognitionFigures,
  getWarningFigures,
  type StatisticsDeps,
} from './statistics.service.ts';

const tags = ['statistics'];
// Each caller sees its own scope (statistics.rules.ts decideScope): national, a province, a department.
const analysts = { roles: ['system-admin', 'department-admin', 'province-admin', 'supervisor'] } as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 跟踪分析 (issue 8 §4): aggregate figures in the caller's scope, as JSON and as one XLSX workbook. */
export async function statisticsRoutes(base: FastifyInstance, deps: StatisticsDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/statistics/certificates',
    {
      schema: {
        tags,
        summary:
          '证书统计 Certificates by department, type and issuing province, with their status as of today',
        querystring: statisticsQuerySchema,
        response: { 200: certificateFiguresSchema },
      },
      config: { access: analysts },
    },
    async (request) => getCertificateFigures(deps, principalOf(request), request.query),
  );

  app.get(
    '/statistics/recognitions',
    {
      schema: {
        tags,
        summary: '互认统计 Recognitions granted by rule, by the province applied in, and by month',
        querystring: statisticsQuerySchema,
        response: { 200: recognitionFiguresSchema },
      },
      config: { access: analysts },
    },
    async (request) => getRecognitionFigures(deps, principalOf(request), request.query),
  );

  app.get(
    '/statistics/flows',
    {
      schema: {
        tags,
        summary: '跨地区流动 Where holders applied × where the certificates they used were issued',
        querystring: statisticsQuerySchema,
        response: { 200: flowFiguresSchema },
      },
      config: { access: analysts },
    },
    async (request) => getFlowFigures(deps, principalOf(request), request.query),
  );

  app.get(
    '/statistics/pass-rates',
    {
      schema: {
        tags,
        summary: '机构通过率 Pass rates by institution on the funnel plot of the supervision rule',
        querystring: passRateQuerySchema,
        response: { 200: passRateFiguresSchema },
      },
      config: { access: analysts },
    },
    async (request) => getPassRateFigures(deps, principalOf(request), request.query),
  );

  app.get(
    '/statistics/warnings',
    {
      schema: {
        tags,
        summary: '预警统计 Warnings by rule, status and age; overdue ones counted',
        querystring: statisticsQuerySchema,
        response: { 200: warningFiguresSchema },
      },
      config: { access: analysts },
    },
    async (request) => getWarningFigures(deps, principalOf(request), request.query),
  );

  app.get(
    '/statistics/intakes',
    {
      schema: {
        tags,
        summary: '受理统计 互认决定书 intake outcomes (accepted / refused) by rule, department and province',
        querystring: statisticsQuerySchema,
        response: { 200: intakeFiguresSchema },
      },
      config: { access: analysts },
    },
    async (request) => getIntakeFigures(deps, principalOf(request), request.query),
  );

  app.get(
    '/statistics/export.xlsx',
    {
      schema: {
        tags,
        summary:
          '导出 Excel Every figure asked for (`figures=certificates,flows,…`; all by default), a sheet per table',
        querystring: exportQuerySchema,
      },
      config: { access: analysts },
    },
    async (request, reply) => {
      const file = await exportStatistics(deps, principalOf(request), request.query);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
}
