import { Webhook } from 'standardwebhooks';
import type { SqlExecutor } from '@itsm/event-store';
import { WakeSignal } from '@itsm/messaging';
import type { ProcessStatus } from '@itsm/projections';
import { nextDeliveryStep, type RetrySchedule } from '@itsm/webhooks-domain';
import type { WebhooksTables } from '../storage/webhooks-tables';
import type { SendResult } from './webhook-sender';
import type { WebhookSenderPort } from './webhook-sender.port';

export const WEBHOOK_DELIVERY_PROCESS = 'webhook_delivery';
/** How many claim-send-record loops share `concurrency` (each claims its part with SKIP LOCKED). */
const DELIVERY_LANES = 4;

export interface WebhookDeliveryWorkerOptions {
  db: SqlExecutor;
  tables: WebhooksTables;
  sender: WebhookSenderPort;
  retry: RetrySchedule;
  concurrency: number;
  pollIntervalMs: number;
  /** A claimed delivery is taken again by any worker after this long (its worker crashed mid-attempt). */
  leaseMs: number;
  log: { error(message: string): void };
  /** [0, 1): the jitter. */
  random?: () => number;
  /** Told what followed each recorded attempt (metrics). */
  onAttempt?: (outcome: 'delivered' | 'retry' | 'dead-lettered') => void;
}

interface ClaimedDelivery {
  delivery_id: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
}

/**
 * Sends due deliveries: claims up to `concurrency` pending ones of enabled subscriptions (a lease, so several
 * workers on one database share the work and a crashed one's claims come back), signs each the Standard Webhooks way
 * (`webhook-id` = delivery id, `webhook-timestamp`, `webhook-signature` = HMAC-SHA256 of id.timestamp.body with the
 * subscription's secret, by the `standardwebhooks` library), posts them at once and records every attempt; the
 * retry schedule decides what follows a failure. At least once: an attempt whose outcome was not recorded is made
 * again.
 */
export class WebhookDeliveryWorker {
  private readonly wake = new WakeSignal();
  private readonly signers = new Map<string, Webhook>();
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly random: () => number;
  readonly status: ProcessStatus = { name: WEBHOOK_DELIVERY_PROCESS, position: -1, consecutiveFailures: 0, failuresTotal: 0, lastError: null, lastErrorAt: null };

  constructor(private readonly options: WebhookDeliveryWorkerOptions) {
    this.random = options.random ?? Math.random;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // Several lanes, each claiming its share: a slow receiver holds up only its lane's batch, not every send.
    const lanes = Math.max(1, Math.min(DELIVERY_LANES, this.options.concurrency));
    const perLane = Math.ceil(this.options.concurrency / lanes);
    this.loop = Promise.all(Array.from({ length: lanes }, () => this.run(perLane))).then(() => undefined);
  }

  /** New deliveries are due: look now rather than at the next poll. */
  wakeUp(): void {
    this.wake.wakeAll();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake.wakeAll();
    await this.loop;
    this.options.sender.close();
  }

  private async run(batchSize: number): Promise<void> {
    while (this.running) {
      let claimed = 0;
      try {
        claimed = await this.deliverDue(batchSize);
        this.status.consecutiveFailures = 0;
      } catch (error) {
        this.status.consecutiveFailures++;
        this.status.failuresTotal++;
        this.status.lastError = error instanceof Error ? error.message : String(error);
        this.status.lastErrorAt = new Date().toISOString();
        this.options.log.error(`webhook deliveries failed (attempt ${this.status.consecutiveFailures}, retrying): ${this.status.lastError}`);
      }
      // A full batch means more may be due: go on at once.
      if (this.running && claimed < batchSize) await this.wake.wait(this.options.pollIntervalMs);
    }
  }

  /** One round: claim, send, record. Returns how many deliveries it claimed. */
  async deliverDue(batchSize = this.options.concurrency): Promise<number> {
    const claimed = await this.claim(batchSize);
    if (claimed.length === 0) return 0;
    const results = await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    await this.record(claimed, results);
    return claimed.length;
  }

