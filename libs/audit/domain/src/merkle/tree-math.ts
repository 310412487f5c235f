/**
 * Positions in an RFC 6962 tree. Sizes and indexes are safe integers (up to 2^53), so the bit tricks are written
 * with arithmetic: JavaScript's bit operators work on 32 bits only.
 */

/** A perfect subtree: the node at `level` (0 = leaf) covering leaves [index·2^level, (index+1)·2^level). */
export interface NodeId {
  level: number;
  index: number;
}

/** Leaves [start, end): every range a proof names has the RFC 6962 shape (see `rangeNodes`). */
export interface LeafRange {
  start: number;
  end: number;
}

export const isOdd = (value: number): boolean => value % 2 === 1;
export const half = (value: number): number => Math.floor(value / 2);

/** The largest power of two strictly below n (n ≥ 2): where RFC 6962 splits a list of n leaves. */
export const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

export const isPowerOfTwo = (n: number): boolean => {
  if (n < 1) return false;
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
};

export const nodeKey = ({ level, index }: NodeId): string => `${level}/${index}`;

/**
 * The perfect subtrees whose hashes make MTH(leaves[start:end]), left to right. Every range of a tree, a proof or a
 * subtree of one starts at a multiple of a power of two at least as large as itself, so taking the largest aligned
 * power of two that fits, from the left, gives RFC 6962's own split (largest power of two below the size first);
 * the range's hash is the right fold of these nodes (`foldRange`).
 */
export const rangeNodes = ({ start, end }: LeafRange): NodeId[] => {
  if (!(start >= 0 && end > start)) throw new RangeError(`empty or invalid leaf range [${start}, ${end})`);
  const nodes: NodeId[] = [];
  let at = start;
  while (at < end) {
    let size = 1;
    let level = 0;
    while (at % (size * 2) === 0 && at + size * 2 <= end) {
      size *= 2;
      level++;
    }
    nodes.push({ level, index: at / size });
    at += size;
  }
  return nodes;
};

/**
 * The ranges of an inclusion proof, PATH(m, D[n]) of RFC 6962 §2.1.1, deepest first: the last one is the root's
 * other child.
 */
export const inclusionRanges = (leafIndex: number, treeSize: number): LeafRange[] => {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) throw new RangeError(`leaf ${leafIndex} is not in a tree of ${treeSize}`);
  const path = (m: number, start: number, end: number): LeafRange[] => {
    if (end - start === 1) return [];
    const k = splitPoint(end - start);
    return m < start + k
      ? [...path(m, start, start + k), { start: start + k, end }]
      : [...path(m, start + k, end), { start, end: start + k }];
  };
  return path(leafIndex, 0, treeSize);
};

/**
 * The ranges of a consistency proof, PROOF(m, D[n]) of RFC 6962 §2.1.2 (SUBPROOF with b = true); none when
 * m = 0 or m = n.
 */
export const consistencyRanges = (firstSize: number, secondSize: number): LeafRange[] => {
  if (!(firstSize >= 0 && firstSize <= secondSize)) throw new RangeError(`no consistency proof from ${firstSize} to ${secondSize}`);
  if (firstSize === 0 || firstSize === secondSize) return [];
  const subproof = (m: number, start: number, end: number, complete: boolean): LeafRange[] => {
    const size = end - start;
    if (m === size) return complete ? [] : [{ start, end }];
    const k = splitPoint(size);
    return m <= k
      ? [...subproof(m, start, start + k, complete), { start: start + k, end }]
      : [...subproof(m - k, start + k, end, false), { start, end: start + k }];
  };
  return subproof(firstSize, 0, secondSize, true);
};
