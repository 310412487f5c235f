import type { RecordedEvent } from '@itsm/event-sourcing';
import { upcastEvent } from '@itsm/contracts';
import type { SqlExecutor } from '@itsm/event-store';
import type { Projection, TableNames } from '../projection';
import type { Deduplication } from './apply-batch';
import { checkpointTables, migrateCheckpoints } from './checkpoints';
import { readHeadPosition, type ProjectionEventSource } from './event-source';
import { LiveApplier } from './live-applier';
import { LiveGroup } from './live-group';
import { ensureLiveTables } from './live-tables';
import { startRebuild, type RebuildHandle } from './rebuild';
import type { RebuildProgress } from './rebuild-progress';
import type { RuntimeContext } from './runtime-context';
import { assertIdentifier, tableNamesOf } from './sql-names';
import { DEFAULT_READ_MODEL_LOCATION } from '../read-models/read-model-location';

/**
 * Where live events come from:
 * - 'event-store': the runtime follows `subscribeToAll` itself (embedded shape; global order);
 * - 'pushed': a consumer calls `handle(events)` with events decoded from Kafka (distributed shape; per-stream order).
 * Rebuilds always read the event store from position 0.
 */
export type LiveSource = 'event-store' | 'pushed';

export interface ProjectionRuntimeOptions {
  db: SqlExecutor;
  /** The event log (rebuilds, and live events in 'event-store' mode). */
  source: ProjectionEventSource;
  projections: readonly Projection[];
  liveSource?: LiveSource;
  /** Schema of the read-model tables; default `read_models`. */
  schema?: string;
  /** Schema of `checkpoints` and `stream_checkpoints`; default `projections`. */
  checkpointSchema?: string;
  /** Events per read and per transaction in catch-up and rebuild; default 2000. */
  batchSize?: number;
  /** The log's head position, for rebuild progress; default: probed through `readAll`. */
  headPosition?: () => Promise<number>;
  /** Upcasts events before projections see them; default the platform's one registry (`@itsm/contracts`). */
  upcast?: (event: RecordedEvent) => RecordedEvent;
}

export interface ProjectionStatus {
  name: string;
  eventTypes: readonly string[];
  /** Log position the live tables have reached. */
  position: number;
  lastError: string | null;
  rebuild: RebuildProgress | null;
}

export class UnknownProjectionError extends Error {
  constructor(name: string) {
    super(`No projection named "${name}"`);
  }
}

export class RebuildAlreadyRunningError extends Error {
  constructor(name: string) {
    super(`Projection "${name}" is already being rebuilt`);
  }
}

/** Hosts projections: creates their tables, feeds them live events, rebuilds them with progress. */
export class ProjectionRuntime {
  private readonly appliers = new Map<string, LiveApplier>();
  private readonly rebuilds = new Map<string, RebuildHandle>();
  private group: LiveGroup | undefined;
  /** Projections whose tables changed shape at start-up: they fill again from the log's first event. */
  readonly reshaped: string[] = [];

  private constructor(
    private readonly context: RuntimeContext,
    private readonly liveSource: LiveSource,
  ) {}

  /** Migrates the checkpoint tables and creates each projection's live tables if they are missing. */
  static async create(options: ProjectionRuntimeOptions): Promise<ProjectionRuntime> {
    const schema = assertIdentifier('Read-model schema', options.schema ?? DEFAULT_READ_MODEL_LOCATION.schema);
    const liveSource = options.liveSource ?? 'event-store';
    const deduplication: Deduplication = liveSource === 'pushed' ? 'stream-revision' : 'position';
    const context: RuntimeContext = {
      db: options.db,
      source: options.source,
      schema,
      checkpoints: checkpointTables(assertIdentifier('Checkpoint schema', options.checkpointSchema ?? DEFAULT_READ_MODEL_LOCATION.checkpointSchema)),
      deduplication,
      upcast: options.upcast ?? upcastEvent,
      batchSize: options.batchSize ?? 2000,
      headPosition: options.headPosition ?? (() => readHeadPosition(options.source)),
    };
    const runtime = new ProjectionRuntime(context, liveSource);
    await migrateCheckpoints(context.db, context.checkpoints);
    for (const projection of options.projections) {
      assertIdentifier('Projection name', projection.name);
      projection.tables.forEach((table) => assertIdentifier('Table name', table));
      if (runtime.appliers.has(projection.name)) throw new Error(`Projection "${projection.name}" is registered twice`);
      if ((await ensureLiveTables(context, projection)) === 'reshaped') runtime.reshaped.push(projection.name);
      runtime.appliers.set(projection.name, new LiveApplier(context, projection));
    }
    return runtime;
  }

