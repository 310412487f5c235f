import type { NewEvent } from '@itsm/event-sourcing';
import { newEventId, newId } from '@itsm/event-sourcing';

/**
 * A realistic incident fact, about 500 bytes of JSON, with the metadata envelope our writers attach.
 * Every contender appends exactly these objects.
 */
export const incidentEvent = (sequence: number): NewEvent => ({
  eventId: newEventId(),
  type: 'IncidentOpened',
  schemaVersion: 1,
  data: {
    number: `INC${String(sequence).padStart(7, '0')}`,
    shortDescription: 'Email delivery delayed for the finance department',
    description:
      'Users in finance report that outbound mail to external partners sits in the outbox for 20-40 minutes since 08:15.',
    caller: {
      id: 'usr-0193a1c2-5d7e-7b3a-9f10-2c4d6e8f0a1b',
      name: 'Dana Whitfield',
    },
    category: 'email',
    subcategory: 'delivery',
    impact: 2,
    urgency: 2,
    priority: 'P3',
    assignmentGroup: 'messaging-ops',
    configurationItem: 'ci-exchange-hybrid-01',
    channel: 'portal',
  },
  metadata: {
    actor: {
      id: 'usr-0193a1c2-5d7e-7b3a-9f10-2c4d6e8f0a1b',
      role: 'service-desk-agent',
      via: 'web-portal',
    },
    correlationId: newId(),
    causationId: null,
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  },
});

export const incidentEvents = (
  count: number,
  firstSequence: number,
): NewEvent[] =>
  Array.from({ length: count }, (_, index) =>
    incidentEvent(firstSequence + index),
  );
