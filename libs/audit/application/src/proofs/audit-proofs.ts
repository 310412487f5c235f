import {
  canonicalEvent,
  consistencyProof,
  consistencyRanges,
  eventLeafHash,
  inclusionProof,
  inclusionRanges,
  leafOf,
  nodesOfRanges,
  verifyConsistency,
  verifyInclusion,
} from '@itsm/audit-domain';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import type { SqlAuditTree, StoredCheckpoint } from '../adapters/sql-audit-tree.adapter';

/** A checkpoint as the API shows it. */
export interface CheckpointView {
  treeSize: number;
  rootHash: string;
  lastPosition: number;
  signedAt: string;
  keyName: string;
  keyId: string;
  /** The signed note, exactly as signed: check it with the verifier key. */
  note: string;
}

export const checkpointView = (checkpoint: StoredCheckpoint): CheckpointView => ({
  treeSize: checkpoint.treeSize,
  rootHash: checkpoint.rootHash.toString('hex'),
  lastPosition: checkpoint.lastPosition,
  signedAt: checkpoint.signedAt,
  keyName: checkpoint.keyName,
  keyId: checkpoint.keyId,
  note: checkpoint.note,
});

export interface InclusionProofView {
  globalPosition: number;
  eventId: string;
  leafIndex: number;
  /** SHA-256(0x00 ‖ leaf), hex. */
  leafHash: string;
  /** The leaf bytes (layout 1 of docs/audit-hashing.md), base64: recompute them from the event to check. */
  leaf: string;
  treeSize: number;
  /** The audit path, deepest first (RFC 6962 PATH), hex. */
  proof: string[];
  checkpoint: CheckpointView;
  /** This service checked the proof against the checkpoint's root before answering. */
  verified: boolean;
}

export interface ConsistencyProofView {
  from: CheckpointView;
  to: CheckpointView;
  /** RFC 6962 PROOF(from, to), hex. */
  proof: string[];
  verified: boolean;
}

export class ProofNotAvailable extends Error {
  override readonly name = 'ProofNotAvailable';
}

/** Inclusion and consistency proofs from the stored tree, each checked before it is handed out. */
export class AuditProofs {
  constructor(
    private readonly tree: SqlAuditTree,
    private readonly store: Pick<EventStore, 'readAll'>,
  ) {}

  /** The checkpoint to prove against: the one of this size, or the latest. */
  async checkpoint(treeSize?: number): Promise<StoredCheckpoint> {
    await this.tree.migrate();
    const checkpoint = treeSize === undefined ? await this.tree.latestCheckpoint() : await this.tree.checkpointAt(treeSize);
    if (!checkpoint) throw new ProofNotAvailable(treeSize === undefined ? 'no checkpoint has been signed yet' : `no checkpoint of tree size ${treeSize}`);
    return checkpoint;
  }

  /** The event at a global position (as stored), or null. */
  async eventAt(position: number): Promise<RecordedEvent | null> {
    const { events } = await this.store.readAll({ fromPosition: position - 1, maxCount: 1 });
    return events[0]?.globalPosition === position ? events[0] : null;
  }

  async inclusion(event: RecordedEvent, treeSize?: number): Promise<InclusionProofView> {
    const checkpoint = await this.checkpoint(treeSize);
    if (event.globalPosition > checkpoint.lastPosition) {
      throw new ProofNotAvailable(`the event at position ${event.globalPosition} is after the checkpoint of ${checkpoint.treeSize} events (up to position ${checkpoint.lastPosition}); ask again after the next checkpoint`);
    }
    const leafIndex = await this.tree.leafOf(event.globalPosition);
    if (leafIndex === null || leafIndex >= checkpoint.treeSize) throw new ProofNotAvailable(`the audit tree has no leaf for position ${event.globalPosition}`);
    const canonical = canonicalEvent(event);
    const leafHash = eventLeafHash(event, canonical);
    const proof = inclusionProof(leafIndex, checkpoint.treeSize, await this.tree.readNodes(nodesOfRanges(inclusionRanges(leafIndex, checkpoint.treeSize))));
    return {
      globalPosition: event.globalPosition,
      eventId: event.eventId,
      leafIndex,
      leafHash: leafHash.toString('hex'),
      leaf: leafOf(event, canonical).toString('base64'),
      treeSize: checkpoint.treeSize,
      proof: proof.map((hash) => hash.toString('hex')),
      checkpoint: checkpointView(checkpoint),
      verified: verifyInclusion(leafHash, leafIndex, checkpoint.treeSize, proof, checkpoint.rootHash),
    };
  }

  async consistency(fromSize: number, toSize?: number): Promise<ConsistencyProofView> {
    const [from, to] = await Promise.all([this.checkpoint(fromSize), this.checkpoint(toSize)]);
    if (from.treeSize > to.treeSize) throw new ProofNotAvailable(`the first checkpoint (${from.treeSize}) is larger than the second (${to.treeSize})`);
    const proof = consistencyProof(from.treeSize, to.treeSize, await this.tree.readNodes(nodesOfRanges(consistencyRanges(from.treeSize, to.treeSize))));
    return {
      from: checkpointView(from),
      to: checkpointView(to),
      proof: proof.map((hash) => hash.toString('hex')),
      verified: verifyConsistency(from.treeSize, to.treeSize, from.rootHash, to.rootHash, proof),
    };
  }
}
