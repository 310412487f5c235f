import { setImmediate as nextTurn } from 'node:timers/promises';
import { StoredEventHasher, type Hash } from '@itsm/audit-domain';
import { eventLogSchema, type SqlExecutor } from '@itsm/event-store';
import { serverKeepsDataCanonical } from '../log/canonical-texts';
import { readStoredTexts } from '../log/read-stored-texts';

/** Rows hashed between turns of the event loop. */
const ROWS_PER_TURN = 100;

/** An event's place in the log and its RFC 6962 leaf hash; null when its stored texts could not vouch for it. */
export interface ServerLeaf {
  globalPosition: number;
  leaf: Hash | null;
}

/**
 * The leaf hashes of the log's events from the texts stored at append (`canonical_data`), read from the log's own
 * database (PostgreSQL by binary COPY, or PGlite): the checkpointer then parses and re-serializes no event, and the
 * database only reads rows. An event whose canonical text is missing (written before it was stored, or too large
 * to keep one) or no longer reads back as its jsonb (compared per row only when the server's constraint no longer
 * keeps them equal) comes back without a leaf, for the caller to read and hash itself.
 */
export class SqlEventLeaves {
  private readonly events: string;
  private readonly hasher = new StoredEventHasher();

  constructor(
    private readonly db: SqlExecutor,
    private readonly schema?: string,
  ) {
    this.events = eventLogSchema(schema).events;
  }

  /** Up to `maxCount` events after `position`, in order. */
  async after(position: number, maxCount: number): Promise<ServerLeaf[]> {
    // Looked up each time: a constraint dropped since makes every row compared again.
    const kept = await serverKeepsDataCanonical(this.db, this.schema);
    const rows = (await readStoredTexts(this.db, this.events, { after: position, limit: maxCount }, kept))();
    const leaves: ServerLeaf[] = [];
    while (rows.next()) {
      leaves.push({ globalPosition: rows.globalPosition(), leaf: rows.vouched() ? rows.hashedBy(this.hasher).leafHash() : null });
      // The checkpointer runs beside the appends of its process: a page hashed in one go held their answers for milliseconds.
      if (leaves.length % ROWS_PER_TURN === 0) await nextTurn();
    }
    return leaves;
  }
}
