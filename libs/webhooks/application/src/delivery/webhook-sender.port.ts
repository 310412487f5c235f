import type { SendResult } from './webhook-sender';

/** How the worker posts one attempt: `WebhookSender`, or the same traced (`traceWebhookSender`). */
export interface WebhookSenderPort {
  send(url: string, body: string, headers: Record<string, string>): Promise<SendResult>;
  close(): void;
}
