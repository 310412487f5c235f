import { GENESIS_HASH, type RecordedEvent } from '@itsm/event-sourcing';
import { canonicalEvent, chainHashOf, prefixedLeafOf, type CanonicalEvent, type HashedEventCoordinates } from '../events/event-hashing';
import type { EventHashes } from '../events/stored-event-hasher';
import { CompactRange } from '../merkle/compact-range';
import { sha256, type Hash } from '../merkle/hashes';

export type AuditFailureReason =
  /** The event's hash is not sha256(previous hash + the event): it or an earlier one was altered. */
  | 'hash-mismatch'
  /** A stream revision is missing or repeated: an event was removed or inserted. */
  | 'revision-gap'
  /** Global positions do not increase (an event repeated or moved). */
  | 'position-out-of-order'
  /** The event is not the one the audit tree recorded at this leaf: rewritten, inserted, or one before it removed. */
  | 'leaf-not-recorded'
  /** The tree recomputed from the log has another root at a signed checkpoint's size. */
  | 'checkpoint-root-mismatch'
  /** A signed checkpoint's last leaf is another position than the log has there. */
  | 'checkpoint-position-mismatch'
  /** The log ends before a signed checkpoint's tree size: its tail was deleted. */
  | 'log-shorter-than-checkpoint';

/** The first thing that breaks the log, with where it is. */
export interface AuditFailure {
  reason: AuditFailureReason;
  globalPosition: number;
  streamId: string;
  streamRevision: number;
  eventId: string;
  expected: string;
  actual: string;
  /** One sentence for the operator. */
  detail: string;
  /** The event's leaf in the audit tree (its index in global order), for the failures about the tree. */
  leafIndex?: number;
}

/** A tree head to check the log against (signatures are checked before: this is the tree's side). */
export interface TreeHead {
  treeSize: number;
  rootHash: Hash;
  lastPosition: number;
}

export interface AuditVerifierStart {
  /** Leaves of the tree before the first event checked (0: the log from its start). */
  treeSize: number;
  /** The tree's edge at that size (from the recorded tree when starting in the middle). */
  edge?: CompactRange;
  /** Each stream's last hash and revision before the first event checked (continuing from a position). */
  heads?: ReadonlyMap<string, { revision: number; hash: string }>;
  lastPosition?: number;
}

/** Where an event is, as far as a failure names it. */
export type EventCoordinates = Pick<RecordedEvent, 'globalPosition' | 'streamId' | 'streamRevision' | 'eventId'>;

export interface AuditVerifierFigures {
  events: number;
  streams: number;
  lastPosition: number;
  treeSize: number;
  rootHash: string;
  checkpointsChecked: number;
}

/**
 * Checks a log read in global order, one event at a time: each stream's revisions and hash chain, positions that
 * only increase, the leaf the audit tree recorded for each event (when known), and the tree's root at every
 * signed checkpoint's size. Canonical JSON is written once per event for both hashes. Keeps one entry per stream
 * and the tree's edge, so memory does not grow with the log.
 */
export class AuditLogVerifier {
  private readonly heads: Map<string, { revision: number; hash: string }>;
  private readonly tree: CompactRange;
  private readonly checkpoints: TreeHead[];
  private nextCheckpoint = 0;
  private lastPosition: number;
  private lastEvent: EventCoordinates | undefined;
  private checked = 0;
  private checkpointsChecked = 0;
  private failure: AuditFailure | null = null;

  constructor(checkpoints: readonly TreeHead[], start: AuditVerifierStart = { treeSize: 0 }) {
    this.tree = start.edge?.clone() ?? CompactRange.empty();
    if (this.tree.size !== start.treeSize) throw new Error(`the starting edge holds ${this.tree.size} leaves, not ${start.treeSize}`);
    // Copies of the caller's heads: this verifier moves its own in place.
    this.heads = new Map([...(start.heads ?? [])].map(([streamId, head]) => [streamId, { ...head }]));
    this.lastPosition = start.lastPosition ?? 0;
    this.checkpoints = [...checkpoints].filter((head) => head.treeSize > start.treeSize).sort((a, b) => a.treeSize - b.treeSize);
  }

  /**
   * Checks the next event; `recordedLeaf` is the leaf hash the audit tree holds at this event's index, when the
   * caller has it. Returns the first failure found so far (nothing more is checked after one).
   */
  check(event: RecordedEvent, recordedLeaf?: Hash): AuditFailure | null {
    return this.checkCanonical(event, canonicalEvent(event), recordedLeaf);
  }

  /**
   * `check` with the event's canonical pieces given: read as stored (the texts the appender hashed), so nothing
   * is parsed or serialized again. The same checks, failures and wording.
   */
  checkCanonical(event: HashedEventCoordinates, canonical: CanonicalEvent, recordedLeaf?: Hash): AuditFailure | null {
    return this.checkHashed(event, { chainHash: (previousHash) => chainHashOf(previousHash, canonical), leafHash: () => sha256(prefixedLeafOf(event, canonical)) }, recordedLeaf);
  }

