import type { RecordedEvent } from '@itsm/event-sourcing';
import { CALENDAR_UPCASTERS } from '../catalog/calendar-upcasters';
import { CATALOG_EVENT_SCHEMA_VERSIONS } from '../catalog/catalog-schema-versions';
import { CATALOG_UPCASTERS } from '../catalog/catalog-upcasters';
import { INCIDENTS_EVENT_SCHEMA_VERSIONS } from '../incidents/incidents-schema-versions';
import { INCIDENTS_UPCASTERS } from '../incidents/incidents-upcasters';
import { UpcasterRegistry } from '../upcasting/upcaster-registry';
import { CHANGES_EVENT_SCHEMA_VERSIONS } from '../changes/changes-schema-versions';
import { FINANCE_EVENT_SCHEMA_VERSIONS } from '../finance/finance-schema-versions';
import type { EventContext } from '../stream-contexts';
import { DATA_SUBJECT_EVENT_SCHEMA_VERSIONS } from '../personal-data/subject-events';
import { WEBHOOKS_EVENT_SCHEMA_VERSIONS, WEBHOOKS_EVENT_TYPES } from '../webhooks/webhooks-schema-versions';

/** The version every published event type is written in today, across contexts. */
export const EVENT_SCHEMA_VERSIONS: Readonly<Record<string, number>> = Object.freeze({
  ...CATALOG_EVENT_SCHEMA_VERSIONS,
  ...INCIDENTS_EVENT_SCHEMA_VERSIONS,
  ...CHANGES_EVENT_SCHEMA_VERSIONS,
  ...FINANCE_EVENT_SCHEMA_VERSIONS,
  ...DATA_SUBJECT_EVENT_SCHEMA_VERSIONS,
  ...WEBHOOKS_EVENT_SCHEMA_VERSIONS,
});

/** Each context's event types and versions: the types on its topic (`itsm.<context>.events.v1`). */
export const CONTEXT_EVENT_SCHEMA_VERSIONS: Readonly<Record<EventContext, Readonly<Record<string, number>>>> = Object.freeze({
  // A data subject's erasure is published on the incidents topic (the stream type routes there).
  incidents: Object.freeze({ ...INCIDENTS_EVENT_SCHEMA_VERSIONS, ...DATA_SUBJECT_EVENT_SCHEMA_VERSIONS }),
  changes: CHANGES_EVENT_SCHEMA_VERSIONS,
  catalog: CATALOG_EVENT_SCHEMA_VERSIONS,
  finance: FINANCE_EVENT_SCHEMA_VERSIONS,
  webhooks: WEBHOOKS_EVENT_SCHEMA_VERSIONS,
});

/** The context whose topic carries an event type; undefined for a type no contract lists. */
export const contextOfEventType = (type: string): EventContext | undefined =>
  (Object.keys(CONTEXT_EVENT_SCHEMA_VERSIONS) as EventContext[]).find((context) => type in CONTEXT_EVENT_SCHEMA_VERSIONS[context]);

/**
 * Event types only the owning context reads: written to its streams and relayed like every event, but outside the
 * published contract (no compatibility promise to other systems; issue 13's AsyncAPI lists them as internal).
 */
export const INTERNAL_EVENT_TYPES: ReadonlySet<string> = new Set([
  // The child's side of a link the parent did not take: the incident-hierarchy process's own bookkeeping.
  'IncidentParentLinkRevoked',
  // Webhook subscriptions are the platform's own configuration (who receives what), not facts of the service desk.
  ...WEBHOOKS_EVENT_TYPES,
]);

export const isPublishedEventType = (type: string): boolean => type in EVENT_SCHEMA_VERSIONS && !INTERNAL_EVENT_TYPES.has(type);

/** For writers (the kernel's WritePipeline): the version to stamp; 1 for a type no contract lists. */
export const schemaVersionOf = (type: string): number => EVENT_SCHEMA_VERSIONS[type] ?? 1;

/** Every context's upcasters, in one registry: what every read path applies (stream loads, readAll, Kafka). */
export const EVENT_UPCASTERS = new UpcasterRegistry([...CATALOG_UPCASTERS, ...CALENDAR_UPCASTERS, ...INCIDENTS_UPCASTERS]);

/** A stored event at the latest schema of its type (the same object when it already is). */
export const upcastEvent = <Event extends RecordedEvent>(event: Event): Event => EVENT_UPCASTERS.upcast(event);
