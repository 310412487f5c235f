import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  canonicalEvent,
  consistencyProof,
  consistencyRanges,
  eventLeafHash,
  nodesOfRanges,
  rootOfNodes,
  rootRanges,
  signCheckpoint,
  tileAppendsOf,
  verifyConsistency,
  type CompletedNode,
  type NoteSigner,
  type SignedCheckpoint,
} from '@itsm/audit-domain';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore, SqlSession } from '@itsm/event-store';
import type { ProcessStatus } from '@itsm/projections';
import type { CheckpointCopies } from '../../adapters/checkpoint-copies.adapter';
import type { ServerLeaf, SqlEventLeaves } from '../../adapters/sql-event-leaves.adapter';
import { TreeMovedConcurrently, type LeafRun, type SqlAuditTree, type StoredCheckpoint, type TreeState } from '../../adapters/sql-audit-tree.adapter';

export interface AuditCheckpointerOptions {
  store: Pick<EventStore, 'readAll'>;
  /**
   * The events' leaves hashed from the texts their appenders stored (a log in SQL): no event is parsed and
   * re-serialized, which keeps the checkpointer off the appends' CPU. Without it, or for an event whose stored texts
   * cannot vouch for it, the event is read through the store and hashed here.
   */
  leaves?: Pick<SqlEventLeaves, 'after'>;
  tree: SqlAuditTree;
  signer: NoteSigner;
  /** The log's name in every checkpoint (C2SP origin). */
  origin: string;
  /** Sign once the tree grew by this many events (0: only by time); default 1000. */
  everyEvents?: number;
  /** …or this many seconds after the last checkpoint when it grew at all (0: only by count); default 60. */
  everySeconds?: number;
  /** Write each checkpoint there too (write-once storage). */
  copies?: CheckpointCopies;
  /** Events read and added per transaction; default 5000 (a round signs every checkpoint it passes). */
  batchSize?: number;
  /** Wait between polls once caught up; default 500 ms. */
  pollIntervalMs?: number;
  now?: () => Date;
  onFailure?: (error: unknown, status: ProcessStatus) => void;
  onCheckpoint?: (checkpoint: SignedCheckpoint) => void;
}

const DEFAULT_BATCH_SIZE = 5000;

/** A tree head a round signs: at a count boundary it passed, or where it ended. */
interface HeadToSign {
  treeSize: number;
  rootHash: Buffer;
  lastPosition: number;
}

/** Parsed events hashed between turns of the event loop. */
const EVENTS_HASHED_PER_TURN = 50;

/** The log no longer ends the way the tree does (its tail was deleted or rewritten): no checkpoint is signed over it. */
export class LogDivergedFromTree extends Error {
  override readonly name = 'LogDivergedFromTree';
}

/** An event of the log as the tree takes it. */
type EventLeaf = ServerLeaf & { leaf: Buffer };

export interface CheckpointerRound {
  /** Events added to the tree. */
  added: number;
  /** The last checkpoint the round signed (it signs one at each count boundary it passes). */
  checkpoint: SignedCheckpoint | null;
  /** The page was full: more events are waiting. */
  more: boolean;
}

/**
 * The background process that keeps an RFC 6962 tree over the whole log and signs checkpoints of it. Each round
 * reads the events after the tree's last leaf, hashes them into the tree's edge (O(log n) each), and stores the
 * new tiles, the leaf ↔ position runs and the new edge in one transaction, fenced on the size it started from, with
 * a signed checkpoint at every count boundary it passed (one transaction for several: fewer rounds beside the
 * appends), and one where it ended when one is due by time. Before adding anything it checks that the log still
 * holds the tree's last leaf unchanged, and before signing that the stored tree still has the previous checkpoint's
 * root and extends it (a consistency proof); otherwise it stops signing and reports the failure (readiness, logs)
 * instead.
 */
export class AuditCheckpointer {
  private state: TreeState | undefined;
  private run: LeafRun | null = null;
  private lastCheckpoint: StoredCheckpoint | null | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = true;
  private readonly current: ProcessStatus = { name: 'audit_checkpointer', position: -1, consecutiveFailures: 0, failuresTotal: 0, lastError: null, lastErrorAt: null };
  private readonly now: () => Date;

