import type { SlaTargets, SupportCalendar } from '@itsm/contracts';
import type { EventStore, SqlExecutor } from '@itsm/event-store';
import {
  AddOfferingHandler,
  CalendarStreams,
  CreateCalendarHandler,
  DEFAULT_CATALOG_SCHEMA,
  RegisterServiceHandler,
  ServiceStreams,
  SqlCalendarNumberAllocator,
  SqlServiceNumberAllocator,
  systemClock,
  TakeServiceLiveHandler,
} from '@itsm/catalog-application';
import { INCIDENTS_CATALOG_SCHEMA, incidentsCatalogProjection } from '@itsm/incidents-application';
import { writePipelineOn } from '@itsm/platform-kit';
import { ProjectionRuntime } from '@itsm/projections';
import { SEED_METADATA } from './seed-metadata';

/** A seeded service and its offerings (the first is the default). */
export interface SeededService {
  serviceId: string;
  offeringIds: string[];
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

const SEED_CALENDARS: SupportCalendar[] = [
  {
    name: '24x7 UTC',
    timeZone: 'UTC',
    weeklyHours: ([...WEEKDAYS, 'sat', 'sun'] as const).map((day) => ({ day, from: '00:00', to: '24:00' })),
    holidays: [],
  },
  {
    name: 'Berlin office hours',
    timeZone: 'Europe/Berlin',
    weeklyHours: WEEKDAYS.map((day) => ({ day, from: '09:00', to: '17:00' })),
    holidays: ['2026-12-25'],
  },
  {
    name: 'New York business hours',
    timeZone: 'America/New_York',
    weeklyHours: WEEKDAYS.map((day) => ({ day, from: '08:00', to: '18:00' })),
    holidays: [],
  },
];

/** Minutes per priority, scaled: Gold answers faster than Silver. */
const targets = (factor: number): SlaTargets => ({
  P1: { responseMinutes: 15 * factor, resolutionMinutes: 240 * factor },
  P2: { responseMinutes: 30 * factor, resolutionMinutes: 480 * factor },
  P3: { responseMinutes: 60 * factor, resolutionMinutes: 1440 * factor },
  P4: { responseMinutes: 240 * factor, resolutionMinutes: 2880 * factor },
  P5: { responseMinutes: 480 * factor, resolutionMinutes: 5760 * factor },
});

const SERVICE_NAMES = ['Email', 'VPN', 'Payroll', 'CRM', 'Wiki', 'Build farm', 'Telephony', 'Web shop', 'Data warehouse', 'HR portal'];

export const SEED_SUPPORT_GROUPS = ['service-desk', 'network', 'platform', 'apps', 'database', 'security', 'end-user', 'facilities'];

/**
 * Calendars and live services with a Gold (default, around the clock) and a Silver (business hours) offering,
 * written through the catalog's own handlers; then the incidents' catalog copy is caught up, so incidents can be
 * opened against them at once.
 */
export const seedCatalog = async (log: { store: EventStore; db: SqlExecutor }, serviceCount: number): Promise<SeededService[]> => {
  const pipeline = writePipelineOn(log.store);
  const services = new ServiceStreams(pipeline, systemClock);
  const calendars = new CalendarStreams(pipeline, systemClock);
  const createCalendar = new CreateCalendarHandler(calendars, new SqlCalendarNumberAllocator(log.db, DEFAULT_CATALOG_SCHEMA));
  const registerService = new RegisterServiceHandler(services, new SqlServiceNumberAllocator(log.db, DEFAULT_CATALOG_SCHEMA));
  const addOffering = new AddOfferingHandler(services, calendars);
  const takeServiceLive = new TakeServiceLiveHandler(services);
  const calendarIds: string[] = [];
  for (const calendar of SEED_CALENDARS) calendarIds.push((await createCalendar.execute(calendar, SEED_METADATA)).id);
  const seeded: SeededService[] = [];
  for (let index = 0; index < serviceCount; index++) {
    const base = SERVICE_NAMES[index % SERVICE_NAMES.length];
    const name = index < SERVICE_NAMES.length ? base : `${base} ${Math.floor(index / SERVICE_NAMES.length) + 1}`;
    const supportGroup = SEED_SUPPORT_GROUPS[index % SEED_SUPPORT_GROUPS.length];
    const { id: serviceId } = await registerService.execute(
      { name, kind: 'business', description: `${name} (seeded)`, ownerGroup: 'service-owners', supportGroup },
      SEED_METADATA,
    );
    const gold = await addOffering.execute(serviceId, { name: 'Gold', calendarId: calendarIds[0], default: true, slaTargets: targets(1) }, SEED_METADATA);
    const businessCalendar = calendarIds[1 + (index % (calendarIds.length - 1))];
    const silver = await addOffering.execute(serviceId, { name: 'Silver', calendarId: businessCalendar, slaTargets: targets(2) }, SEED_METADATA);
    await takeServiceLive.execute(serviceId, SEED_METADATA);
    seeded.push({ serviceId, offeringIds: [gold.offeringId, silver.offeringId] });
  }
  await catchUpIncidentsCatalog(log);
  return seeded;
};

/** Runs the incidents' catalog-copy projection up to the log's head (same name and schemas as the platform's). */
export const catchUpIncidentsCatalog = async (log: { store: EventStore; db: SqlExecutor }): Promise<void> => {
  const runtime = await ProjectionRuntime.create({
    db: log.db,
    source: log.store,
    projections: [incidentsCatalogProjection],
    schema: INCIDENTS_CATALOG_SCHEMA,
  });
  try {
    await runtime.catchUp();
  } finally {
    await runtime.stop();
  }
};
