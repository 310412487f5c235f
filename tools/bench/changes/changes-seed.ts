import {
  changeStreamId,
  formatChangeNumber,
  formatIncidentNumber,
  freezeWindowStreamId,
  incidentStreamId,
  schemaVersionOf,
  serviceStreamId,
  type ChangeType,
} from '@itsm/contracts';
import { newId, type NewEvent } from '@itsm/event-sourcing';
import type { EventStore, StreamAppend } from '@itsm/event-store';

/*
 * The changes part's data, written as the contexts write it (catalog, incidents and change events on their streams),
 * so that the real projections build the tables both contenders read. Deterministic: the same sizes give the same
 * history (a seeded PRNG), so runs compare.
 */

/** mulberry32: small, fast, good enough to spread windows and services. */
export const prng = (seed: number) => {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (below: number) => Math.floor(next() * below), pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] };
};

export type Random = ReturnType<typeof prng>;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The seeded schedule covers this year; the measured windows fall in it too. */
export const SCHEDULE_START = Date.UTC(2031, 0, 1);
export const SCHEDULE_DAYS = 365;
const TIERS = 5;
export const AGENTS = 200;

const event = (type: string, data: object): NewEvent => ({
  type,
  data,
  schemaVersion: schemaVersionOf(type),
  metadata: { actor: { id: 'bench', role: 'admin' }, correlationId: newId() },
});

export interface SeedSizes {
  services: number;
  changes: number;
}

export interface SeededChanges {
  serviceIds: string[];
  edges: number;
  changes: number;
  freezes: number;
  majorIncidents: number;
  events: number;
}

/** A window of 1–4 hours starting on the hour somewhere in the seeded year. */
export const randomWindow = (random: Random): { start: Date; end: Date } => {
  const start = SCHEDULE_START + random.int(SCHEDULE_DAYS * 24) * HOUR_MS;
  return { start: new Date(start), end: new Date(start + (1 + random.int(4)) * HOUR_MS) };
};

/** 1 service mostly, sometimes 2 or 3, distinct. */
export const randomServices = (random: Random, serviceIds: readonly string[]): string[] => {
  const count = random.next() < 0.8 ? 1 : random.next() < 0.7 ? 2 : 3;
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(random.pick(serviceIds));
  return [...chosen];
};

export const randomAgent = (random: Random): string | null => (random.next() < 0.3 ? null : `agent-${1 + random.int(AGENTS)}`);

/**
 * The catalog: services in tiers (business on top, infrastructure at the bottom), each depending on two or three
 * services of the tier below (a DAG, as the catalog keeps it); a fifth of them with weekend maintenance windows.
 */
const catalogAppends = (random: Random, count: number): { appends: StreamAppend[]; serviceIds: string[]; edges: number } => {
  const serviceIds = Array.from({ length: count }, () => newId());
  const tierOf = (index: number) => Math.floor((index * TIERS) / count);
  const inTier = (tier: number) => serviceIds.filter((_, index) => tierOf(index) === tier);
  let edges = 0;
  const appends = serviceIds.map((serviceId, index): StreamAppend => {
    const events = [
      event('ServiceRegistered', {
        serviceId, number: `SVC${String(index + 1).padStart(7, '0')}`, name: `Service ${index + 1}`, kind: tierOf(index) === 0 ? 'business' : 'technical',
        description: 'bench', ownerGroup: 'owners', supportGroup: 'support', criticality: random.pick(['low', 'medium', 'medium', 'high', 'critical']),
        lifecycle: 'live', registeredAt: '2030-01-01T00:00:00.000Z',
      }),
    ];
    const below = tierOf(index) + 1 < TIERS ? inTier(tierOf(index) + 1) : [];
    const dependsOn = new Set<string>();
    const wanted = below.length === 0 ? 0 : Math.min(below.length, random.next() < 0.5 ? 2 : 3);
    while (dependsOn.size < wanted) dependsOn.add(random.pick(below));
    for (const target of dependsOn) events.push(event('ServiceDependencyAdded', { serviceId, dependsOnServiceId: target }));
    edges += dependsOn.size;
    if (random.next() < 0.2) {
      events.push(event('ServiceMaintenanceWindowsSet', { serviceId, timeZone: 'Europe/Berlin', windows: [{ day: 'sat', from: '00:00', to: '24:00' }, { day: 'sun', from: '00:00', to: '24:00' }] }));
    }
    return { streamId: serviceStreamId(serviceId), events, expectedRevision: 'no-stream' };
  });
  return { appends, serviceIds, edges };
};

