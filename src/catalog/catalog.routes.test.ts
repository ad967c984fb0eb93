import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { AppError, statusOf } from '../shared/errors.ts';
import { loadCatalog } from './catalog.load.ts';
import { catalogRoutes } from './catalog.routes.ts';

const catalog = loadCatalog(path.resolve(import.meta.dirname, '../../catalog'));

const registered: RouteOptions[] = [];

/** A bare app with the catalog routes only; the error handler stands in for app.ts's code → status table. */
async function buildCatalogApp(): Promise<FastifyInstance> {
  const app = Fastify();
  app.addHook('onRoute', (route) => {
    registered.push(route);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof AppError) {
      return reply.status(statusOf(error.code)).send({ error: { code: error.code, message: error.message } });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply.status(status).send({ error: { code: status === 400 ? 'validation_failed' : 'internal' } });
  });
  await app.register(catalogRoutes, { prefix: '/api/v1', catalog });
  await app.ready();
  return app;
}

describe('catalog routes', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildCatalogApp();
  });
  after(() => app.close());

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() };
  };

  it('lists the departments', async () => {
    const { status, body } = await get('/api/v1/catalog/departments');
    assert.equal(status, 200);
    assert.deepEqual(
      body.items.map((d: { id: string }) => d.id),
      ['mohrss', 'mohurd', 'mem', 'samr'],
    );
  });

  it('lists every certificate type', async () => {
    const { status, body } = await get('/api/v1/catalog/certificate-types');
    assert.equal(status, 200);
    assert.equal(body.items.length, catalog.certificateTypes.length);
  });

  it('filters by department and kind', async () => {
    const mohurd = await get('/api/v1/catalog/certificate-types?department=mohurd');
    assert.equal(mohurd.status, 200);
    assert.equal(mohurd.body.items.length, 12);
    assert.ok(mohurd.body.items.every((t: { department: string }) => t.department === 'mohurd'));

    const skill = await get('/api/v1/catalog/certificate-types?kind=skill-level');
    assert.deepEqual(
      skill.body.items.map((t: { id: string }) => t.id),
      ['mohrss.skill-level'],
    );
  });

  it('searches id, names and official code', async () => {
    const byName = await get(
      `/api/v1/catalog/certificate-types?q=${encodeURIComponent('焊')}&department=mem`,
    );
    assert.deepEqual(
      byName.body.items.map((t: { id: string }) => t.id),
      ['mem.fusion-welding', 'mem.pressure-welding', 'mem.brazing'],
    );
    const byCode = await get('/api/v1/catalog/certificate-types?q=Q2');
    assert.deepEqual(
      byCode.body.items.map((t: { id: string }) => t.id),
      ['samr.crane-operator'],
    );
    const byEnglish = await get('/api/v1/catalog/certificate-types?q=HIGH-VOLTAGE');
    assert.deepEqual(
      byEnglish.body.items.map((t: { id: string }) => t.id),
      ['mem.hv-electrician'],
    );
  });

  it('answers 400 for an unknown department', async () => {
    const { status } = await get('/api/v1/catalog/certificate-types?department=moe');
    assert.equal(status, 400);
  });

  it('gets one type by id, with its number format and validity', async () => {
    const { status, body } = await get('/api/v1/catalog/certificate-types/mem.lv-electrician');
    assert.equal(status, 200);
    assert.equal(body.officialCode, '1.2');
    assert.equal(body.validity.years, 6);
    assert.deepEqual(body.numberFormat.checks, ['gb11643-embedded']);
    assert.deepEqual(body, catalog.certificateTypesById.get('mem.lv-electrician'));
  });

  it('answers 404 for an unknown type', async () => {
    const { status, body } = await get('/api/v1/catalog/certificate-types/mem.astronaut');
    assert.equal(status, 404);
    assert.equal(body.error.code, 'not_found');
  });

  it('lists occupations and gets one by code', async () => {
    const list = await get('/api/v1/catalog/occupations');
    assert.equal(list.status, 200);
    assert.ok(list.body.items.length >= 2);
    const one = await get('/api/v1/catalog/occupations/6-18-02-04');
    assert.equal(one.status, 200);
    assert.equal(one.body.nameZh, '焊工');
    assert.equal((await get('/api/v1/catalog/occupations/6-99-99-99')).status, 404);
  });

  it('lists the eight levels by rank and the 31 regions', async () => {
    const levels = await get('/api/v1/catalog/levels');
    assert.deepEqual(
      levels.body.items.map((l: { id: string }) => l.id),
      ['apprentice', '5', '4', '3', '2', '1', 'principal', 'chief'],
    );
    const regions = await get('/api/v1/catalog/regions');
    assert.equal(regions.body.items.length, 31);
    // Prefectures name city codes (issue 15 §4): 佛山市 in 广东省, and no 市辖区 placeholder row.
    const prefectures: { code: string; nameZh: string; province: string }[] = regions.body.prefectures;
    assert.deepEqual(
      prefectures.find((p) => p.code === '440600'),
      { code: '440600', nameZh: '佛山市', province: '440000' },
    );
    assert.equal(prefectures.find((p) => p.code === '320500')?.nameZh, '苏州市');
    assert.ok(!prefectures.some((p) => p.nameZh === '市辖区'));
  });

  it('marks every route public, tags it and declares its 200 response', () => {
    const gets = registered.filter((r) => r.method === 'GET');
    assert.equal(gets.length, 7);
    for (const route of gets) {
      assert.deepEqual(
        (route.config as { access?: unknown } | undefined)?.access,
        { public: true },
        route.url,
      );
      assert.deepEqual(route.schema?.tags, ['catalog'], route.url);
      assert.ok((route.schema?.response as Record<number, unknown> | undefined)?.[200], route.url);
    }
  });
});