  get projections(): Projection[] {
    return [...this.appliers.values()].map((applier) => applier.projection);
  }

  /**
   * In 'event-store' mode: catches every projection up and follows the log, all of them in one group where the
   * store hands over batches (see LiveGroup), else each on its own. In 'pushed' mode: only reshaped projections
   * read the log (the bus brings new events, not the history their new tables need).
   */
  async start(): Promise<void> {
    if (this.liveSource !== 'event-store') {
      for (const name of this.reshaped) await this.applier(name).catchUp();
      return;
    }
    const { source } = this.context;
    const appliers = [...this.appliers.values()];
    const subscribeToAllBatches = source.subscribeToAllBatches?.bind(source);
    if (!subscribeToAllBatches) {
      await Promise.all(appliers.map((applier) => applier.follow()));
      return;
    }
    const caughtUp = await this.catchUpForGroup(appliers);
    const behind = appliers.filter((applier) => !caughtUp.includes(applier));
    this.group = new LiveGroup(this.context, subscribeToAllBatches, caughtUp, behind);
    await this.group.follow();
  }

  /**
   * Catches each projection up on its own; one that fails (it reads another projection's rows that were still
   * behind) tries once more after the others. Returns those that made it: they follow the log together.
   */
  private async catchUpForGroup(appliers: readonly LiveApplier[]): Promise<LiveApplier[]> {
    const caughtUp = async (applier: LiveApplier) => applier.catchUp().then(() => true, () => false);
    const first = await Promise.all(appliers.map(caughtUp));
    const ready = appliers.filter((_, index) => first[index]);
    for (const applier of appliers.filter((_, index) => !first[index])) if (await caughtUp(applier)) ready.push(applier);
    return appliers.filter((applier) => ready.includes(applier));
  }

  /** Applies the log up to its head to one projection (or all), in batches; returns the events applied. */
  async catchUp(name?: string): Promise<number> {
    const appliers = name === undefined ? [...this.appliers.values()] : [this.applier(name)];
    let applied = 0;
    for (const applier of appliers) applied += await applier.catchUp();
    return applied;
  }

  /**
   * Entry for a Kafka consumer ('pushed' mode): applies the batch to every projection that takes some of its
   * types, each in one transaction with its checkpoint. Redelivered events are recognised by stream revision and
   * skipped. Resolves once committed, so the consumer may commit its offsets after it.
   */
  async handle(events: readonly RecordedEvent[]): Promise<void> {
    for (const applier of this.appliers.values()) await applier.apply(events);
  }

  /** Starts rebuilding a projection into shadow tables; progress through `rebuildProgress` or `onProgress`. */
  rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): RebuildHandle {
    const projection = this.applier(name).projection;
    const running = this.rebuilds.get(name);
    if (running && !['done', 'failed'].includes(running.tracker.snapshot().state)) throw new RebuildAlreadyRunningError(name);
    const handle = startRebuild(this.context, projection, onProgress);
    this.rebuilds.set(name, handle);
    return handle;
  }

  /** The latest rebuild of a projection (running or finished), or null. */
  rebuildProgress(name: string): RebuildProgress | null {
    this.applier(name);
    return this.rebuilds.get(name)?.tracker.snapshot() ?? null;
  }

  async status(): Promise<ProjectionStatus[]> {
    return Promise.all(
      [...this.appliers.values()].map(async (applier) => ({
        name: applier.projection.name,
        eventTypes: applier.projection.eventTypes,
        position: await applier.checkpoint(),
        lastError: applier.lastError,
        rebuild: this.rebuildProgress(applier.projection.name),
      })),
    );
  }

  /** Names of a projection's live tables, for its query services. */
  tablesOf<Table extends string>(projection: Projection<Table>): TableNames<Table> {
    return tableNamesOf(projection, this.context.schema);
  }

  /** Stops following the log and waits for running rebuilds to end (they are not cancelled). */
  async stop(): Promise<void> {
    await this.group?.stop();
    this.group = undefined;
    await Promise.all([...this.appliers.values()].map((applier) => applier.stop()));
    await Promise.allSettled([...this.rebuilds.values()].map((handle) => handle.finished));
  }

  private applier(name: string): LiveApplier {
    const applier = this.appliers.get(name);
    if (!applier) throw new UnknownProjectionError(name);
    return applier;
  }
}
