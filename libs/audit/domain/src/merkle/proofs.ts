import { EMPTY_ROOT, isHash, nodeHash, type Hash } from './hashes';
import {
  consistencyRanges,
  half,
  inclusionRanges,
  isOdd,
  isPowerOfTwo,
  nodeKey,
  rangeNodes,
  type LeafRange,
  type NodeId,
} from './tree-math';

/** Hashes of perfect subtrees, by `nodeKey`: what a proof or root is computed from. */
export type NodeHashes = ReadonlyMap<string, Hash>;

/** The hash of a range from its perfect subtrees (right fold, as RFC 6962 builds an unbalanced right edge). */
export const foldRange = (range: LeafRange, nodes: NodeHashes): Hash => {
  const ids = rangeNodes(range);
  let hash = nodeOf(nodes, ids[ids.length - 1]);
  for (let i = ids.length - 2; i >= 0; i--) hash = nodeHash(nodeOf(nodes, ids[i]), hash);
  return hash;
};

const nodeOf = (nodes: NodeHashes, id: NodeId): Hash => {
  const hash = nodes.get(nodeKey(id));
  if (!hash) throw new Error(`node ${nodeKey(id)} is missing`);
  return hash;
};

/** Every perfect subtree needed to build these ranges (fetch them, then call `foldRange` or a `*Proof`). */
export const nodesOfRanges = (ranges: readonly LeafRange[]): NodeId[] => {
  const seen = new Map<string, NodeId>();
  for (const range of ranges) for (const id of rangeNodes(range)) seen.set(nodeKey(id), id);
  return [...seen.values()];
};

/** The perfect subtrees of the tree of `size` leaves, for its root hash. */
export const rootRanges = (size: number): LeafRange[] => (size === 0 ? [] : [{ start: 0, end: size }]);

export const rootOfNodes = (size: number, nodes: NodeHashes): Hash => (size === 0 ? EMPTY_ROOT : foldRange({ start: 0, end: size }, nodes));

/** An inclusion proof (audit path) from the subtrees that `inclusionRanges` names. */
export const inclusionProof = (leafIndex: number, treeSize: number, nodes: NodeHashes): Hash[] =>
  inclusionRanges(leafIndex, treeSize).map((range) => foldRange(range, nodes));

/** A consistency proof from the subtrees that `consistencyRanges` names. */
export const consistencyProof = (firstSize: number, secondSize: number, nodes: NodeHashes): Hash[] =>
  consistencyRanges(firstSize, secondSize).map((range) => foldRange(range, nodes));

/**
 * RFC 9162 §2.1.3.2: recomputes the root from a leaf hash and its audit path. False for any malformed input
 * (index out of range, wrong path length, a hash that is not 32 bytes).
 */
export const verifyInclusion = (leaf: Hash, leafIndex: number, treeSize: number, proof: readonly Hash[], root: Hash): boolean => {
  if (!isHash(leaf) || !isHash(root) || !Array.isArray(proof) || !proof.every(isHash)) return false;
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
};

/**
 * RFC 9162 §2.1.4.2: whether the tree of `secondSize` leaves with root `secondRoot` extends the tree of
 * `firstSize` with root `firstRoot` (appends only). Sizes 0 and equal sizes need an empty proof.
 */
export const verifyConsistency = (
  firstSize: number,
  secondSize: number,
  firstRoot: Hash,
  secondRoot: Hash,
  proof: readonly Hash[],
): boolean => {
  if (!isHash(firstRoot) || !isHash(secondRoot) || !Array.isArray(proof) || !proof.every(isHash)) return false;
  if (!Number.isSafeInteger(firstSize) || !Number.isSafeInteger(secondSize) || firstSize < 0 || firstSize > secondSize) return false;
  if (firstSize === 0) return proof.length === 0 && firstRoot.equals(EMPTY_ROOT);
  if (firstSize === secondSize) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(firstSize) ? [firstRoot, ...proof] : [...proof];
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0;
};

/** The root of a perfect subtree from its 2^k bottom hashes (leaves, or the nodes of a lower level), pairwise. */
export const perfectRoot = (hashes: readonly Hash[]): Hash => {
  if (hashes.length === 0 || !isPowerOfTwo(hashes.length)) throw new RangeError(`a perfect subtree has 2^k bottom nodes, got ${hashes.length}`);
  let level = [...hashes];
  while (level.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1]));
    level = next;
  }
  return level[0];
};

/** The hashes of the given perfect subtrees of a tree whose leaf hashes are all at hand (tests, small logs). */
export const nodesFromLeaves = (leaves: readonly Hash[], ids: readonly NodeId[]): Map<string, Hash> =>
  new Map(
    ids.map((id) => {
      const width = 2 ** id.level;
      const first = id.index * width;
      if (first + width > leaves.length) throw new RangeError(`node ${nodeKey(id)} is beyond ${leaves.length} leaves`);
      return [nodeKey(id), perfectRoot(leaves.slice(first, first + width))];
    }),
  );
