import fc from 'fast-check';
import { CompactRange } from './compact-range';
import { EMPTY_ROOT, fromHex, leafHash, toHex, type Hash } from './hashes';
import { consistencyProof, inclusionProof, nodesFromLeaves, nodesOfRanges, rootOfNodes, rootRanges, verifyConsistency, verifyInclusion } from './proofs';
import { consistencyRanges, inclusionRanges } from './tree-math';

/** The test vectors of RFC 6962's reference implementation (certificate-transparency, Trillian, RFC 9162 tooling). */
const LEAF_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((hex) => Buffer.from(hex, 'hex'));
const LEAVES = LEAF_INPUTS.map(leafHash);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION_VECTORS = [
  { index: 0, size: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { index: 5, size: 8, proof: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { index: 0, size: 1, proof: [] },
];
const CONSISTENCY_VECTORS = [
  { first: 1, second: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { first: 2, second: 8, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { first: 6, second: 8, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
];

const rootOf = (leaves: readonly Hash[]): Hash => rootOfNodes(leaves.length, nodesFromLeaves(leaves, nodesOfRanges(rootRanges(leaves.length))));
const proveInclusion = (leaves: readonly Hash[], index: number, size: number) =>
  inclusionProof(index, size, nodesFromLeaves(leaves, nodesOfRanges(inclusionRanges(index, size))));
const proveConsistency = (leaves: readonly Hash[], first: number, second: number) =>
  consistencyProof(first, second, nodesFromLeaves(leaves, nodesOfRanges(consistencyRanges(first, second))));

const leavesOf = (count: number): Hash[] => Array.from({ length: count }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
const flipped = (hash: Hash): Hash => {
  const copy = Buffer.from(hash);
  copy[7] ^= 0x01;
  return copy;
};

describe('RFC 6962 Merkle tree', () => {
  describe('the reference vectors', () => {
    it('gives the published root for every size 0 to 8', () => {
      expect(toHex(EMPTY_ROOT)).toBe(ROOTS[0]);
      for (let size = 0; size <= 8; size++) expect(toHex(rootOf(LEAVES.slice(0, size)))).toBe(ROOTS[size]);
    });

    it('builds and verifies the published inclusion proofs', () => {
      for (const { index, size, proof } of INCLUSION_VECTORS) {
        expect(proveInclusion(LEAVES, index, size).map(toHex)).toEqual(proof);
        expect(verifyInclusion(LEAVES[index], index, size, proof.map(fromHex), fromHex(ROOTS[size]))).toBe(true);
      }
    });

    it('builds and verifies the published consistency proofs', () => {
      for (const { first, second, proof } of CONSISTENCY_VECTORS) {
        expect(proveConsistency(LEAVES, first, second).map(toHex)).toEqual(proof);
        expect(verifyConsistency(first, second, fromHex(ROOTS[first]), fromHex(ROOTS[second]), proof.map(fromHex))).toBe(true);
      }
    });
  });

  describe('the compact range (the checkpointer\'s incremental tree)', () => {
    it('has the root of the whole tree after every append, and survives being stored', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 300 }), (size) => {
          const leaves = leavesOf(size);
          let range = CompactRange.empty();
          leaves.forEach((leaf, index) => {
            range.append(leaf);
            if (index % 37 === 0) range = CompactRange.decode(range.size, range.encode());
          });
          expect(range.size).toBe(size);
          expect(range.root().equals(rootOf(leaves))).toBe(true);
        }),
        { numRuns: 40 },
      );
    });

    it('reports every perfect subtree an append completes, with the hash the tree has there', () => {
      const leaves = leavesOf(21);
      const completed: { level: number; index: number; hash: Hash }[] = [];
      const range = CompactRange.empty();
      for (const leaf of leaves) range.append(leaf, (node) => completed.push(node));
      expect(completed).toHaveLength(21 + 10 + 5 + 2 + 1);
      for (const node of completed) expect(node.hash.equals(nodesFromLeaves(leaves, [node]).get(`${node.level}/${node.index}`) as Hash)).toBe(true);
    });

    it('refuses a stored edge that does not fit its size', () => {
      expect(() => CompactRange.of(5, [LEAVES[0]])).toThrow(/2 edge nodes/);
    });
  });

  describe('inclusion proofs', () => {
    it('verify for every leaf of every tree, and fail for another leaf, index, size or root', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 200 }).chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 }))), ([size, index]) => {
          const leaves = leavesOf(size);
          const root = rootOf(leaves);
          const proof = proveInclusion(leaves, index, size);
          expect(verifyInclusion(leaves[index], index, size, proof, root)).toBe(true);
          expect(verifyInclusion(flipped(leaves[index]), index, size, proof, root)).toBe(false);
          expect(verifyInclusion(leaves[index], index, size, proof, flipped(root))).toBe(false);
          if (size > 1) expect(verifyInclusion(leaves[index], (index + 1) % size, size, proof, root)).toBe(false);
          expect(verifyInclusion(leaves[index], index, size, [...proof, leaves[0]], root)).toBe(false);
          if (proof.length > 0) {
            expect(verifyInclusion(leaves[index], index, size, proof.slice(0, -1), root)).toBe(false);
            expect(verifyInclusion(leaves[index], index, size, [flipped(proof[0]), ...proof.slice(1)], root)).toBe(false);
          }
        }),
        { numRuns: 200 },
      );
    });

    it('are refused for malformed input rather than throwing', () => {
      expect(verifyInclusion(LEAVES[0], 8, 8, [], fromHex(ROOTS[8]))).toBe(false);
      expect(verifyInclusion(LEAVES[0], -1, 8, [], fromHex(ROOTS[8]))).toBe(false);
      expect(verifyInclusion(Buffer.alloc(31), 0, 1, [], fromHex(ROOTS[1]))).toBe(false);
    });
  });

  describe('consistency proofs', () => {
    it('verify between every two sizes of a growing tree, and fail when either tree differs', () => {
      const pair = fc.integer({ min: 0, max: 200 }).chain((second) => fc.tuple(fc.integer({ min: 0, max: second }), fc.constant(second)));
      fc.assert(
        fc.property(pair, fc.nat(), ([first, second], seed) => {
          const leaves = leavesOf(second);
          const firstRoot = rootOf(leaves.slice(0, first));
          const secondRoot = rootOf(leaves);
          const proof = proveConsistency(leaves, first, second);
          expect(verifyConsistency(first, second, firstRoot, secondRoot, proof)).toBe(true);
          if (first > 0 && first < second) {
            // A rewritten old leaf: the new tree no longer extends the old one.
            const rewritten = [...leaves];
            rewritten[seed % first] = flipped(rewritten[seed % first]);
            expect(verifyConsistency(first, second, firstRoot, rootOf(rewritten), proveConsistency(rewritten, first, second))).toBe(false);
            expect(verifyConsistency(first, second, flipped(firstRoot), secondRoot, proof)).toBe(false);
            expect(verifyConsistency(first, second, firstRoot, secondRoot, proof.slice(1))).toBe(false);
            expect(verifyConsistency(first, second, firstRoot, secondRoot, [...proof, leaves[0]])).toBe(false);
          }
        }),
        { numRuns: 200 },
      );
    });

    it('hold a tree cut short and grown again to the old size to its old root', () => {
      // Deleting the tail and appending as many new events keeps the size but not the root.
      const leaves = leavesOf(40);
      const regrown = [...leaves.slice(0, 30), ...leavesOf(10).map(flipped)];
      const checkpoint = rootOf(leaves.slice(0, 35));
      expect(verifyConsistency(35, 40, checkpoint, rootOf(regrown), proveConsistency(regrown, 35, 40))).toBe(false);
    });

    it('treat the empty tree and equal sizes as RFC 9162 does', () => {
      expect(verifyConsistency(0, 8, EMPTY_ROOT, fromHex(ROOTS[8]), [])).toBe(true);
      expect(verifyConsistency(4, 4, fromHex(ROOTS[4]), fromHex(ROOTS[4]), [])).toBe(true);
      expect(verifyConsistency(4, 4, fromHex(ROOTS[4]), fromHex(ROOTS[5]), [])).toBe(false);
      expect(verifyConsistency(6, 8, fromHex(ROOTS[6]), fromHex(ROOTS[8]), [])).toBe(false);
      expect(verifyConsistency(8, 6, fromHex(ROOTS[8]), fromHex(ROOTS[6]), [])).toBe(false);
    });
  });
});
