import type { NoteVerifier } from '@itsm/audit-domain';
import type { ProcessStatus } from '@itsm/projections';
import type { SqlVerificationRuns } from '../../adapters/sql-verification-runs.adapter';
import type { AuditVerification } from '../../verify/audit-verification';
import type { CanonicalTextLog } from '../../verify/from-text/canonical-text-pages';
import { verifyAuditLog, type AuditVerifySources } from '../../verify/verify-audit-log';

export interface BackgroundVerificationOptions {
  sources: AuditVerifySources;
  /** The log's SQL database, when the log is in it: verified on the texts the appenders stored. */
  canonicalTexts?: CanonicalTextLog;
  runs: SqlVerificationRuns;
  verifier: NoteVerifier;
  origin: string;
  /** Hours between runs. */
  intervalHours: number;
  /** Wait after the start before the first run when the last recorded one is older than the interval; default 60 s. */
  firstRunDelayMs?: number;
  onResult?: (result: AuditVerification) => void;
  onFailure?: (error: unknown) => void;
}

/**
 * Re-verifies the whole log every few hours and records the result for GET /api/v1/audit/verify (as `itsm verify`
 * does when an operator runs it). The first run waits a minute after the start, so a restart is not slowed by it,
 * and is skipped when a recent result is already recorded. A failed verification is a result, not a failure of
 * this process: it is recorded and logged; only a run that could not complete counts as a failure.
 */
export class BackgroundVerification {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = true;
  private readonly current: ProcessStatus = { name: 'audit_verification', position: -1, consecutiveFailures: 0, failuresTotal: 0, lastError: null, lastErrorAt: null };

  constructor(private readonly options: BackgroundVerificationOptions) {}

  start(): void {
    if (!this.stopped || this.options.intervalHours <= 0) return;
    this.stopped = false;
    this.running = this.options.runs
      .latest()
      .then((latest) => {
        const age = latest ? Date.now() - Date.parse(latest.finishedAt) : Number.POSITIVE_INFINITY;
        this.schedule(Math.max(this.options.firstRunDelayMs ?? 60_000, this.intervalMs() - age));
      })
      .catch(() => this.schedule(this.options.firstRunDelayMs ?? 60_000));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  status(): ProcessStatus {
    return { ...this.current };
  }

  /** One verification, recorded. */
  async runOnce(): Promise<AuditVerification> {
    const { sources, verifier, origin, canonicalTexts } = this.options;
    const result = await verifyAuditLog(sources, { verifier, origin, canonicalTexts });
    await this.options.runs.record('platform', result);
    this.current.position = result.lastPosition;
    this.options.onResult?.(result);
    return result;
  }

  private intervalMs(): number {
    return this.options.intervalHours * 3_600_000;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .then(() => {
          this.current.consecutiveFailures = 0;
        })
        .catch((error: unknown) => {
          this.current.consecutiveFailures++;
          this.current.failuresTotal++;
          this.current.lastError = error instanceof Error ? error.message : String(error);
          this.current.lastErrorAt = new Date().toISOString();
          this.options.onFailure?.(error);
        })
        .finally(() => this.schedule(this.intervalMs()));
    }, Math.min(delayMs, 2 ** 31 - 1));
  }
}
