import { matchesExpectedRevision, WrongExpectedRevisionError, type NewEvent, type RecordedEvent } from '@itsm/event-sourcing';
import { sealEvents, type AppendOptions, type AppendResult, type EventStore, type StreamAppend } from '@itsm/event-store';
import { incidentIdOf } from '@itsm/contracts';
import { calendarInForce, type Clock, type IncidentCatalog, type SlaSchedule, type SlaTimerStore } from '@itsm/incidents-application';
import type { SlaDeadline } from '@itsm/incidents-domain';

const UNSEALED_HASH = '';

/**
 * One new incident stream held in memory while the incident commands run its planned life against it, then written
 * to the log as ONE append (expected: no stream) with its timer rows once. The events are exactly those the commands
 * decide (each stamped with its command's planned instant as `occurredAt`); only the round trips and commits shrink.
 * `writeStagedLives` writes many of them in one transaction where the store can.
 */
export class StagedIncidentLife implements Pick<EventStore, 'readStream' | 'appendToStream'> {
  private streamId: string | null = null;
  private readonly staged: NewEvent[] = [];
  private readonly recorded: RecordedEvent[] = [];
  private deadlines: readonly SlaDeadline[] = [];

  constructor(private readonly clock: Clock) {}

  /** What the commands see of the stream: the events staged so far. */
  async readStream(streamId: string): Promise<RecordedEvent[]> {
    return streamId === this.streamId ? [...this.recorded] : [];
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.streamId !== null && streamId !== this.streamId) throw new Error(`A staged life holds one stream, not ${streamId} next to ${this.streamId}`);
    const current = this.recorded.length - 1;
    if (!matchesExpectedRevision(options.expectedRevision, current)) throw new WrongExpectedRevisionError(streamId, options.expectedRevision, current);
    this.streamId = streamId;
    const at = this.clock.now();
    const stamped = events.map((event) => ({ ...event, occurredAt: event.occurredAt ?? at }));
    const sealed = sealEvents(streamId, stamped, current, UNSEALED_HASH, at).map((event) => ({ ...event, globalPosition: -1 }));
    // Keep the ids the staged reads showed, so the log holds the very events the commands decided on.
    this.staged.push(...stamped.map((event, index) => ({ ...event, eventId: sealed[index].eventId })));
    this.recorded.push(...sealed);
    return { nextExpectedRevision: current + events.length, lastGlobalPosition: -1, events: sealed };
  }

  /** Stands in for the timer store while staging: the last schedule the commands asked for is the one written. */
  readonly timers: Pick<SlaTimerStore, 'reschedule'> = {
    reschedule: async (_incidentId, _revision, deadlines) => {
      this.deadlines = deadlines;
      return true;
    },
  };

  /** The staged stream as one append to a new stream. */
  asAppend(): StreamAppend {
    if (this.streamId === null) throw new Error('Nothing staged');
    return { streamId: this.streamId, events: this.staged, expectedRevision: 'no-stream' };
  }

  /** After the append: the stream's pending SLA deadlines, as the commands would have scheduled them after their last append. */
  scheduleAfter(appended: AppendResult): SlaSchedule {
    return { incidentId: incidentIdOf(this.asAppend().streamId), revision: appended.nextExpectedRevision, deadlines: this.deadlines };
  }
}

/**
 * Writes staged lives in one `appendToStreams` where the store offers it (one transaction and commit for them all),
 * else one append each; then their timer rows.
 */
export const writeStagedLives = async (
  lives: readonly StagedIncidentLife[],
  store: Pick<EventStore, 'appendToStream' | 'appendToStreams'>,
  timers: Pick<SlaTimerStore, 'rescheduleMany'>,
): Promise<AppendResult[]> => {
  const appends = lives.map((life) => life.asAppend());
  const appended = store.appendToStreams
    ? await store.appendToStreams(appends)
    : await Promise.all(appends.map(({ streamId, events, expectedRevision }) => store.appendToStream(streamId, events, { expectedRevision })));
  await timers.rescheduleMany(lives.map((life, index) => life.scheduleAfter(appended[index])));
  return appended;
};

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
