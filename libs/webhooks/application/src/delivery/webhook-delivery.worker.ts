import { Webhook } from 'standardwebhooks';
import type { SqlExecutor } from '@itsm/event-store';
import { WakeSignal } from '@itsm/messaging';
import type { ProcessStatus } from '@itsm/projections';
import { nextDeliveryStep, type RetrySchedule } from '@itsm/webhooks-domain';
import type { WebhooksTables } from '../storage/webhooks-tables';
import type { SendResult } from './webhook-sender';
import type { WebhookSenderPort } from './webhook-sender.port';

export const WEBHOOK_DELIVERY_PROCESS = 'webhook_delivery';

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
    this.loop = this.run();
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

  private async run(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      try {
        claimed = await this.deliverDue();
        this.status.consecutiveFailures = 0;
      } catch (error) {
        this.status.consecutiveFailures++;
        this.status.failuresTotal++;
        this.status.lastError = error instanceof Error ? error.message : String(error);
        this.status.lastErrorAt = new Date().toISOString();
        this.options.log.error(`webhook deliveries failed (attempt ${this.status.consecutiveFailures}, retrying): ${this.status.lastError}`);
      }
      // A full batch means more may be due: go on at once.
      if (this.running && claimed < this.options.concurrency) await this.wake.wait(this.options.pollIntervalMs);
    }
  }

  /** One round: claim, send, record. Returns how many deliveries it claimed. */
  async deliverDue(): Promise<number> {
    const claimed = await this.claim();
    if (claimed.length === 0) return 0;
    const results = await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    await this.record(claimed, results);
    return claimed.length;
  }

  private claim(): Promise<ClaimedDelivery[]> {
    const { db, tables, concurrency, leaseMs } = this.options;
    return db.query<ClaimedDelivery>(
      `WITH due AS (
         SELECT d.delivery_id FROM ${tables.deliveries} d JOIN ${tables.targets} t ON t.subscription_id = d.subscription_id
          WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND (d.lease_until IS NULL OR d.lease_until < now()) AND t.status = 'enabled'
          ORDER BY d.next_attempt_at LIMIT $1 FOR UPDATE OF d SKIP LOCKED)
       UPDATE ${tables.deliveries} d SET lease_until = now() + make_interval(secs => $2::double precision / 1000)
         FROM due, ${tables.targets} t, ${tables.secrets} s
        WHERE d.delivery_id = due.delivery_id AND t.subscription_id = d.subscription_id AND s.subscription_id = d.subscription_id
       RETURNING d.delivery_id, d.body, d.attempts, t.url, s.secret`,
      [concurrency, leaseMs],
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

  private async record(claimed: readonly ClaimedDelivery[], results: readonly SendResult[]): Promise<void> {
    const { db, tables, retry } = this.options;
    const now = new Date();
    const steps: ('delivered' | 'retry' | 'dead-lettered')[] = [];
    await db.transaction(async (tx) => {
      const pending: Promise<unknown>[] = [];
      claimed.forEach((delivery, index) => {
        const result = results[index];
        const attempt = delivery.attempts + 1;
        const step = nextDeliveryStep(attempt, result.succeeded ? { succeeded: true } : { succeeded: false, error: result.error ?? 'failed' }, retry, now, this.random());
        steps.push(step.kind);
        pending.push(
          tx.query(`INSERT INTO ${tables.attempts} (delivery_id, attempt, attempted_at, duration_ms, status_code, error) VALUES ($1, $2, $3, $4, $5, $6)`, [
            delivery.delivery_id,
            attempt,
            now,
            result.durationMs,
            result.statusCode,
            result.error,
          ]),
          tx.query(
            `UPDATE ${tables.deliveries}
                SET attempts = $2, lease_until = NULL, last_status_code = $3, last_error = $4,
                    status = $5, next_attempt_at = $6, delivered_at = CASE WHEN $5 = 'delivered' THEN $7::timestamptz ELSE delivered_at END
              WHERE delivery_id = $1`,
            [delivery.delivery_id, attempt, result.statusCode, result.error, step.kind === 'retry' ? 'pending' : step.kind, step.kind === 'retry' ? step.at : null, now],
          ),
        );
      });
      await Promise.all(pending);
    });
    for (const step of steps) this.options.onAttempt?.(step);
  }
}