  /**
   * `check` with the event's hashes computed by the caller (`StoredEventHasher` on the stored texts, writing no JSON
   * string): the same checks, failures and wording.
   */
  checkHashed(event: HashedEventCoordinates, hashes: EventHashes, recordedLeaf?: Hash): AuditFailure | null {
    if (this.failure) return this.failure;
    const head = this.heads.get(event.streamId);
    if (this.checked > 0 || this.lastPosition > 0) {
      if (!(event.globalPosition > this.lastPosition)) {
        return this.fail(event, 'position-out-of-order', `> ${this.lastPosition}`, String(event.globalPosition), 'global positions must only increase');
      }
    }
    const expectedRevision = head ? head.revision + 1 : 0;
    if (event.streamRevision !== expectedRevision) {
      return this.fail(event, 'revision-gap', String(expectedRevision), String(event.streamRevision), 'a stream revision is missing or repeated');
    }
    const expectedHash = hashes.chainHash(head?.hash ?? GENESIS_HASH);
    if (expectedHash !== event.hash) {
      return this.fail(event, 'hash-mismatch', expectedHash, event.hash, 'the event does not hash to what its stream chain holds: it, or the one before it, was altered');
    }
    const leaf = hashes.leafHash();
    if (this.acceptLeaf(event, leaf, recordedLeaf)) return this.failure;
    // The head moves in place: a new object per event, kept in a long-lived map, is old-generation garbage.
    if (head) {
      head.revision = event.streamRevision;
      head.hash = event.hash;
    } else {
      this.heads.set(event.streamId, { revision: event.streamRevision, hash: event.hash });
    }
    return null;
  }

  /** The tree's side of an event whose chain holds: its recorded leaf, the tree, the checkpoint at this size. */
  private acceptLeaf(event: EventCoordinates, leaf: Hash, recordedLeaf: Hash | undefined): boolean {
    if (recordedLeaf && !recordedLeaf.equals(leaf)) {
      this.fail(
        event,
        'leaf-not-recorded',
        recordedLeaf.toString('hex'),
        leaf.toString('hex'),
        `leaf ${this.tree.size} of the audit tree recorded another event: this one was rewritten or inserted, or one before it was removed`,
        this.tree.size,
      );
      return true;
    }
    this.tree.append(leaf);
    this.lastPosition = event.globalPosition;
    this.lastEvent = event;
    this.checked++;
    return this.checkCheckpoint(event) !== null;
  }

  /** Continuing from the middle of the log: the stream's last event before the first one checked, as stored. */
  assumeHead(streamId: string, revision: number, hash: string): void {
    if (!this.heads.has(streamId)) this.heads.set(streamId, { revision, hash });
  }

  /** Whether the verifier has seen (or assumed) an event of the stream. */
  knows(streamId: string): boolean {
    return this.heads.has(streamId);
  }

  /** After the last event: a checkpoint larger than the log means its tail was deleted. */
  finish(): AuditFailure | null {
    if (this.failure) return this.failure;
    const pending = this.checkpoints[this.nextCheckpoint];
    if (pending) {
      const last = this.lastEvent;
      this.failure = {
        reason: 'log-shorter-than-checkpoint',
        globalPosition: pending.lastPosition,
        streamId: last?.streamId ?? '',
        streamRevision: last?.streamRevision ?? -1,
        eventId: last?.eventId ?? '',
        expected: `${pending.treeSize} events`,
        actual: `${this.tree.size} events`,
        detail: `a signed checkpoint covers ${pending.treeSize} events up to position ${pending.lastPosition}, the log ends after ${this.tree.size}: its tail was deleted`,
      };
    }
    return this.failure;
  }

  get firstFailure(): AuditFailure | null {
    return this.failure;
  }

  /** Leaves in the tree so far: the index of the next event's leaf. */
  get treeSize(): number {
    return this.tree.size;
  }

  figures(): AuditVerifierFigures {
    return {
      events: this.checked,
      streams: this.heads.size,
      lastPosition: this.lastPosition,
      treeSize: this.tree.size,
      rootHash: this.tree.root().toString('hex'),
      checkpointsChecked: this.checkpointsChecked,
    };
  }

  private checkCheckpoint(event: EventCoordinates): AuditFailure | null {
    const head = this.checkpoints[this.nextCheckpoint];
    if (!head || head.treeSize !== this.tree.size) return null;
    this.nextCheckpoint++;
    this.checkpointsChecked++;
    const root = this.tree.root();
    if (!root.equals(head.rootHash)) {
      return this.fail(
        event,
        'checkpoint-root-mismatch',
        head.rootHash.toString('hex'),
        root.toString('hex'),
        `the log's first ${head.treeSize} events do not have the root of the checkpoint signed at that size: an event up to here was changed, inserted or removed`,
      );
    }
    if (head.lastPosition !== event.globalPosition && head.lastPosition > 0) {
      return this.fail(event, 'checkpoint-position-mismatch', String(head.lastPosition), String(event.globalPosition), 'the checkpoint ends at another position');
    }
    return null;
  }

  private fail(event: EventCoordinates, reason: AuditFailureReason, expected: string, actual: string, detail: string, leafIndex?: number): AuditFailure {
    this.failure = { ...failureAt(event, reason, expected, actual, detail), ...(leafIndex === undefined ? {} : { leafIndex }) };
    return this.failure;
  }
}

const failureAt = (event: EventCoordinates, reason: AuditFailureReason, expected: string, actual: string, detail: string): AuditFailure => ({
  reason,
  globalPosition: event.globalPosition,
  streamId: event.streamId,
  streamRevision: event.streamRevision,
  eventId: event.eventId,
  expected,
  actual,
  detail,
});
