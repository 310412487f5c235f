import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { SqlExecutor } from '@itsm/event-store';
import type { RuntimeConfig } from '../../config/runtime-config';
import { SQL_DATABASE } from '../../event-store/event-store.token';

/** A response as first sent, replayed for a retry with the same key and body. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  /** The JSON body as sent, or null when there was none. */
  body: string | null;
}

/** The key is ours while the request runs: `holder` names this reservation in `renew`, `complete` and `release`. */
export interface Held {
  kind: 'reserved';
  holder: string;
}

export type Reservation =
  | Held
  | { kind: 'completed'; requestHash: string; response: StoredResponse }
  | { kind: 'in-progress'; requestHash: string };

interface KeyRow {
  request_hash: string;
  status: number | null;
  headers: Record<string, string> | null;
  body: string | null;
}

/**
 * Idempotency keys per caller in `gateway.idempotency_keys`. The key is inserted before the request runs, so two
 * concurrent requests with one key cannot both run: the second finds the reservation. A reservation is a lease
 * that the running request renews: when its process dies, the lease runs out and a retry takes the key over,
 * rather than being told "in progress" until the TTL. Times are the database's, the one clock every instance shares.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit {
  private readonly ttlHours: number;
  /** Seconds a reservation lasts unless renewed. */
  readonly leaseSeconds: number;

  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlExecutor,
    @Inject(ConfigService) config: ConfigService<RuntimeConfig, true>,
  ) {
    this.ttlHours = config.get('ITSM_IDEMPOTENCY_TTL_HOURS', { infer: true }) ?? 24;
    this.leaseSeconds = config.get('ITSM_IDEMPOTENCY_LEASE_SECONDS', { infer: true }) ?? 30;
  }

  async onModuleInit(): Promise<void> {
    // Reservations written before leases existed have none: they count as expired, so their keys are free.
    await this.db.exec(`
      CREATE SCHEMA IF NOT EXISTS gateway;
      CREATE TABLE IF NOT EXISTS gateway.idempotency_keys (
        caller text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status integer,
        headers jsonb,
        body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (caller, key)
      );
      ALTER TABLE gateway.idempotency_keys ADD COLUMN IF NOT EXISTS holder text;
      ALTER TABLE gateway.idempotency_keys ADD COLUMN IF NOT EXISTS lease_expires_at timestamptz;`);
    await this.db.query('DELETE FROM gateway.idempotency_keys WHERE created_at < now() - make_interval(hours => $1)', [this.ttlHours]);
  }

  async reserve(caller: string, key: string, requestHash: string): Promise<Reservation> {
    const holder = randomUUID();
    // A reservation released between our insert and our read leaves nothing to read: try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.db.query(
        `DELETE FROM gateway.idempotency_keys WHERE caller = $1 AND key = $2
           AND (created_at < now() - make_interval(hours => $3) OR (status IS NULL AND coalesce(lease_expires_at, created_at) < now()))`,
        [caller, key, this.ttlHours],
      );
      const inserted = await this.db.query(
        `INSERT INTO gateway.idempotency_keys (caller, key, request_hash, holder, lease_expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
         ON CONFLICT (caller, key) DO NOTHING RETURNING key`,
        [caller, key, requestHash, holder, this.leaseSeconds],
      );
      if (inserted.length) return { kind: 'reserved', holder };
      const [row] = await this.db.query<KeyRow>(
        'SELECT request_hash, status, headers, body FROM gateway.idempotency_keys WHERE caller = $1 AND key = $2',
        [caller, key],
      );
      if (!row) continue;
      if (row.status === null) return { kind: 'in-progress', requestHash: row.request_hash };
      return {
        kind: 'completed',
        requestHash: row.request_hash,
        response: { status: row.status, headers: row.headers ?? {}, body: row.body },
      };
    }
    return { kind: 'in-progress', requestHash: requestHash };
  }

  /** Extends a running request's lease; false when it was lost (expired and taken over). */
  async renew(caller: string, key: string, { holder }: Held): Promise<boolean> {
    const renewed = await this.db.query(
      `UPDATE gateway.idempotency_keys SET lease_expires_at = now() + make_interval(secs => $4)
       WHERE caller = $1 AND key = $2 AND holder = $3 AND status IS NULL RETURNING key`,
      [caller, key, holder, this.leaseSeconds],
    );
    return renewed.length > 0;
  }

  async complete(caller: string, key: string, { holder }: Held, response: StoredResponse): Promise<void> {
    await this.db.query(
      `UPDATE gateway.idempotency_keys SET status = $4, headers = $5, body = $6, lease_expires_at = NULL
       WHERE caller = $1 AND key = $2 AND holder = $3`,
      [caller, key, holder, response.status, JSON.stringify(response.headers), response.body],
    );
  }

  /** Frees a key whose request failed, so that a retry runs it again. */
  async release(caller: string, key: string, { holder }: Held): Promise<void> {
    await this.db.query('DELETE FROM gateway.idempotency_keys WHERE caller = $1 AND key = $2 AND holder = $3 AND status IS NULL', [
      caller,
      key,
      holder,
    ]);
  }
}
