import { Counter, type Registry } from 'prom-client';
import type { NextDeliveryStep } from '@itsm/webhooks-domain';

/** Counts each attempt by what followed it: `itsm_webhook_attempts_total{outcome="delivered|retry|dead-lettered"}`. */
export const webhookAttemptCounter = (registry: Registry): ((step: NextDeliveryStep['kind']) => void) => {
  const attempts = new Counter({
    name: 'itsm_webhook_attempts_total',
    help: 'Webhook delivery attempts by what followed: delivered, retry (failed, tried again later) or dead-lettered (failed, last attempt)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  return (outcome) => attempts.inc({ outcome });
};