/** A change raised, submitted and scheduled (authorized first unless standard), as the change decider writes them. */
const changeAppend = (random: Random, sequence: number, serviceIds: readonly string[]): StreamAppend => {
  const changeId = newId();
  const number = formatChangeNumber(sequence);
  const roll = random.next();
  const type: ChangeType = roll < 0.7 ? 'normal' : roll < 0.95 ? 'standard' : 'emergency';
  const { start, end } = randomWindow(random);
  const services = randomServices(random, serviceIds);
  const implementer = { group: `ops-${1 + random.int(20)}`, agent: randomAgent(random) };
  const raisedAt = new Date(start.getTime() - 14 * DAY_MS).toISOString();
  const templateId = type === 'standard' ? newId() : null;
  const events = [
    event('ChangeRaised', {
      changeId, number, type, requesterId: 'bench-requester', templateId, state: 'new', raisedAt, shortDescription: `Bench change ${sequence}`,
      description: 'bench', justification: 'bench', serviceIds: services, implementationPlan: 'plan', backoutPlan: 'backout', testPlan: 'test',
      plannedStart: start.toISOString(), plannedEnd: end.toISOString(), implementer,
    }),
    event('ChangeSubmitted', { changeId, type, templateId, previousState: 'new', state: type === 'standard' ? 'scheduled' : type === 'normal' ? 'assess' : 'authorize', submittedAt: raisedAt }),
  ];
  if (type !== 'standard') events.push(event('ChangeAuthorized', { changeId, round: 1, stages: ['cab'], previousState: 'authorize', state: 'scheduled', authorizedAt: raisedAt }));
  events.push(
    event('ChangeScheduled', {
      changeId, number, type, plannedStart: start.toISOString(), plannedEnd: end.toISOString(), serviceIds: services, implementer,
      because: type === 'standard' ? 'pre-approved' : 'authorized', state: 'scheduled', scheduledAt: raisedAt,
    }),
  );
  return { streamId: changeStreamId(changeId), events, expectedRevision: 'no-stream' };
};

/** A freeze of two days each month: every other one for every service, the others for 20 services. */
const freezeAppends = (random: Random, serviceIds: readonly string[]): StreamAppend[] =>
  Array.from({ length: 12 }, (_, month) => {
    const freezeWindowId = newId();
    const from = new Date(Date.UTC(2031, month, 10 + random.int(10)));
    const to = new Date(from.getTime() + 2 * DAY_MS);
    const services = month % 2 === 0 ? null : [...new Set(Array.from({ length: 20 }, () => random.pick(serviceIds)))];
    return {
      streamId: freezeWindowStreamId(freezeWindowId),
      events: [event('FreezeWindowDeclared', { freezeWindowId, name: `Freeze ${month + 1}`, reason: 'bench', from: from.toISOString(), to: to.toISOString(), serviceIds: services, declaredAt: '2030-12-01T00:00:00.000Z' })],
      expectedRevision: 'no-stream',
    };
  });

/** Open, accepted major incidents on a few services: the automatic freeze. */
const majorIncidentAppends = (random: Random, serviceIds: readonly string[], count: number): StreamAppend[] =>
  Array.from({ length: count }, (_, index) => {
    const incidentId = newId();
    const at = '2030-12-31T08:00:00.000Z';
    return {
      streamId: incidentStreamId(incidentId),
      events: [
        event('IncidentOpened', {
          incidentId, number: formatIncidentNumber(index + 1), callerId: 'bench', shortDescription: 'down', description: 'bench', serviceId: random.pick(serviceIds),
          offeringId: null, impact: 1, urgency: 1, priority: 'P1', state: 'new', openedAt: at,
        }),
        event('MajorIncidentProposed', { incidentId, justification: 'bench', proposedBy: 'agent-1', proposedAt: at }),
        event('MajorIncidentAccepted', { incidentId, acceptedBy: 'manager-1', acceptedAt: at }),
      ],
      expectedRevision: 'no-stream',
    };
  });

const BATCH = 250;

/** Writes the catalog, the freezes, the major incidents and the scheduled changes with multi-stream appends. */
export const seedChanges = async (
  store: EventStore,
  sizes: SeedSizes,
  onProgress: (changes: number) => void = () => undefined,
): Promise<SeededChanges> => {
  if (!store.appendToStreams) throw new Error('The changes bench needs a store with multi-stream appends (PostgreSQL)');
  const random = prng(20310101);
  const catalog = catalogAppends(random, sizes.services);
  const majorIncidents = Math.max(1, Math.round(sizes.services / 200));
  let events = 0;
  const write = async (appends: StreamAppend[]) => {
    for (let index = 0; index < appends.length; index += BATCH) {
      const batch = appends.slice(index, index + BATCH);
      await store.appendToStreams?.(batch);
      events += batch.reduce((sum, append) => sum + append.events.length, 0);
    }
  };
  await write(catalog.appends);
  await write([...freezeAppends(random, catalog.serviceIds), ...majorIncidentAppends(random, catalog.serviceIds, majorIncidents)]);
  for (let done = 0; done < sizes.changes; ) {
    const count = Math.min(BATCH * 4, sizes.changes - done);
    await write(Array.from({ length: count }, (_, index) => changeAppend(random, done + index + 1, catalog.serviceIds)));
    done += count;
    onProgress(done);
  }
  return { serviceIds: catalog.serviceIds, edges: catalog.edges, changes: sizes.changes, freezes: 12, majorIncidents, events };
};
