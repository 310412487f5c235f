import { calendarInForce, type IncidentCatalog } from '@itsm/incidents-application';
import type { EventStore, InMemoryEventStore, StreamAppend } from '@itsm/event-store';

/**
 * An incident's life as the commands wrote it to a staging log (the in-memory store, which passes the same
 * contract suite as the durable ones), turned into one append of a new stream for the real log: the same event ids,
 * types, data, versions, metadata and planned instants; the real store seals them anew in its own order.
 */
export const stagedAppendOf = async (staging: InMemoryEventStore, streamId: string): Promise<StreamAppend> => ({
  streamId,
  expectedRevision: 'no-stream',
  events: (await staging.readStream(streamId)).map((event) => ({
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    schemaVersion: event.schemaVersion,
    occurredAt: new Date(event.occurredAt),
    metadata: { actor: event.actor, correlationId: event.correlationId, causationId: event.causationId, traceparent: event.traceparent },
  })),
});

/** Writes staged lives in one `appendToStreams` where the store offers it (one transaction for them all), else one append each. */
export const writeStagedLives = (appends: readonly StreamAppend[], store: Pick<EventStore, 'appendToStream' | 'appendToStreams'>) =>
  store.appendToStreams
    ? store.appendToStreams(appends)
    : Promise.all(appends.map(({ streamId, events, expectedRevision }) => store.appendToStream(streamId, events, { expectedRevision })));

/**
 * The catalog copy as the seed read it first: services and calendar versions do not change while a seed runs, so
 * they are asked once per service and calendar set instead of once per command.
 */
export const catalogReadOnce = (catalog: IncidentCatalog): IncidentCatalog => {
  const services = new Map<string, ReturnType<IncidentCatalog['serviceForIncident']>>();
  const calendars = new Map<string, ReturnType<IncidentCatalog['calendarVersions']>>();
  const terms = new Map<string, ReturnType<IncidentCatalog['slaTermsFor']>>();
  const calendarVersions: IncidentCatalog['calendarVersions'] = (calendarIds) =>
    remembered(calendars, [...calendarIds].sort().join(','), () => catalog.calendarVersions(calendarIds));
  return {
    serviceForIncident: (serviceId) => remembered(services, serviceId, () => catalog.serviceForIncident(serviceId)),
    calendarVersions,
    slaTermsFor: async (serviceId, offeringId, priority, at) => {
      const known = await remembered(terms, `${serviceId} ${offeringId} ${priority}`, () => catalog.slaTermsFor(serviceId, offeringId, priority, at));
      // The target is the offering's; the calendar is the version in force at this incident's instant.
      return known && { ...known, calendar: calendarInForce(await calendarVersions([known.calendarId]), at) ?? known.calendar };
    },
    calendarOf: async (calendarId, asOf) => calendarInForce(await calendarVersions([calendarId]), asOf),
  };
};

const remembered = <T>(memo: Map<string, T>, key: string, read: () => T): T => {
  const known = memo.get(key);
  if (known !== undefined) return known;
  const value = read();
  memo.set(key, value);
  return value;
};
