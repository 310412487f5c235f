import { createHash } from 'node:crypto';
import type { Hash } from '@itsm/audit-domain';
import { RecordedLeavesAhead } from './recorded-leaves-ahead';

/** A tree of `size` recorded leaves (leaf i = sha256(i)), with `missingFrom` and later not recorded, counting its reads. */
const treeOf = (size: number, missingFrom = size) => {
  const leafOf = (index: number): Hash => createHash('sha256').update(String(index)).digest();
  const reads: { first: number; count: number }[] = [];
  return {
    reads,
    leafOf,
    async readLeaves(first: number, count: number): Promise<Hash[]> {
      reads.push({ first, count });
      const leaves: Hash[] = [];
      for (let index = first; index < Math.min(first + count, size, missingFrom); index++) leaves.push(leafOf(index));
      return leaves;
    },
  };
};

describe('RecordedLeavesAhead', () => {
  it('given pages of any size taken in order, when the leaves cross read windows, then each page gets exactly its recorded leaves', async () => {
    const tree = treeOf(10_000);
    const ahead = new RecordedLeavesAhead(tree, 10_000);
    for (let first = 0; first < 10_000; first += 997) {
      const leaves = await ahead.take(first, 997);
      const expected = Array.from({ length: Math.min(997, 10_000 - first) }, (_, i) => tree.leafOf(first + i));
      expect(leaves).toEqual(expected);
    }
  });

  it('given a window taken, then the next window is already being read before it is asked for', async () => {
    const tree = treeOf(10_000);
    const ahead = new RecordedLeavesAhead(tree, 10_000);
    await ahead.take(0, 10);
    expect(tree.reads.map(({ first }) => first)).toEqual([0, 4096]);
  });

  it('given a tree whose tiles stop early, when a page reaches past them, then only the recorded leaves come back', async () => {
    const tree = treeOf(10_000, 5_000);
    const ahead = new RecordedLeavesAhead(tree, 10_000);
    expect(await ahead.take(4_000, 2_000)).toHaveLength(1_000);
    expect(await ahead.take(6_000, 10)).toEqual([]);
  });

  it('given a page past the recorded size, then it gets none and nothing is read for it', async () => {
    const tree = treeOf(100);
    const ahead = new RecordedLeavesAhead(tree, 100);
    expect(await ahead.take(90, 50)).toHaveLength(10);
    const reads = tree.reads.length;
    expect(await ahead.take(100, 50)).toEqual([]);
    expect(tree.reads).toHaveLength(reads);
  });

  it('given a verification from the middle of the tree, then the first window starts there', async () => {
    const tree = treeOf(10_000);
    const ahead = new RecordedLeavesAhead(tree, 10_000);
    expect(await ahead.take(7_000, 3)).toEqual([tree.leafOf(7_000), tree.leafOf(7_001), tree.leafOf(7_002)]);
    expect(tree.reads[0]).toEqual({ first: 7_000, count: 3_000 });
  });
});
