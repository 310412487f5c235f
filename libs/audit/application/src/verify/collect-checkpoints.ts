import { verifyCheckpointNote, type NoteVerifier, type TreeHead } from '@itsm/audit-domain';
import type { CheckpointCopies, CopiedCheckpoint } from '../adapters/checkpoint-copies.adapter';
import type { SqlAuditTree, StoredCheckpoint } from '../adapters/sql-audit-tree.adapter';
import type { VerificationFailure } from './audit-verification';

/** The signed checkpoints as read, their signatures not checked yet. */
export interface CheckpointNotes {
  /** Whether the database has the audit tables at all. */
  treeExists: boolean;
  database: StoredCheckpoint[];
  copies: CopiedCheckpoint[];
  copiesDirectory: string | null;
}

export interface CollectedCheckpoints {
  heads: (TreeHead & { signedAt: string })[];
  failure: VerificationFailure | null;
  notes: string[];
}

/** The checkpoints of the database and of the copies directory (reading only: a verification checks them apart). */
export const readCheckpointNotes = async (tree: SqlAuditTree | undefined, copies: CheckpointCopies | undefined): Promise<CheckpointNotes> => {
  const database: StoredCheckpoint[] = [];
  const treeExists = tree ? await tree.exists() : false;
  if (tree && treeExists) for await (const stored of tree.allCheckpoints()) database.push(stored);
  return { treeExists, database, copies: copies ? await copies.readAll() : [], copiesDirectory: copies?.directory ?? null };
};

const checkpointFailure = (reason: VerificationFailure['reason'], head: { lastPosition: number; treeSize: number }, expected: string, actual: string, detail: string): VerificationFailure => ({
  reason,
  globalPosition: head.lastPosition,
  streamId: '',
  streamRevision: -1,
  eventId: '',
  expected,
  actual,
  detail: `${detail} (checkpoint of ${head.treeSize} events)`,
});

/**
 * The checkpoints read, each signature checked when a key is at hand (`verifier`); two of one size must agree. Any
 * checkpoint that fails makes the evidence untrustworthy: it is the failure, reported before anything else.
 */
export const checkCheckpointNotes = (read: CheckpointNotes, verifier: NoteVerifier | undefined, origin: string | undefined): CollectedCheckpoints => {
  const notes: string[] = [];
  const bySize = new Map<number, TreeHead & { signedAt: string; from: string }>();
  const add = (note: string, from: string, key: NoteVerifier): VerificationFailure | null => {
    const check = verifyCheckpointNote(note, key, origin);
    if (!check.ok) {
      const size = Number(note.split('\n')[1]) || 0;
      const reason = check.reason === 'malformed' || check.reason === 'wrong-origin' ? 'checkpoint-malformed' : 'checkpoint-signature';
      return checkpointFailure(reason, { lastPosition: 0, treeSize: size }, 'a valid signature', check.reason, `${from}: ${check.detail}`);
    }
    const head = { treeSize: check.checkpoint.treeSize, rootHash: check.checkpoint.rootHash, lastPosition: check.checkpoint.lastPosition, signedAt: check.checkpoint.time, from };
    const known = bySize.get(head.treeSize);
    if (known && !known.rootHash.equals(head.rootHash)) {
      return checkpointFailure('checkpoint-conflict', head, known.rootHash.toString('hex'), head.rootHash.toString('hex'), `${from} and ${known.from} sign different roots for the same size`);
    }
    bySize.set(head.treeSize, head);
    return null;
  };
  for (const stored of read.database) {
    if (!verifier) {
      bySize.set(stored.treeSize, { treeSize: stored.treeSize, rootHash: stored.rootHash, lastPosition: stored.lastPosition, signedAt: stored.signedAt, from: 'the database' });
      continue;
    }
    const failure = add(stored.note, `the database's checkpoint ${stored.treeSize}`, verifier);
    if (failure) return { heads: [], failure, notes };
  }
  if (!verifier && read.copies.length > 0) notes.push(`no verifier key: the ${read.copies.length} copies in ${read.copiesDirectory} were not read`);
  for (const copy of verifier ? read.copies : []) {
    const failure = add(copy.note, copy.file, verifier as NoteVerifier);
    if (failure) return { heads: [], failure, notes };
  }
  if (!verifier) notes.push('no verifier key at hand: checkpoint signatures were not checked (pass --key or set ITSM_AUDIT_SIGNING_KEY)');
  return { heads: [...bySize.values()].sort((a, b) => a.treeSize - b.treeSize), failure: null, notes };
};
