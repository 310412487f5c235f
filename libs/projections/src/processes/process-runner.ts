import { upcastEvent } from '@itsm/contracts';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { EventStore, SqlExecutor, Subscription } from '@itsm/event-store';
import { DEFAULT_READ_MODEL_LOCATION } from '../read-models/read-model-location';
import { checkpointTables, migrateCheckpoints, readCheckpoint, writeCheckpoint, type CheckpointTables } from '../runtime/checkpoints';
import { assertIdentifier } from '../runtime/sql-names';
import type { EventProcess, ProcessStatus } from './event-process';

export interface ProcessRunnerOptions {
  db: SqlExecutor;
  /** The log; with `subscribeToAllBatches`, a process's checkpoint also moves past the log it read without finding its types. */
  source: Pick<EventStore, 'readAll' | 'subscribeToAll' | 'subscribeToAllBatches'>;
  processes: readonly EventProcess[];
  /** Schema of the checkpoint tables (shared with projections, so read-your-writes can wait for a process too). */
  checkpointSchema?: string;
  /** Told of every failed attempt (logs and metrics); the attempt is retried, never skipped. */
  onFailure?: (process: string, error: unknown, status: ProcessStatus) => void;
  /** Wait before the first retry; doubled each time up to `maxRetryDelayMs`. Default 200 ms and 30 s. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  upcast?: (event: RecordedEvent) => RecordedEvent;
}

class StoppedError extends Error {}

/**
 * One process: follows the log from its checkpoint, reading only its event types, one at a time, each retried until
 * done. Other events neither wake nor cost it a read, so its checkpoint stays at the last event it handled (or the
 * last read that found none); a reader waiting for a write's position asks `ProcessPositions`, which looks in the log
 * for events of the process's types between the two.
 */
class RunningProcess {
  private subscription: Subscription | undefined;
  private stopped = false;
  private wakeRetry: (() => void) | undefined;
  private writing: Promise<void> = Promise.resolve();
  readonly status: ProcessStatus;

  constructor(
    private readonly process: EventProcess,
    private readonly options: ProcessRunnerOptions & { checkpoints: CheckpointTables },
  ) {
    this.status = { name: process.name, position: -1, consecutiveFailures: 0, failuresTotal: 0, lastError: null, lastErrorAt: null };
  }

  /** Handles every event from the checkpoint up to the log's head, then returns (specs, one-shot runs). */
  async catchUp(): Promise<void> {
    let position = (await readCheckpoint(this.options.db, this.options.checkpoints, this.process.name, 'live'))?.position ?? -1;
    for (;;) {
      const page = await this.options.source.readAll({ fromPosition: position, maxCount: 500, filter: { types: [...this.process.eventTypes] } });
      for (const event of page.events) await this.handle(event);
      if (page.lastPosition === position) return;
      position = page.lastPosition;
      await this.saveCheckpoint(position);
    }
  }

  async start(): Promise<void> {
    this.status.position = (await readCheckpoint(this.options.db, this.options.checkpoints, this.process.name, 'live'))?.position ?? -1;
    const { source } = this.options;
    const common = {
      fromCheckpoint: this.status.position,
      filter: { types: [...this.process.eventTypes] },
      onError: (error: unknown) => {
        if (!(error instanceof StoppedError) && !this.stopped) void this.restart();
      },
    };
    this.subscription = source.subscribeToAllBatches
      ? source.subscribeToAllBatches({
          ...common,
          onBatch: async (events, readUpTo) => {
            for (const event of events) await this.handle(event);
            // The store's polls read up to the head: keeps the log a waiter searches for pending events short.
            if (readUpTo > this.status.position) await this.saveCheckpoint(readUpTo);
          },
        })
      : source.subscribeToAll({ ...common, onEvent: (event) => this.handle(event) });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeRetry?.();
    await this.subscription?.stop();
    await this.writing;
  }

  /** Checkpoint writes one after another (a batch's read-up-to write and a handled event's must not cross). */
  private saveCheckpoint(position: number): Promise<void> {
    const write = this.writing.then(async () => {
      if (position <= this.status.position) return;
      await writeCheckpoint(this.options.db, this.options.checkpoints, this.process.name, 'live', { position, generation: null });
      this.status.position = position;
    });
    this.writing = write.catch(() => undefined);
    return write;
  }

  private async restart(): Promise<void> {
    await this.subscription?.stop().catch(() => undefined);
    if (!this.stopped) await this.start().catch((error: unknown) => this.failed(error));
  }

  /** Handles one event until it succeeds (or the runner stops), then moves the checkpoint past it. */
  private async handle(event: RecordedEvent): Promise<void> {
    const upcast = this.options.upcast ?? upcastEvent;
    for (let delay = this.options.retryDelayMs ?? 200; ; delay = Math.min(delay * 2, this.options.maxRetryDelayMs ?? 30_000)) {
      if (this.stopped) throw new StoppedError();
      try {
        await this.process.handle(upcast(event));
        await this.saveCheckpoint(event.globalPosition);
        this.status.consecutiveFailures = 0;
        return;
      } catch (error) {
        this.failed(error);
        await new Promise<void>((resume) => {
          const timer = setTimeout(resume, delay);
          this.wakeRetry = () => {
            clearTimeout(timer);
            resume();
          };
        });
      }
    }
  }

  private failed(error: unknown): void {
    this.status.consecutiveFailures++;
    this.status.failuresTotal++;
    this.status.lastError = error instanceof Error ? error.message : String(error);
    this.status.lastErrorAt = new Date().toISOString();
    this.options.onFailure?.(this.process.name, error, { ...this.status });
  }
}

/**
 * Hosts event-driven processes (process managers, reactions): each follows the log from its own checkpoint,
 * kept beside the projections' checkpoints. A failing step is reported and retried with backoff, never skipped,
 * so the process stops where it is until the cause is fixed, and says so in its status.
 */
export class ProcessRunner {
  private readonly running: RunningProcess[];

  private constructor(options: ProcessRunnerOptions & { checkpoints: CheckpointTables }) {
    const names = new Set<string>();
    for (const process of options.processes) {
      assertIdentifier('Process name', process.name);
      if (names.has(process.name)) throw new Error(`Process "${process.name}" is registered twice`);
      names.add(process.name);
    }
    this.running = options.processes.map((process) => new RunningProcess(process, options));
  }

  static async create(options: ProcessRunnerOptions): Promise<ProcessRunner> {
    const checkpoints = checkpointTables(assertIdentifier('Checkpoint schema', options.checkpointSchema ?? DEFAULT_READ_MODEL_LOCATION.checkpointSchema));
    await migrateCheckpoints(options.db, checkpoints);
    return new ProcessRunner({ ...options, checkpoints });
  }

  async start(): Promise<void> {
    await Promise.all(this.running.map((process) => process.start()));
  }

  /** Every process handles what the log holds up to its head, then the call returns (no following). */
  async catchUp(): Promise<void> {
    for (const process of this.running) await process.catchUp();
  }

  async stop(): Promise<void> {
    await Promise.all(this.running.map((process) => process.stop()));
  }

  statuses(): ProcessStatus[] {
    return this.running.map((process) => ({ ...process.status }));
  }
}
