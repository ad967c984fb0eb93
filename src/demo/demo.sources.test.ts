import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSourceSchema } from '../sources/sources.model.ts';
import { testCatalog } from '../testing/app.ts';
import { generateDemoCertificates } from './demo.data.ts';
import { demoLinkedSources } from './demo.sources.ts';

describe('demo linked sources', () => {
  it('are valid registrations of catalog types of their own department', () => {
    const catalog = testCatalog();
    for (const source of demoLinkedSources) {
      assert.ok(createSourceSchema.safeParse(source).success, source.id);
      for (const type of source.types) {
        assert.equal(catalog.certificateTypesById.get(type)?.department, source.department, type);
      }
    }
  });

  it('cover only types the demo hosts no certificates of', () => {
    const linked = new Set(demoLinkedSources.flatMap((s) => s.types));
    const hosted = generateDemoCertificates().filter((row) => linked.has(row.type));
    assert.deepEqual(
      hosted.map((r) => r.type),
      [],
    );
  });
});
