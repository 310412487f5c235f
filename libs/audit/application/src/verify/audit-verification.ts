import type { AuditFailure, AuditFailureReason } from '@itsm/audit-domain';

/** Failures about the checkpoints themselves, found before the log is read. */
export type CheckpointFailureReason =
  /** A checkpoint's signature does not verify with the key: it was forged or altered. */
  | 'checkpoint-signature'
  /** Two checkpoints of one size disagree (the database's and a copy's): one was rewritten. */
  | 'checkpoint-conflict'
  /** A copy in the checkpoint directory is no checkpoint of this log (unreadable, another origin). */
  | 'checkpoint-malformed'
  /** The stream's event is not in the tree the latest checkpoint signs (`--stream`). */
  | 'not-in-checkpoint';

export type VerificationFailureReason = AuditFailureReason | CheckpointFailureReason;

export interface VerificationFailure extends Omit<AuditFailure, 'reason'> {
  reason: VerificationFailureReason;
  /** For `leaf-not-recorded`: the position of the event the tree recorded at that leaf (the one missing or changed). */
  recordedPosition?: number;
}

/** The outcome of `itsm verify` (and of the platform's background run), as stored and as GET /audit/verify shows it. */
export interface AuditVerification {
  ok: boolean;
  /** What was checked: the whole log, from a position, or one stream. */
  scope: { kind: 'log' } | { kind: 'from'; position: number } | { kind: 'stream'; streamId: string };
  events: number;
  streams: number;
  /** Global position of the last event checked. */
  lastPosition: number;
  firstFailure: VerificationFailure | null;
  /** The tree recomputed from the log (size and root) when the whole log was read. */
  tree: { size: number; rootHash: string } | null;
  checkpoints: {
    /** Signed checkpoints found (database and copies). */
    found: number;
    /** Checkpoints whose root was recomputed from the log and compared. */
    checked: number;
    /** Whether their signatures were checked (false when no key was at hand). */
    signaturesChecked: boolean;
    /** The copies directory read, when one was. */
    copies: string | null;
    latest: { treeSize: number; lastPosition: number; signedAt: string } | null;
  };
  /** Events compared with the leaf the audit tree recorded for them. */
  recordedLeavesChecked: number;
  startedAt: string;
  finishedAt: string;
  eventsPerSecond: number;
  /** Things the operator should know that are not failures (no key, no checkpoints yet). */
  notes: string[];
}
