import { EMPTY_ROOT, HASH_BYTES, nodeHash, type Hash } from './hashes';
import type { NodeId } from './tree-math';

/** A perfect subtree completed by an append, with where it sits (the checkpointer stores some of them). */
export interface CompletedNode extends NodeId {
  hash: Hash;
}

/**
 * The right edge of an append-only RFC 6962 tree over leaves [0, size): one perfect subtree per set bit of `size`,
 * largest first (a "compact range"). Appending a leaf merges equal neighbours, so it costs O(log n) hashes at
 * worst and one on average; the root folds the edge from the right. This is all the state needed to grow the
 * tree and to know its root at every size.
 */
export class CompactRange {
  private constructor(
    private treeSize: number,
    /** Hashes of the perfect subtrees, largest (leftmost) first. */
    private readonly nodes: Hash[],
  ) {}

  static empty(): CompactRange {
    return new CompactRange(0, []);
  }

  /** From the stored edge: `size` leaves and one hash per set bit of `size`, largest first. */
  static of(size: number, nodes: readonly Hash[]): CompactRange {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`invalid tree size ${size}`);
    if (nodes.length !== bitCount(size)) throw new Error(`a tree of ${size} leaves has ${bitCount(size)} edge nodes, got ${nodes.length}`);
    return new CompactRange(size, [...nodes]);
  }

  /** The edge as one byte string (32 bytes per node, largest first), for storage. */
  static decode(size: number, bytes: Buffer): CompactRange {
    if (bytes.length % HASH_BYTES !== 0) throw new Error(`a stored tree edge is a multiple of ${HASH_BYTES} bytes, got ${bytes.length}`);
    const nodes: Hash[] = [];
    for (let at = 0; at < bytes.length; at += HASH_BYTES) nodes.push(Buffer.from(bytes.subarray(at, at + HASH_BYTES)));
    return CompactRange.of(size, nodes);
  }

  encode(): Buffer {
    return Buffer.concat(this.nodes);
  }

  get size(): number {
    return this.treeSize;
  }

  get edge(): readonly Hash[] {
    return this.nodes;
  }

  /** Adds the next leaf (its RFC 6962 leaf hash); `onNode` sees the leaf and every subtree it completes. */
  append(leaf: Hash, onNode?: (node: CompletedNode) => void): void {
    let hash = leaf;
    let level = 0;
    let index = this.treeSize;
    onNode?.({ level, index, hash });
    // The lowest set bits of the old size are the subtrees the new leaf completes, smallest first.
    let size = this.treeSize;
    while (size % 2 === 1) {
      const left = this.nodes.pop() as Hash;
      hash = nodeHash(left, hash);
      level++;
      index = Math.floor(index / 2);
      onNode?.({ level, index, hash });
      size = Math.floor(size / 2);
    }
    this.nodes.push(hash);
    this.treeSize++;
  }

  /** The tree head: the edge folded from the right. */
  root(): Hash {
    if (this.nodes.length === 0) return EMPTY_ROOT;
    let hash = this.nodes[this.nodes.length - 1];
    for (let i = this.nodes.length - 2; i >= 0; i--) hash = nodeHash(this.nodes[i], hash);
    return hash;
  }

  clone(): CompactRange {
    return new CompactRange(this.treeSize, [...this.nodes]);
  }
}

const bitCount = (value: number): number => {
  let count = 0;
  for (let rest = value; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
};
