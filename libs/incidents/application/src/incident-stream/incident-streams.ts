import { IllegalTransition, WrongExpectedRevisionError, type EventMetadata, type RecordedEvent, type StreamDecision, type WritePipeline } from '@itsm/event-sourcing';
import { incidentDecider, type IncidentCommand, type OpenedIncident, type SlaCalendarSource, type SlaState } from '@itsm/incidents-domain';
import type { CommandOptions } from '../command-options';
import { IncidentNotFound } from '../errors';
import type { Clock } from '../ports/clock.port';
import type { IncidentCatalog } from '../ports/incident-catalog.port';
import { evolveIncidentStream, foldIncidentStream, incidentStreamOf, type IncidentStreamState } from './incident-stream';
import { slaClockTick, slaPolicy } from './sla-policy';

type WithoutMetadata<C> = C extends unknown ? Omit<C, 'metadata'> : never;

/** A command without the metadata the application adds (`now`, `actor`). */
export type IncidentIntent = WithoutMetadata<IncidentCommand>;

export interface IncidentCommandResult {
  id: string;
  number: string;
  /** The stream revision after the command: the new ETag. */
  revision: number;
  incident: OpenedIncident;
  /** Incident and SLA events appended, in stream order (none when the command changed nothing). */
  events: RecordedEvent[];
}

export interface LoadedIncident {
  incident: OpenedIncident;
  sla: SlaState;
  calendarOf: SlaCalendarSource;
  revision: number;
}

export interface IncidentStreamsDependencies {
  pipeline: WritePipeline;
  catalog: IncidentCatalog;
  clock: Clock;
}

/**
 * How every incident use case reaches its stream, through the kernel's write pipeline: the incident and its SLA
 * timers folded together (calendars from the local catalog copy), the incident decider, and the SLA engine as the
 * stream's local policy, all in one append at the folded revision.
 */
export class IncidentStreams {
  constructor(private readonly deps: IncidentStreamsDependencies) {}

  /** The incident as its stream says (as recorded by `asOf` when given); throws IncidentNotFound. */
  async load(id: string, options: { asOf?: Date } = {}): Promise<LoadedIncident> {
    const { state, revision } = await this.deps.pipeline.load(incidentStreamOf(id), foldIncidentStream(this.deps.catalog), options.asOf);
    if (state.incident.status === 'unopened') throw new IncidentNotFound(id);
    return { incident: state.incident, sla: state.sla, calendarOf: state.calendarOf, revision };
  }

  /** Decides an open on an incident not yet written, and writes nothing: throws the decider's refusal, if any. */
  assertOpenAllowed(intent: Extract<IncidentIntent, { type: 'OpenIncident' }>, metadata: EventMetadata): void {
    incidentDecider.decide({ ...intent, metadata: { now: this.deps.clock.now(), actor: metadata.actor } }, incidentDecider.initialState());
  }

  /** Decides the command on the incident, lets the SLA engine follow, appends both. */
  async execute(id: string, intent: IncidentIntent, metadata: EventMetadata, options: CommandOptions = {}): Promise<IncidentCommandResult> {
    const now = this.deps.clock.now();
    const decision: StreamDecision<IncidentStreamState> = {
      fold: foldIncidentStream(this.deps.catalog),
      evolve: evolveIncidentStream,
      decide: ({ incident }) => {
        if (intent.type !== 'OpenIncident' && incident.status === 'unopened') throw new IncidentNotFound(id);
        return incidentDecider.decide({ ...intent, metadata: { now, actor: metadata.actor } } as IncidentCommand, incident);
      },
      policies: [slaPolicy(this.deps.catalog, now)],
    };
    try {
      return resultOf(id, await this.deps.pipeline.execute(incidentStreamOf(id), decision, { metadata, expectedRevision: options.expectedRevision, occurredAt: now }));
    } catch (error) {
      // An open on an id already used is a refused transition, not a stale ETag.
      if (intent.type === 'OpenIncident' && error instanceof WrongExpectedRevisionError) throw new IllegalTransition(`Incident ${id} is already open`);
      throw error;
    }
  }

  /** The SLA clock ticked at `at`: announces the warnings and breaches reached (nothing else changes). */
  async tick(id: string, at: Date, metadata: EventMetadata): Promise<RecordedEvent[]> {
    const decision: StreamDecision<IncidentStreamState> = {
      fold: foldIncidentStream(this.deps.catalog),
      evolve: evolveIncidentStream,
      decide: () => [],
      policies: [slaClockTick(at)],
    };
    return (await this.deps.pipeline.execute(incidentStreamOf(id), decision, { metadata, occurredAt: at })).events;
  }
}

const resultOf = (id: string, executed: { state: IncidentStreamState; events: RecordedEvent[]; revision: number }): IncidentCommandResult => {
  const incident = executed.state.incident as OpenedIncident;
  return { id, number: incident.number, revision: executed.revision, incident, events: executed.events };
};
