import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { TargetGuard } from '../targets/target-guard';

export interface SendResult {
  /** 2xx: delivered. A 3xx is a failure: redirects are never followed. */
  succeeded: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Errors and bodies in the delivery log stay short. */
const ERROR_MAX_LENGTH = 300;

/**
 * One HTTP POST per attempt, connecting only to addresses the guard allows (checked at connect time, after DNS), with
 * one time limit for the whole attempt, no redirects followed and connections kept alive per receiver.
 */
export class WebhookSender {
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;

  constructor(
    private readonly guard: TargetGuard,
    private readonly timeoutMs: number,
  ) {
    this.httpAgent = new HttpAgent({ keepAlive: true, lookup: guard.lookup });
    this.httpsAgent = new HttpsAgent({ keepAlive: true, lookup: guard.lookup });
  }

  send(url: string, body: string, headers: Record<string, string>): Promise<SendResult> {
    const started = performance.now();
    const target = new URL(url);
    const https = target.protocol === 'https:';
    try {
      this.guard.checkLiteral(target.hostname);
    } catch (refused) {
      return Promise.resolve({ succeeded: false, statusCode: null, error: (refused as Error).message.slice(0, ERROR_MAX_LENGTH), durationMs: 0 });
    }
    return new Promise((resolve) => {
      let settled = false;
      const finish = (result: Omit<SendResult, 'durationMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...result, durationMs: Math.round(performance.now() - started) });
      };
      const answer = (response: IncomingMessage) => {
        const statusCode = response.statusCode ?? 0;
        // Drained, so the connection goes back to the pool; the body is not kept.
        response.resume();
        response.on('end', () => {
          if (statusCode >= 200 && statusCode < 300) return finish({ succeeded: true, statusCode, error: null });
          const redirect = statusCode >= 300 && statusCode < 400 ? ` (redirect to ${String(response.headers.location ?? 'nowhere')} not followed)` : '';
          finish({ succeeded: false, statusCode, error: `HTTP ${statusCode}${redirect}`.slice(0, ERROR_MAX_LENGTH) });
        });
        response.on('error', (error) => finish({ succeeded: false, statusCode, error: error.message.slice(0, ERROR_MAX_LENGTH) }));
      };
      const request = (https ? httpsRequest : httpRequest)(
        target,
        {
          method: 'POST',
          agent: https ? this.httpsAgent : this.httpAgent,
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        answer,
      );
      const timer = setTimeout(() => {
        finish({ succeeded: false, statusCode: null, error: `No answer within ${this.timeoutMs} ms` });
        request.destroy();
      }, this.timeoutMs);
      request.on('error', (error) => finish({ succeeded: false, statusCode: null, error: error.message.slice(0, ERROR_MAX_LENGTH) }));
      request.end(body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
