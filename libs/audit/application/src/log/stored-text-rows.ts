import type { HashedEventCoordinates, StoredEventHasher } from '@itsm/audit-domain';
import { storedTextsOfRow, vouchedFor, type CanonicalTextRow } from './canonical-texts';

/**
 * Stored events read with the texts their appenders hashed (see `canonical-texts.ts`), one row at a time: a cursor
 * that `next` moves, so a reader walking a page in order holds no object per row beyond the one it checks.
 */
export interface StoredTextRows {
  /** Moves to the next row; false after the last. */
  next(): boolean;
  /** Whether the row's stored texts vouch for it (`canonicalTextStatement`): otherwise read it parsed. */
  vouched(): boolean;
  /** The row's global position. */
  globalPosition(): number;
  /** The row's place, stream and hash (a new object). */
  coordinates(): HashedEventCoordinates;
  /** Loads the row, as stored, into the hasher. */
  hashedBy(hasher: StoredEventHasher): StoredEventHasher;
}

/** The cursor over rows a query returned (PGlite, and server connections that cannot COPY). */
export class QueriedTextRows implements StoredTextRows {
  private index = -1;

  constructor(private readonly rows: readonly CanonicalTextRow[]) {}

  next(): boolean {
    this.index++;
    return this.index < this.rows.length;
  }

  vouched(): boolean {
    return vouchedFor(this.rows[this.index]);
  }

  globalPosition(): number {
    return Number(this.rows[this.index].global_position);
  }

  coordinates(): HashedEventCoordinates {
    const row = this.rows[this.index];
    return { globalPosition: Number(row.global_position), streamId: row.stream_id, streamRevision: Number(row.stream_revision), eventId: row.event_id, type: row.type, hash: row.hash };
  }

  hashedBy(hasher: StoredEventHasher): StoredEventHasher {
    return hasher.load(storedTextsOfRow(this.rows[this.index]));
  }
}
