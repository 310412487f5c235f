import type { Hash } from '@itsm/audit-domain';
import type { SqlAuditTree } from '../adapters/sql-audit-tree.adapter';

/** Leaves per read: a few tiles, read while the previous ones are compared. */
const LEAVES_PER_READ = 4096;

/**
 * The audit tree's recorded leaves for a verification that walks the tree in order: each read fetches the next
 * window before it is asked for, so comparing a page never waits for a round trip to the tree (one awaited read
 * per page was most of the verification's idle time).
 */
export class RecordedLeavesAhead {
  private windowFirst = 0;
  private window: Hash[] = [];
  private next: { first: number; leaves: Promise<Hash[]> } | null = null;

  constructor(
    private readonly tree: Pick<SqlAuditTree, 'readLeaves'>,
    /** Leaves the tree holds: none is read at or past it. */
    private readonly recordedSize: number,
  ) {}

  /**
   * The recorded leaves first … first + count − 1: fewer past the recorded size, or where the tree's tiles stop
   * (as `readLeaves`: the leaves after a missing tile are not recorded, and the caller compares none of them).
   */
  async take(first: number, count: number): Promise<Hash[]> {
    const wanted = Math.max(0, Math.min(count, this.recordedSize - first));
    const taken: Hash[] = [];
    while (taken.length < wanted) {
      const at = first + taken.length;
      if ((at < this.windowFirst || at >= this.windowFirst + this.window.length) && !(await this.load(at))) break;
      const from = at - this.windowFirst;
      taken.push(...this.window.slice(from, from + wanted - taken.length));
    }
    return taken;
  }

  /** Makes the window start at `at`; false when the tree has no leaf there. */
  private async load(at: number): Promise<boolean> {
    const pending = this.next?.first === at ? this.next.leaves : this.read(at);
    this.window = await pending;
    this.windowFirst = at;
    const following = at + this.window.length;
    this.next = this.window.length > 0 && following < this.recordedSize ? { first: following, leaves: this.read(following) } : null;
    return this.window.length > 0;
  }

  private read(first: number): Promise<Hash[]> {
    const leaves = this.tree.readLeaves(first, Math.min(LEAVES_PER_READ, this.recordedSize - first));
    // Awaited when its window is wanted; this only keeps an abandoned read from going unhandled.
    leaves.catch(() => undefined);
    return leaves;
  }
}
