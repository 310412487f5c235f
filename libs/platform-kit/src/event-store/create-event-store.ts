import { join } from 'node:path';
import { createEventStoreDbEventStore, createPgliteEventStore, createPostgresEventStore, type EventStore } from '@itsm/event-store';
import type { RuntimeConfig } from '../config/runtime-config';

export type EventStoreKind = 'eventstoredb' | 'postgres' | 'pglite';

export const eventStoreKindOf = (config: Pick<RuntimeConfig, 'EVENTSTORE_URL' | 'DATABASE_URL'>): EventStoreKind =>
  config.EVENTSTORE_URL ? 'eventstoredb' : config.DATABASE_URL ? 'postgres' : 'pglite';

/** The runtime shape is configuration: EventStoreDB when set, else the PostgreSQL server, else embedded PGlite. */
export const createEventStoreFromConfig = async (
  config: Pick<RuntimeConfig, 'EVENTSTORE_URL' | 'DATABASE_URL' | 'ITSM_DATA_DIR'>,
): Promise<EventStore> => {
  switch (eventStoreKindOf(config)) {
    case 'eventstoredb':
      return createEventStoreDbEventStore({ connectionString: config.EVENTSTORE_URL as string });
    case 'postgres':
      return createPostgresEventStore({ connectionString: config.DATABASE_URL as string });
    case 'pglite':
      return createPgliteEventStore({ dataDir: join(config.ITSM_DATA_DIR, 'pglite') });
  }
};
