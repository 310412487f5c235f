import fc from 'fast-check';
import { CompactRange, type CompletedNode } from './compact-range';
import { leafHash, type Hash } from './hashes';
import { consistencyProof, inclusionProof, nodesFromLeaves, nodesOfRanges } from './proofs';
import { nodeFromTiles, tileAppendsOf, tileKey, tilesOfNodes } from './tiles';
import { consistencyRanges, inclusionRanges, nodeKey, type NodeId } from './tree-math';

/** Grows a tree in batches as the checkpointer does, keeping only the tiles. */
const storedTree = (size: number, batch: number) => {
  const leaves: Hash[] = Array.from({ length: size }, (_, i) => leafHash(Buffer.from(`event ${i}`)));
  const tiles = new Map<string, Buffer>();
  const range = CompactRange.empty();
  for (let start = 0; start < size; start += batch) {
    const completed: CompletedNode[] = [];
    for (const leaf of leaves.slice(start, start + batch)) range.append(leaf, (node) => completed.push(node));
    for (const append of tileAppendsOf(completed)) {
      const existing = tiles.get(tileKey(append)) ?? Buffer.alloc(0);
      expect(existing.length).toBe(append.offset * 32);
      tiles.set(tileKey(append), Buffer.concat([existing, append.hashes]));
    }
  }
  return { leaves, tiles };
};

const fromTiles = (ids: readonly NodeId[], tiles: Map<string, Buffer>) => {
  tilesOfNodes(ids).forEach((tile) => expect(tiles.has(tileKey(tile))).toBe(true));
  return new Map(ids.map((id) => [nodeKey(id), nodeFromTiles(id, tiles)]));
};

describe('tiles (the checkpointer\'s stored tree)', () => {
  const { leaves, tiles } = storedTree(70_000, 997);

  it('hold 256 hashes per full tile, the leaves on level 0 and every 8th tree level above', () => {
    expect(tiles.get('0/0')?.length).toBe(256 * 32);
    expect(tiles.get('0/273')?.length).toBe((70_000 - 273 * 256) * 32);
    expect(tiles.get('1/0')?.length).toBe(256 * 32);
    expect(tiles.get('1/1')?.length).toBe((273 - 256) * 32);
    expect(tiles.get('2/0')?.length).toBe(32);
  });

  it('give the same inclusion and consistency proofs as the leaves themselves', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70_000 }), fc.nat(), fc.nat(), (size, leafSeed, firstSeed) => {
        const index = leafSeed % size;
        const first = firstSeed % (size + 1);
        const inclusionNodes = nodesOfRanges(inclusionRanges(index, size));
        expect(inclusionProof(index, size, fromTiles(inclusionNodes, tiles))).toEqual(inclusionProof(index, size, nodesFromLeaves(leaves, inclusionNodes)));
        const consistencyNodes = nodesOfRanges(consistencyRanges(first, size));
        expect(consistencyProof(first, size, fromTiles(consistencyNodes, tiles))).toEqual(consistencyProof(first, size, nodesFromLeaves(leaves, consistencyNodes)));
      }),
      { numRuns: 25 },
    );
  });
});
