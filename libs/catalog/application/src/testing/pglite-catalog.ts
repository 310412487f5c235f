import type { SlaTargets } from '@itsm/contracts';
import { createPgliteEventStore, createPgliteExecutor, openPglite, type EventStore, type SqlExecutor } from '@itsm/event-store';
import type { RequestMetadata } from '../command-options';
import { CalendarCommands } from '../calendars/calendar-commands';
import { EventLogServiceDependencyGraph } from '../dependency-graph/event-log-service-dependency-graph.adapter';
import type { Clock } from '../ports/clock.port';
import { SqlServiceNumberAllocator } from '../service-numbers/sql-service-number-allocator.adapter';
import { ServiceCommands } from '../services/service-commands';

export const fixedNow = new Date('2026-03-02T10:00:00.000Z');
export const fixedClock: Clock = { now: () => fixedNow };
export const requestMetadata: RequestMetadata = {
  actor: { id: 'owner-1', role: 'service-owner', via: 'api' },
  correlationId: 'corr-1',
};

export const slaTargets = (): SlaTargets => ({
  P1: { responseMinutes: 15, resolutionMinutes: 240 },
  P2: { responseMinutes: 30, resolutionMinutes: 480 },
  P3: { responseMinutes: 60, resolutionMinutes: 1440 },
  P4: { responseMinutes: 240, resolutionMinutes: 2880 },
  P5: { responseMinutes: 480, resolutionMinutes: 5760 },
});

export const serviceInput = (name: string) =>
  ({ name, kind: 'technical', description: `${name} service`, ownerGroup: 'platform', supportGroup: 'ops' }) as const;

export const calendarInput = () => ({
  name: 'Berlin office hours',
  timeZone: 'Europe/Berlin',
  weeklyHours: [{ day: 'mon' as const, from: '09:00', to: '17:00' }],
  holidays: ['2026-12-25'],
});

export interface PgliteCatalog {
  store: EventStore;
  db: SqlExecutor;
  services: ServiceCommands;
  calendars: CalendarCommands;
  close(): Promise<void>;
}

/** The catalog's command side on one in-memory PGlite (log and sequence in the same database, as embedded). */
export const openPgliteCatalog = async (): Promise<PgliteCatalog> => {
  const pglite = await openPglite();
  const store = await createPgliteEventStore({ db: pglite });
  const db = createPgliteExecutor(pglite, { ownsDatabase: false });
  const services = new ServiceCommands(store, new SqlServiceNumberAllocator(db), new EventLogServiceDependencyGraph(store), fixedClock);
  return {
    store,
    db,
    services,
    calendars: new CalendarCommands(store, fixedClock),
    async close() {
      await store.close();
      await pglite.close();
    },
  };
};
