import type { Hash } from '@itsm/audit-domain';
import { eventLogSchema, type SqlExecutor } from '@itsm/event-store';
import { hashedEventsSql } from '../verify/on-server/range-check.statement';

/** An event's place in the log and its RFC 6962 leaf hash; null when the server could not write it. */
export interface ServerLeaf {
  globalPosition: number;
  leaf: Hash | null;
}

/** bytea comes back as a Buffer from `pg` and a Uint8Array from PGlite. */
const bytes = (value: Uint8Array): Buffer => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength));

/**
 * The leaf hashes of the log's events computed by the database that holds the log (PostgreSQL or PGlite), from the
 * canonical text of `data` stored at append: the checkpointer then parses and re-serializes no event. An event
 * whose canonical text is missing (written before it was stored) or no longer reads back as its jsonb comes back
 * without a leaf, for the caller to read and hash itself.
 */
export class SqlEventLeaves {
  private readonly statement: string;

  constructor(
    private readonly db: SqlExecutor,
    schema?: string,
  ) {
    const events = eventLogSchema(schema).events;
    this.statement = `SELECT global_position, CASE WHEN hashed IS NULL OR data_differs THEN NULL ELSE leaf END AS leaf
      FROM (${hashedEventsSql(events, 'global_position > $1 ORDER BY global_position LIMIT $2')}) AS hashed_events
      ORDER BY global_position`;
  }

  /** Up to `maxCount` events after `position`, in order. */
  async after(position: number, maxCount: number): Promise<ServerLeaf[]> {
    const rows = await this.db.query<{ global_position: string | number; leaf: Uint8Array | null }>(this.statement, [position, maxCount]);
    return rows.map((row) => ({ globalPosition: Number(row.global_position), leaf: row.leaf ? bytes(row.leaf) : null }));
  }
}
