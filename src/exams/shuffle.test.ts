import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shuffledPaper } from './shuffle.ts';

const paper = Array.from({ length: 20 }, (_, i) => ({
  itemId: `item-${i}`,
  options: ['A', 'B', 'C', 'D'].map((id) => ({ id })),
}));

describe('stable per-candidate shuffling (issue 7 §2)', () => {
  it('gives the same seed the same item and option order, as on a reload', () => {
    assert.deepEqual(shuffledPaper('seed-1', paper), shuffledPaper('seed-1', structuredClone(paper)));
  });

  it('gives different seeds different orders', () => {
    const orders = new Set(
      Array.from({ length: 20 }, (_, i) => shuffledPaper(`seed-${i}`, paper).order.join()),
    );
    assert.equal(orders.size, 20);
  });

  it('permutes: every item and option once, options not all left in place', () => {
    const s = shuffledPaper('seed-2', paper);
    assert.deepEqual([...s.order].sort(), paper.map((p) => p.itemId).sort());
    assert.notDeepEqual(
      s.order,
      paper.map((p) => p.itemId),
    );
    for (const p of paper) assert.deepEqual([...(s.options[p.itemId] ?? [])].sort(), ['A', 'B', 'C', 'D']);
    const moved = paper.filter((p) => s.options[p.itemId]?.join() !== 'A,B,C,D');
    assert.ok(moved.length > 10, `options permuted on ${moved.length} of 20 items`);
  });

  it("keeps an item's option order whatever the other items are", () => {
    const alone = shuffledPaper('seed-3', [paper[5] as (typeof paper)[number]]);
    assert.deepEqual(alone.options['item-5'], shuffledPaper('seed-3', paper).options['item-5']);
  });

  it('handles an item without options and an empty paper', () => {
    assert.deepEqual(shuffledPaper('s', []), { order: [], options: {} });
    assert.deepEqual(shuffledPaper('s', [{ itemId: 'x', options: [] }]), {
      order: ['x'],
      options: { x: [] },
    });
  });
});