  private claim(batchSize: number): Promise<ClaimedDelivery[]> {
    const { db, tables, leaseMs } = this.options;
    return db.query<ClaimedDelivery>(
      `WITH due AS (
         SELECT d.delivery_id FROM ${tables.deliveries} d JOIN ${tables.targets} t ON t.subscription_id = d.subscription_id
          WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND (d.lease_until IS NULL OR d.lease_until < now()) AND t.status = 'enabled'
          ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED)
       UPDATE ${tables.deliveries} d SET lease_until = now() + make_interval(secs => $2::double precision / 1000)
         FROM due, ${tables.targets} t, ${tables.secrets} s
        WHERE d.delivery_id = due.delivery_id AND t.subscription_id = d.subscription_id AND s.subscription_id = d.subscription_id
       RETURNING d.delivery_id, d.body, d.attempts, t.url, s.secret`,
      [batchSize, leaseMs],
    );
  }

  private attempt(delivery: ClaimedDelivery): Promise<SendResult> {
    const timestamp = new Date();
    const headers = {
      'webhook-id': delivery.delivery_id,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': this.signerOf(delivery.secret).sign(delivery.delivery_id, timestamp, delivery.body),
    };
    return this.options.sender.send(delivery.url, delivery.body, headers);
  }

  private signerOf(secret: string): Webhook {
    let signer = this.signers.get(secret);
    if (!signer) this.signers.set(secret, (signer = new Webhook(secret)));
    return signer;
  }

  /** Every attempt of the batch and each delivery's next step in two set-based statements (one round trip each). */
  private async record(claimed: readonly ClaimedDelivery[], results: readonly SendResult[]): Promise<void> {
    const { db, tables, retry } = this.options;
    const now = new Date();
    const rows = claimed.map((delivery, index) => {
      const result = results[index];
      const attempt = delivery.attempts + 1;
      const step = nextDeliveryStep(attempt, result.succeeded ? { succeeded: true } : { succeeded: false, error: result.error ?? 'failed' }, retry, now, this.random());
      return { delivery, result, attempt, step };
    });
    const column = <T>(pick: (row: (typeof rows)[number]) => T): T[] => rows.map(pick);
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO ${tables.attempts} (delivery_id, attempt, attempted_at, duration_ms, status_code, error)
         SELECT delivery_id, attempt, $3::timestamptz, duration_ms, status_code, error
           FROM unnest($1::text[], $2::int[], $4::int[], $5::int[], $6::text[]) AS a(delivery_id, attempt, duration_ms, status_code, error)`,
        [
          column((row) => row.delivery.delivery_id),
          column((row) => row.attempt),
          now,
          column((row) => Math.round(row.result.durationMs)),
          column((row) => row.result.statusCode),
          column((row) => row.result.error),
        ],
      );
      await tx.query(
        `UPDATE ${tables.deliveries} d
            SET attempts = u.attempt, lease_until = NULL, last_status_code = u.status_code, last_error = u.error,
                status = u.status, next_attempt_at = u.next_attempt_at,
                delivered_at = CASE WHEN u.status = 'delivered' THEN $7::timestamptz ELSE d.delivered_at END
           FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[], $6::timestamptz[])
                AS u(delivery_id, attempt, status_code, error, status, next_attempt_at)
          WHERE d.delivery_id = u.delivery_id`,
        [
          column((row) => row.delivery.delivery_id),
          column((row) => row.attempt),
          column((row) => row.result.statusCode),
          column((row) => row.result.error),
          column((row) => (row.step.kind === 'retry' ? 'pending' : row.step.kind)),
          column((row) => (row.step.kind === 'retry' ? row.step.at : null)),
          now,
        ],
      );
    });
    for (const row of rows) this.options.onAttempt?.(row.step.kind);
  }
}
