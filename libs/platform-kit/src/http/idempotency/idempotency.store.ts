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

export type Reservation =
  | { kind: 'reserved' }
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
 * concurrent requests with one key cannot both run: the second finds the reservation.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit {
  private readonly ttlHours: number;

  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlExecutor,
    @Inject(ConfigService) config: ConfigService<RuntimeConfig, true>,
  ) {
    this.ttlHours = config.get('ITSM_IDEMPOTENCY_TTL_HOURS', { infer: true }) ?? 24;
  }

  async onModuleInit(): Promise<void> {
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
      );`);
    await this.db.query('DELETE FROM gateway.idempotency_keys WHERE created_at < now() - make_interval(hours => $1)', [this.ttlHours]);
  }

  async reserve(caller: string, key: string, requestHash: string): Promise<Reservation> {
    // A reservation released between our insert and our read leaves nothing to read: try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.db.query(
        'DELETE FROM gateway.idempotency_keys WHERE caller = $1 AND key = $2 AND created_at < now() - make_interval(hours => $3)',
        [caller, key, this.ttlHours],
      );
      const inserted = await this.db.query(
        `INSERT INTO gateway.idempotency_keys (caller, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (caller, key) DO NOTHING RETURNING key`,
        [caller, key, requestHash],
      );
      if (inserted.length) return { kind: 'reserved' };
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

  async complete(caller: string, key: string, response: StoredResponse): Promise<void> {
    await this.db.query('UPDATE gateway.idempotency_keys SET status = $3, headers = $4, body = $5 WHERE caller = $1 AND key = $2', [
      caller,
      key,
      response.status,
      JSON.stringify(response.headers),
      response.body,
    ]);
  }

  /** Frees a key whose request failed, so that a retry runs it again. */
  async release(caller: string, key: string): Promise<void> {
    await this.db.query('DELETE FROM gateway.idempotency_keys WHERE caller = $1 AND key = $2 AND status IS NULL', [caller, key]);
  }
}
