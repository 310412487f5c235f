import type { IncidentLinkedToChangeV1, IncidentOpenedV1 } from '@itsm/contracts';
import { IllegalTransition, RuleViolation, type EventMetadata, type RecordedEvent } from '@itsm/event-sourcing';
import type { EventProcess } from '@itsm/projections';
import { ChangeStreams } from '../../change-stream/change-streams';
import { ChangeNotFound } from '../../errors';
import type { IncidentNumbers } from './incident-numbers';

/** The process's name: its checkpoint (from the log), its consumer group (from Kafka), what read-your-writes waits for. */
export const CAUSED_INCIDENTS_PROCESS = 'change_caused_incidents';
export const CAUSED_INCIDENTS_EVENT_TYPES: readonly string[] = ['IncidentOpened', 'IncidentLinkedToChange'];

const ACTOR = { id: 'change-caused-incidents', role: 'system', via: 'process' };

/** The relation of an incident's link to a change that counts the incident as caused by the change. */
export const CAUSED_BY = 'caused-by';

/** Why an event led to nothing (logged by the host; nothing to retry). */
export type SkippedLink = { event: RecordedEvent; reason: string };

/** An incident's number is not known yet: retried (the event that names it comes first in the incident's stream). */
export class IncidentNumberUnknown extends Error {
  override readonly name = 'IncidentNumberUnknown';
  constructor(readonly incidentId: string) {
    super(`The number of incident ${incidentId} is not known yet`);
  }
}

/**
 * Records on the change the incidents its context links to it as caused by it (`IncidentLinkedToChange`, relation
 * `caused-by`) as `RecordCausedIncident` — the change's own fact, which its list, review, closing and DORA count.
 * Driven by events from a checkpoint (the log embedded) or a consumer group (`itsm.incidents.events.v1` distributed):
 * delivered at least once, each step is idempotent (an incident already recorded records nothing), so a redelivered
 * or replayed event changes nothing. A link to a change that does not exist, or one the decider refuses, is skipped
 * and reported; anything else fails the event, which is retried.
 */
export class CausedIncidentsProcess implements EventProcess {
  readonly name = CAUSED_INCIDENTS_PROCESS;
  readonly eventTypes = CAUSED_INCIDENTS_EVENT_TYPES;

  constructor(
    private readonly streams: ChangeStreams,
    private readonly numbers: IncidentNumbers,
    /** A second place to find an incident's number (the changes' incidents copy), for links whose opening it never saw. */
    private readonly fallbackNumberOf: (incidentId: string) => Promise<string | null> = async () => null,
    private readonly onSkip: (skipped: SkippedLink) => void = () => undefined,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    if (event.type === 'IncidentOpened') {
      const { incidentId, number } = event.data as IncidentOpenedV1;
      await this.numbers.remember(incidentId, number);
      return;
    }
    if (event.type !== 'IncidentLinkedToChange') return;
    const link = event.data as IncidentLinkedToChangeV1;
    if (link.relation !== CAUSED_BY) return;
    const incidentNumber = (await this.numbers.numberOf(link.incidentId)) ?? (await this.fallbackNumberOf(link.incidentId));
    if (incidentNumber === null) throw new IncidentNumberUnknown(link.incidentId);
    const metadata: EventMetadata = { actor: ACTOR, correlationId: event.correlationId, causationId: event.eventId };
    const data = { incidentId: link.incidentId, incidentNumber, linkedAt: link.linkedAt };
    try {
      await this.streams.execute(link.changeId, { type: 'RecordCausedIncident', data }, metadata);
    } catch (error) {
      if (!(error instanceof ChangeNotFound || error instanceof IllegalTransition || error instanceof RuleViolation)) throw error;
      this.onSkip({ event, reason: error.message });
    }
  }
}
