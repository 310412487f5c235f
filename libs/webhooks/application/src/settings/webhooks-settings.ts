import { DEFAULT_RETRY_SCHEDULE, retrySchedule, type RetrySchedule } from '@itsm/webhooks-domain';
import { ADDRESS_RANGES, type AddressRange } from '../targets/address-ranges';

/** Address ranges a receiver may be in besides public ones (ITSM_WEBHOOKS_ALLOW_PRIVATE). */
export type AllowedPrivateRange = Exclude<AddressRange, 'public'>;

export interface WebhooksSettings {
  allowPrivate: ReadonlySet<AllowedPrivateRange>;
  /** One attempt's limit: connecting, sending and the receiver's answer. */
  attemptTimeoutMs: number;
  retry: RetrySchedule;
  /** Deliveries in flight at once per process. */
  concurrency: number;
  /** How often the delivery worker looks for due retries when nothing wakes it. */
  pollIntervalMs: number;
}

export class InvalidWebhooksSetting extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidWebhooksSetting';
  }
}

const ALLOWABLE = ADDRESS_RANGES.filter((range): range is AllowedPrivateRange => range !== 'public');

const whole = (env: Record<string, unknown>, name: string, fallback: number, min: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new InvalidWebhooksSetting(`${name} must be a whole number ≥ ${min}, not "${String(raw)}"`);
  return value;
};

/**
 * The webhooks settings, checked when the host starts (an invalid one stops the start, naming it):
 * `ITSM_WEBHOOKS_ALLOW_PRIVATE` (comma-separated: loopback, private, link-local; default none),
 * `ITSM_WEBHOOKS_TIMEOUT_MS` (10000), `ITSM_WEBHOOKS_MAX_ATTEMPTS` (10), `ITSM_WEBHOOKS_RETRY_BASE_MS` (5000),
 * `ITSM_WEBHOOKS_RETRY_MAX_MS` (3600000), `ITSM_WEBHOOKS_CONCURRENCY` (32), `ITSM_WEBHOOKS_POLL_MS` (500).
 */
export const webhooksSettingsFrom = (env: Record<string, unknown> = process.env): WebhooksSettings => {
  const names = String(env['ITSM_WEBHOOKS_ALLOW_PRIVATE'] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(ALLOWABLE as readonly string[]).includes(name));
  if (unknown.length > 0) throw new InvalidWebhooksSetting(`ITSM_WEBHOOKS_ALLOW_PRIVATE takes ${ALLOWABLE.join(', ')}; not ${unknown.join(', ')}`);
  let retry: RetrySchedule;
  try {
    retry = retrySchedule({
      maxAttempts: whole(env, 'ITSM_WEBHOOKS_MAX_ATTEMPTS', DEFAULT_RETRY_SCHEDULE.maxAttempts, 1),
      baseDelayMs: whole(env, 'ITSM_WEBHOOKS_RETRY_BASE_MS', DEFAULT_RETRY_SCHEDULE.baseDelayMs, 0),
      maxDelayMs: whole(env, 'ITSM_WEBHOOKS_RETRY_MAX_MS', DEFAULT_RETRY_SCHEDULE.maxDelayMs, 0),
    });
  } catch (error) {
    throw new InvalidWebhooksSetting(`ITSM_WEBHOOKS_RETRY_*: ${(error as Error).message}`);
  }
  return {
    allowPrivate: new Set(names as AllowedPrivateRange[]),
    attemptTimeoutMs: whole(env, 'ITSM_WEBHOOKS_TIMEOUT_MS', 10_000, 1),
    retry,
    concurrency: whole(env, 'ITSM_WEBHOOKS_CONCURRENCY', 32, 1),
    pollIntervalMs: whole(env, 'ITSM_WEBHOOKS_POLL_MS', 500, 1),
  };
};
