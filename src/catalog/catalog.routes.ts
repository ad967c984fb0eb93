/**
 * Read-only, public catalog routes (registered under `/api/v1`). The catalog is loaded once at start-up and passed
 * in; the handlers only filter it.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../shared/errors.ts';
import {
  type Catalog,
  type CertificateType,
  certificateKindSchema,
  certificateTypeSchema,
  departmentIdSchema,
  departmentSchema,
  levelSchema,
  occupationSchema,
  regionSchema,
} from './catalog.model.ts';
import { prefectureSchema } from './catalog.prefectures.ts';

const tags = ['catalog'];
const publicAccess = { access: { public: true } } as const;
const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export async function catalogRoutes(app: FastifyInstance, opts: { catalog: Catalog }): Promise<void> {
  const { catalog } = opts;
  const api = app.withTypeProvider<ZodTypeProvider>();
  // The catalog never changes after load: build the list answers once.
  const departments = { items: [...catalog.departments] };
  const occupations = { items: [...catalog.occupations] };
  const levels = { items: [...catalog.levels].sort((a, b) => a.rank - b.rank) };
  const regions = { items: [...catalog.regions], prefectures: [...catalog.prefectures] };

  api.get(
    '/catalog/departments',
    {
      schema: { tags, summary: 'The four departments', response: { 200: itemsOf(departmentSchema) } },
      config: publicAccess,
    },
    async () => departments,
  );

  api.get(
    '/catalog/certificate-types',
    {
      schema: {
        tags,
        summary: 'Certificate types, optionally filtered',
        querystring: z.object({
          department: departmentIdSchema.optional(),
          kind: certificateKindSchema.optional(),
          q: z.string().trim().min(1).max(100).optional().describe('matches id, names and official code'),
        }),
        response: { 200: itemsOf(certificateTypeSchema) },
      },
      config: publicAccess,
    },
    async (request) => {
      const { department, kind, q } = request.query;
      const needle = q?.toLowerCase();
      const items = catalog.certificateTypes.filter(
        (t) =>
          (department === undefined || t.department === department) &&
          (kind === undefined || t.kind === kind) &&
          (needle === undefined || matches(t, needle)),
      );
      return { items };
    },
  );

  api.get(
    '/catalog/certificate-types/:id',
    {
      schema: {
        tags,
        summary: 'One certificate type',
        params: z.object({ id: z.string().max(100) }),
        response: { 200: certificateTypeSchema },
      },
      config: publicAccess,
    },
    async (request) => {
      const type = catalog.certificateTypesById.get(request.params.id);
      if (type === undefined) throw new AppError('not_found', `no certificate type ${request.params.id}`);
      return type;
    },
  );

  api.get(
    '/catalog/occupations',
    {
      schema: {
        tags,
        summary: 'Occupations with their application conditions',
        response: { 200: itemsOf(occupationSchema) },
      },
      config: publicAccess,
    },
    async () => occupations,
  );

  api.get(
    '/catalog/occupations/:code',
    {
      schema: {
        tags,
        summary: 'One occupation',
        params: z.object({ code: z.string().max(20) }),
        response: { 200: occupationSchema },
      },
      config: publicAccess,
    },
    async (request) => {
      const occupation = catalog.occupationsByCode.get(request.params.code);
      if (occupation === undefined) throw new AppError('not_found', `no occupation ${request.params.code}`);
      return occupation;
    },
  );

  api.get(
    '/catalog/levels',
    {
      schema: { tags, summary: 'Skill levels, lowest rank first', response: { 200: itemsOf(levelSchema) } },
      config: publicAccess,
    },
    async () => levels,
  );

  api.get(
    '/catalog/regions',
    {
      schema: {
        tags,
        summary: 'The 31 province-level regions, and the prefecture-level divisions that name city codes',
        // Prefectures ride along (issue 15 §4): every page that names a region already loads this list once.
        response: { 200: itemsOf(regionSchema).extend({ prefectures: z.array(prefectureSchema) }) },
      },
      config: publicAccess,
    },
    async () => regions,
  );
}

function matches(type: CertificateType, needle: string): boolean {
  return [type.id, type.nameZh, type.nameEn, type.officialCode ?? ''].some((s) =>
    s.toLowerCase().includes(needle),
  );
}
