import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type AuditEntry,
  canonicalJson,
  checkChainLink,
  GENESIS_HASH,
  hashAuditEntry,
  type StoredAuditEntry,
} from './audit.model.ts';

function chain(n: number): StoredAuditEntry[] {
  const rows: StoredAuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const entry: AuditEntry = {
      position: i,
      id: `id-${i}`,
      at: new Date(Date.UTC(2026, 10, 29, 0, 0, i)).toISOString(),
      actorId: 'u1',
      actorLabel: 'admin',
      action: 'user.update',
      targetType: 'user',
      targetId: `t${i}`,
      before: { b: 1, a: [i, 'x'] },
      after: { name: '张三·李' },
      requestId: `r${i}`,
      prevHash,
    };
    const hash = hashAuditEntry(entry);
    rows.push({ ...entry, hash });
    prevHash = hash;
  }
  return rows;
}

function firstProblem(rows: StoredAuditEntry[]) {
  let previous: StoredAuditEntry | null = null;
  for (const row of rows) {
    const problem = checkChainLink(previous, row);
    if (problem) return problem;
    previous = row;
  }
  return null;
}

describe('audit hash chain', () => {
  it('canonical JSON ignores key order, as a jsonb round trip does', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: 2, c: [1, null] } }),
      canonicalJson({ a: { c: [1, null], d: 2 }, b: 1 }),
    );
    assert.notEqual(canonicalJson({ a: 1 }), canonicalJson({ a: '1' }));
  });

  it('an intact chain has no problem', () => {
    assert.equal(firstProblem(chain(5)), null);
  });

  const cases: Array<{
    name: string;
    tamper: (rows: StoredAuditEntry[]) => StoredAuditEntry[];
    expect: { position: number; kind: string };
  }> = [
    {
      name: 'an edited field is reported at that row',
      tamper: (rows) => rows.map((r) => (r.position === 3 ? { ...r, after: { name: '王五' } } : r)),
      expect: { position: 3, kind: 'edited' },
    },
    {
      name: 'an edited actor is reported at that row',
      tamper: (rows) => rows.map((r) => (r.position === 1 ? { ...r, actorLabel: 'someone' } : r)),
      expect: { position: 1, kind: 'edited' },
    },
    {
      name: 'a removed row is reported at the row after the gap',
      tamper: (rows) => rows.filter((r) => r.position !== 2),
      expect: { position: 3, kind: 'removed' },
    },
    {
      name: 'removing the first row is detected',
      tamper: (rows) => rows.slice(1),
      expect: { position: 2, kind: 'removed' },
    },
    {
      name: 'two rows swapped (positions renumbered) break the link',
      tamper: (rows) => {
        const [a, b, c, d, e] = rows as [
          StoredAuditEntry,
          StoredAuditEntry,
          StoredAuditEntry,
          StoredAuditEntry,
          StoredAuditEntry,
        ];
        return [a, { ...c, position: 2 }, { ...b, position: 3 }, d, e];
      },
      expect: { position: 2, kind: 'reordered' },
    },
    {
      name: 'a recomputed hash on an edited row still breaks the next link',
      tamper: (rows) =>
        rows.map((r) => {
          if (r.position !== 2) return r;
          const { hash: _old, ...entry } = { ...r, action: 'nothing.happened' };
          return { ...entry, hash: hashAuditEntry(entry) };
        }),
      expect: { position: 3, kind: 'reordered' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const problem = firstProblem(c.tamper(chain(5)));
      assert.ok(problem, 'expected a problem');
      assert.equal(problem.position, c.expect.position);
      assert.equal(problem.kind, c.expect.kind);
    });
  }
});