  constructor(private readonly options: AuditCheckpointerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** One round: adds up to a batch of events, signs a checkpoint when due (or when `force`d and the tree grew). */
  async runOnce({ force = false }: { force?: boolean } = {}): Promise<CheckpointerRound> {
    const { tree } = this.options;
    await tree.migrate();
    const before = (this.state ??= await tree.readState());
    this.run ??= await tree.lastRun();
    if (this.lastCheckpoint === undefined) this.lastCheckpoint = await tree.latestCheckpoint();
    const wanted = Math.max(0, this.options.batchSize ?? DEFAULT_BATCH_SIZE);
    // The page starts at the tree's last leaf, to check that the log still ends as the tree does.
    const withLastLeaf = before.treeSize > 0 ? 1 : 0;
    const page = await this.readLeaves(withLastLeaf ? before.lastPosition - 1 : -1, wanted + withLastLeaf);
    const events = withLastLeaf ? this.withoutLastLeaf(before, page) : page;
    const after = this.grow(before, events);
    // Checkpoints fall every N events exactly: one at each boundary passed, then one where the round ended if due.
    const heads = after.boundaries;
    const signedSize = heads[heads.length - 1]?.treeSize ?? this.lastCheckpoint?.treeSize ?? 0;
    if (this.endDue(after.state.treeSize, signedSize, heads.length > 0, force)) {
      heads.push({ treeSize: after.state.treeSize, rootHash: after.state.edge.root(), lastPosition: after.state.lastPosition });
    }
    if (events.length === 0 && heads.length === 0) return { added: 0, checkpoint: null, more: false };

    const time = this.now().toISOString();
    const checkpoints = heads.map((head) => signCheckpoint({ origin: this.options.origin, ...head, time }, this.options.signer));
    try {
      await tree.advance(
        { before, after: after.state, tiles: tileAppendsOf(after.completed), runs: after.runs, checkpoints },
        checkpoints.length > 0 ? (tx) => this.assertExtendsLastCheckpoint(tx, after.state) : undefined,
      );
    } catch (error) {
      // Another process (or a failed transaction) leaves the cached state unknown: read it again next round.
      this.state = undefined;
      this.run = null;
      this.lastCheckpoint = undefined;
      if (error instanceof TreeMovedConcurrently) return { added: 0, checkpoint: null, more: true };
      throw error;
    }
    this.state = after.state;
    this.run = after.run;
    this.current.position = after.state.lastPosition;
    const checkpoint = checkpoints[checkpoints.length - 1];
    if (checkpoint) this.lastCheckpoint = { ...checkpoint, signedAt: checkpoint.time, copiedAt: null };
    for (const signed of checkpoints) this.options.onCheckpoint?.(signed);
    await this.copyCheckpoints();
    return { added: events.length, checkpoint: checkpoint ?? null, more: events.length === wanted && wanted > 0 };
  }

  /** Adds everything up to the log's head, then signs a checkpoint of it (specs, the CLI, benchmarks). */
  async catchUp({ checkpoint = true }: { checkpoint?: boolean } = {}): Promise<SignedCheckpoint | null> {
    let round: CheckpointerRound;
    let last: SignedCheckpoint | null = null;
    do {
      round = await this.runOnce();
      last = round.checkpoint ?? last;
    } while (round.more || round.added > 0);
    if (checkpoint) last = (await this.runOnce({ force: true })).checkpoint ?? last;
    return last;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  status(): ProcessStatus {
    return { ...this.current };
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.poll();
    }, delayMs);
  }

  private async poll(): Promise<void> {
    let more = false;
    try {
      more = (await this.runOnce()).more;
      this.current.consecutiveFailures = 0;
    } catch (error) {
      this.failed(error);
    }
    const idle = this.options.pollIntervalMs ?? 500;
    this.schedule(more ? 0 : this.current.consecutiveFailures > 0 ? Math.min(idle * 2 ** this.current.consecutiveFailures, 30_000) : idle);
  }

  /** Up to `maxCount` events after `position`, each with its leaf hash: from the stored texts where the database keeps them. */
  private async readLeaves(position: number, maxCount: number): Promise<EventLeaf[]> {
    const { store, leaves } = this.options;
    if (!leaves) return this.hashedHere(await store.readAll({ fromPosition: position, maxCount }).then((page) => page.events));
    const rows = await leaves.after(position, maxCount);
    const missing = rows.filter((row) => row.leaf === null);
    if (missing.length === 0) return rows as EventLeaf[];
    // Events without a stored text (written before texts were kept, or too large to keep one): read parsed and
    // hashed here, from the first to the last of them (positions only increase, so that many events reach the last).
    const from = missing[0].globalPosition - 1;
    const { events } = await store.readAll({ fromPosition: from, maxCount: missing[missing.length - 1].globalPosition - from });
    const wanted = new Set(missing.map((row) => row.globalPosition));
    const hashed = new Map((await this.hashedHere(events.filter((event) => wanted.has(event.globalPosition)))).map((leaf) => [leaf.globalPosition, leaf.leaf]));
    return rows.map((row) => {
      const leaf = row.leaf ?? hashed.get(row.globalPosition);
      if (!leaf) throw new LogDivergedFromTree(`the event at position ${row.globalPosition} could not be read to hash its leaf`);
      return { globalPosition: row.globalPosition, leaf };
    });
  }

  /** Leaf hashes of parsed events, letting the appends of this process in between (a large event takes milliseconds). */
  private async hashedHere(events: readonly RecordedEvent[]): Promise<EventLeaf[]> {
    const hashed: EventLeaf[] = [];
    for (const event of events) {
      hashed.push({ globalPosition: event.globalPosition, leaf: eventLeafHash(event, canonicalEvent(event)) });
      if (hashed.length % EVENTS_HASHED_PER_TURN === 0) await nextTurn();
    }
    return hashed;
  }

