import type { SlaTargets } from '@itsm/contracts';
import { createExclusiveSections, createPgliteEventStore, createPgliteExecutor, openPglite, type EventStore, type SqlExecutor } from '@itsm/event-store';
import { writePipelineOn } from '@itsm/platform-kit';
import { AddChangeTemplateHandler } from '../add-change-template/add-change-template.handler';
import { AddDependencyHandler } from '../add-dependency/add-dependency.handler';
import { AddOfferingHandler } from '../add-offering/add-offering.handler';
import { EventLogServiceDependencyGraph } from '../adapters/event-log-service-dependency-graph.adapter';
import { SqlCalendarNumberAllocator } from '../adapters/sql-calendar-number-allocator.adapter';
import { SqlServiceNumberAllocator } from '../adapters/sql-service-number-allocator.adapter';
import { CalendarStreams } from '../calendar-stream/calendar-streams';
import type { RequestMetadata } from '../command-options';
import { CreateCalendarHandler } from '../create-calendar/create-calendar.handler';
import type { Clock } from '../ports/clock.port';
import type { ServiceDependencyGraph } from '../ports/service-dependency-graph.port';
import { RegisterServiceHandler } from '../register-service/register-service.handler';
import { RemoveDependencyHandler } from '../remove-dependency/remove-dependency.handler';
import { RemoveOfferingHandler } from '../remove-offering/remove-offering.handler';
import { RetireServiceHandler } from '../retire-service/retire-service.handler';
import { ServiceStreams } from '../service-stream/service-streams';
import { SetCostModelHandler } from '../set-cost-model/set-cost-model.handler';
import { SetMaintenanceWindowsHandler } from '../set-maintenance-windows/set-maintenance-windows.handler';
import { TakeServiceLiveHandler } from '../take-service-live/take-service-live.handler';
import { UpdateCalendarHandler } from '../update-calendar/update-calendar.handler';
import { UpdateOfferingHandler } from '../update-offering/update-offering.handler';
import { UpdateServiceHandler } from '../update-service/update-service.handler';

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

/** Every catalog use case's handler, named after its use case. */
export interface CatalogHandlers {
  registerService: RegisterServiceHandler;
  updateService: UpdateServiceHandler;
  takeServiceLive: TakeServiceLiveHandler;
  retireService: RetireServiceHandler;
  addOffering: AddOfferingHandler;
  updateOffering: UpdateOfferingHandler;
  removeOffering: RemoveOfferingHandler;
  setCostModel: SetCostModelHandler;
  setMaintenanceWindows: SetMaintenanceWindowsHandler;
  addChangeTemplate: AddChangeTemplateHandler;
  addDependency: AddDependencyHandler;
  removeDependency: RemoveDependencyHandler;
  createCalendar: CreateCalendarHandler;
  updateCalendar: UpdateCalendarHandler;
}

export interface PgliteCatalog {
  store: EventStore;
  db: SqlExecutor;
  services: ServiceStreams;
  calendars: CalendarStreams;
  handlers: CatalogHandlers;
  close(): Promise<void>;
}

/** The catalog's handlers wired by hand (as the composition root does), on a store and database of the caller's. */
export const catalogHandlersOn = (store: EventStore, db: SqlExecutor, clock: Clock = fixedClock, graph: ServiceDependencyGraph = new EventLogServiceDependencyGraph(store)) => {
  const pipeline = writePipelineOn(store);
  const services = new ServiceStreams(pipeline, clock);
  const calendars = new CalendarStreams(pipeline, clock);
  const handlers: CatalogHandlers = {
    registerService: new RegisterServiceHandler(services, new SqlServiceNumberAllocator(db)),
    updateService: new UpdateServiceHandler(services),
    takeServiceLive: new TakeServiceLiveHandler(services),
    retireService: new RetireServiceHandler(services),
    addOffering: new AddOfferingHandler(services, calendars),
    updateOffering: new UpdateOfferingHandler(services, calendars),
    removeOffering: new RemoveOfferingHandler(services),
    setCostModel: new SetCostModelHandler(services),
    setMaintenanceWindows: new SetMaintenanceWindowsHandler(services),
    addChangeTemplate: new AddChangeTemplateHandler(services),
    addDependency: new AddDependencyHandler(services, graph, createExclusiveSections(db)),
    removeDependency: new RemoveDependencyHandler(services),
    createCalendar: new CreateCalendarHandler(calendars, new SqlCalendarNumberAllocator(db)),
    updateCalendar: new UpdateCalendarHandler(calendars),
  };
  return { services, calendars, handlers };
};

/** The catalog's command side on one in-memory PGlite (log and sequence in the same database, as embedded). */
export const openPgliteCatalog = async (): Promise<PgliteCatalog> => {
  const pglite = await openPglite();
  const store = await createPgliteEventStore({ db: pglite });
  const db = createPgliteExecutor(pglite, { ownsDatabase: false });
  return {
    store,
    db,
    ...catalogHandlersOn(store, db),
    async close() {
      await store.close();
      await pglite.close();
    },
  };
};
