import { ControlChecks, type ControlReport } from '@itsm/audit-domain';
import type { EventStore } from '@itsm/event-store';
import { readHeadPosition } from '@itsm/projections';
import { readLogPages } from '../log/read-log-pages';

export interface ControlRunOptions {
  batchSize?: number;
  onProgress?(progress: { events: number; position: number; head: number }): void;
}

/**
 * Runs the control checks (the domain's `ControlChecks`) over the log as stored, up to its head as the run starts,
 * page by page (constant memory but for the fold's per-record state).
 */
export const controlReportOverLog = async (store: Pick<EventStore, 'readAll'>, options: ControlRunOptions = {}): Promise<ControlReport> => {
  const checks = new ControlChecks();
  await continueOverLog(checks, store, -1, options);
  return checks.report();
};

const continueOverLog = async (checks: ControlChecks, store: Pick<EventStore, 'readAll'>, after: number, options: ControlRunOptions): Promise<number> => {
  const head = await readHeadPosition(store);
  let position = after;
  let events = 0;
  for await (const page of readLogPages(store, { after, upTo: head, batchSize: options.batchSize })) {
    for (const event of page) checks.observe(event);
    events += page.length;
    position = page[page.length - 1].globalPosition;
    options.onProgress?.({ events, position, head });
  }
  return position;
};

/**
 * The control checks kept up to date for `GET /api/v1/audit/controls`: the fold is kept in memory and each
 * report first reads only the events appended since the last one. Reports are taken one at a time.
 */
export class LiveControlChecks {
  private readonly checks = new ControlChecks();
  private position = -1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: Pick<EventStore, 'readAll'>) {}

  report(): Promise<ControlReport> {
    const next = this.queue.then(async () => {
      this.position = await continueOverLog(this.checks, this.store, this.position, {});
      return this.checks.report();
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