  private withoutLastLeaf(state: TreeState, events: readonly EventLeaf[]): EventLeaf[] {
    const [first, ...rest] = events;
    if (!first || first.globalPosition !== state.lastPosition || !state.lastLeaf || !first.leaf.equals(state.lastLeaf)) {
      throw new LogDivergedFromTree(
        `the log no longer holds, unchanged, the event at position ${state.lastPosition} that ends the audit tree (leaf ${state.treeSize - 1}): ` +
          `its tail was deleted or rewritten; run itsm verify. No checkpoint is signed until this is resolved`,
      );
    }
    return rest;
  }

  /**
   * Whether a checkpoint is due where the round ends (`size`), beyond the last one signed (`signedSize`): when forced,
   * when a count boundary was passed before this round (a tree grown while checkpoints were signed by time only), or
   * by time when the round signed none (a checkpoint just signed restarts the clock).
   */
  private endDue(size: number, signedSize: number, signedThisRound: boolean, force: boolean): boolean {
    if (size === 0 || size <= signedSize) return false;
    if (force) return true;
    const { everyEvents = 1000, everySeconds = 60 } = this.options;
    if (everyEvents > 0 && size - signedSize >= everyEvents) return true;
    const last = this.lastCheckpoint;
    if (signedThisRound || everySeconds <= 0) return false;
    const since = last ? this.now().getTime() - Date.parse(last.signedAt) : Number.POSITIVE_INFINITY;
    return since >= everySeconds * 1000;
  }

  private grow(before: TreeState, events: readonly EventLeaf[]) {
    const edge = before.edge.clone();
    const completed: CompletedNode[] = [];
    // The count boundaries, from the last checkpoint: the tree's head is taken at each one the events pass.
    const everyEvents = this.options.everyEvents ?? 1000;
    const boundaries: HeadToSign[] = [];
    let nextBoundary = everyEvents > 0 ? (this.lastCheckpoint?.treeSize ?? 0) + everyEvents : Number.POSITIVE_INFINITY;
    // Runs of consecutive positions: the last stored one grows, a gap in positions starts a new one.
    const runs: LeafRun[] = [];
    let run = this.run ? { ...this.run } : null;
    let runChanged = false;
    let lastLeaf = before.lastLeaf;
    for (const event of events) {
      const leafIndex = edge.size;
      lastLeaf = event.leaf;
      edge.append(lastLeaf, (node) => completed.push(node));
      if (run && run.firstLeaf + run.length === leafIndex && run.firstPosition + run.length === event.globalPosition) {
        run.length++;
      } else {
        if (run && runChanged) runs.push(run);
        run = { firstLeaf: leafIndex, firstPosition: event.globalPosition, length: 1 };
      }
      runChanged = true;
      if (edge.size === nextBoundary) {
        boundaries.push({ treeSize: edge.size, rootHash: edge.root(), lastPosition: event.globalPosition });
        nextBoundary += everyEvents;
      }
    }
    if (run && runChanged) runs.push(run);
    const last = events[events.length - 1];
    return {
      state: { treeSize: edge.size, lastPosition: last?.globalPosition ?? before.lastPosition, edge, lastLeaf },
      completed,
      runs,
      run,
      boundaries,
    };
  }

  /**
   * Inside the advance's transaction: the stored tree must still give the last checkpoint's root at its size, and
   * a consistency proof from it to the new head must verify, or the tree was changed since it was signed.
   */
  private async assertExtendsLastCheckpoint(tx: SqlSession, head: TreeState): Promise<void> {
    const last = this.lastCheckpoint;
    if (!last) return;
    const ranges = [...rootRanges(last.treeSize), ...consistencyRanges(last.treeSize, head.treeSize)];
    const nodes = await this.options.tree.readNodes(nodesOfRanges(ranges), tx);
    const storedRoot = rootOfNodes(last.treeSize, nodes);
    const proof = consistencyProof(last.treeSize, head.treeSize, nodes);
    if (!storedRoot.equals(last.rootHash) || !verifyConsistency(last.treeSize, head.treeSize, last.rootHash, head.edge.root(), proof)) {
      throw new LogDivergedFromTree(`the stored audit tree no longer extends the checkpoint signed at ${last.treeSize} leaves: the audit tables were changed`);
    }
  }

  private async copyCheckpoints(): Promise<void> {
    const { copies, tree } = this.options;
    if (!copies) return;
    for (const checkpoint of await tree.uncopiedCheckpoints()) {
      await copies.write(checkpoint.treeSize, checkpoint.note);
      await tree.markCopied(checkpoint.treeSize);
    }
  }

  private failed(error: unknown): void {
    this.current.consecutiveFailures++;
    this.current.failuresTotal++;
    this.current.lastError = error instanceof Error ? error.message : String(error);
    this.current.lastErrorAt = new Date().toISOString();
    this.options.onFailure?.(error, this.status());
  }
}
