import type { SqlExecutor } from '@itsm/event-store';
import { RelayLeaseLostError, type RelayLease } from './relay-lease';
import type { RelayTables } from './relay-schema';

/** The relay's durable checkpoint: the global position of the last event the broker acknowledged. */
export class RelayCheckpoints {
  constructor(
    private readonly executor: SqlExecutor,
    private readonly tables: RelayTables,
  ) {}

  async load(name: string): Promise<number | null> {
    const rows = await this.executor.query<{ position: string }>(
      `SELECT position FROM ${this.tables.checkpoints} WHERE name = $1`,
      [name],
    );
    return rows.length === 0 ? null : Number(rows[0].position);
  }

  /** Stores the checkpoint only while `lease` is still held (by the database clock): a fenced write. */
  async save(lease: RelayLease, position: number): Promise<void> {
    const rows = await this.executor.query(
      `INSERT INTO ${this.tables.checkpoints} (name, position, updated_at)
       SELECT $1, $2, now()
       WHERE EXISTS (SELECT 1 FROM ${this.tables.leases} WHERE name = $1 AND holder = $3 AND expires_at > now())
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at
       RETURNING position`,
      [lease.name, position, lease.holder],
    );
    if (rows.length === 0) throw new RelayLeaseLostError(lease.name, lease.holder);
  }
}
