import type { SqlExecutor } from '@itsm/event-store';
import type { RelayTables } from './relay-schema';

/**
 * Which relay instance may publish: a row (name → holder, expires_at) taken when free or expired and renewed
 * by heartbeat. We chose a lease over a session advisory lock because it needs no dedicated connection (the
 * SqlExecutor pools them, and PGlite has only one), works the same on PostgreSQL and PGlite, and lets the
 * checkpoint update be fenced on still holding it. Expiry is judged by the database clock; locally the
 * holder stops publishing a safety margin before the lease could have expired.
 */
export class RelayLease {
  private validUntil = 0;

  constructor(
    private readonly executor: SqlExecutor,
    private readonly tables: RelayTables,
    readonly name: string,
    readonly holder: string,
    private readonly ttlMs: number,
  ) {}

  /** Takes the lease if it is free, expired or already ours, and extends it; false when another holds it. */
  async acquireOrRenew(): Promise<boolean> {
    const askedAt = Date.now();
    const rows = await this.executor.query(
      `INSERT INTO ${this.tables.leases} (name, holder, expires_at)
       VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE ${this.tables.leases}.holder = EXCLUDED.holder OR ${this.tables.leases}.expires_at < now()
       RETURNING holder`,
      [this.name, this.holder, this.ttlMs],
    );
    const held = rows.length === 1;
    // Counted from before the request: the database may have started the lease any time after that.
    this.validUntil = held ? askedAt + this.ttlMs : 0;
    return held;
  }

  /** Whether we may still act as the holder for at least `marginMs` (by our own clock). */
  isHeld(marginMs: number): boolean {
    return Date.now() + marginMs < this.validUntil;
  }

  async release(): Promise<void> {
    this.validUntil = 0;
    await this.executor.query(`DELETE FROM ${this.tables.leases} WHERE name = $1 AND holder = $2`, [
      this.name,
      this.holder,
    ]);
  }
}

export class RelayLeaseLostError extends Error {
  constructor(name: string, holder: string) {
    super(`Relay "${name}": ${holder} no longer holds the lease`);
    this.name = 'RelayLeaseLostError';
  }
}
