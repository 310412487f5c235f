import { CONTEXT_EVENT_SCHEMA_VERSIONS, EVENT_CONTEXTS } from '@itsm/contracts';
import { cloudEventType } from '@itsm/messaging';

/** A client's `types`: which CloudEvents types it wants, and the log's type names behind them. */
export interface EventSelection {
  matches(cloudEventType: string): boolean;
  /** The log's event type names the selection can match (for the store's filter); undefined: every type. */
  eventTypes: string[] | undefined;
}

/** A `types` entry the route cannot use; the message names it and says what would work. */
export class InvalidEventSelection extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventSelection';
  }
}

interface PublishedType {
  cloudEventType: string;
  eventType: string;
}

/** Every type an event stream can carry: each context's event types at the version published today (the feed upcasts). */
export const PUBLISHED_EVENT_TYPES: readonly PublishedType[] = EVENT_CONTEXTS.flatMap((context) =>
  Object.entries(CONTEXT_EVENT_SCHEMA_VERSIONS[context]).map(([eventType, version]) => ({
    cloudEventType: cloudEventType(context, eventType, version),
    eventType,
  })),
);

/** An exact type, or a prefix ending in `*`: letters, digits, `_` and dots only. */
const ENTRY = /^[A-Za-z0-9_.]+\*?$|^\*$/;
const MAX_ENTRIES = 100;

const EVERYTHING: EventSelection = { matches: () => true, eventTypes: undefined };

/**
 * Parses `types`: a comma-separated list of CloudEvents types (`itsm.incidents.IncidentAssigned.v1`) and prefixes
 * (`itsm.incidents.*`, `itsm.changes.Change*`). Every entry must match at least one published type, so a typo or an
 * outdated version is a 400 instead of a stream that stays silent. Absent or empty: every type.
 */
export const parseEventSelection = (types: string | undefined): EventSelection => {
  if (types === undefined || types.trim() === '') return EVERYTHING;
  const entries = types.split(',').map((entry) => entry.trim());
  if (entries.length > MAX_ENTRIES) throw new InvalidEventSelection(`types takes at most ${MAX_ENTRIES} entries`);
  const matchers = entries.map((entry) => {
    if (!ENTRY.test(entry)) {
      throw new InvalidEventSelection(
        `"${entry}" is not a type or a prefix: use a CloudEvents type (itsm.incidents.IncidentAssigned.v1) or a prefix ending in * (itsm.incidents.*)`,
      );
    }
    const matcher = entry.endsWith('*') ? prefixMatcher(entry.slice(0, -1)) : (type: string) => type === entry;
    if (!PUBLISHED_EVENT_TYPES.some((published) => matcher(published.cloudEventType))) {
      throw new InvalidEventSelection(`"${entry}" matches no published event type (see /api/asyncapi.json for the types and their current versions)`);
    }
    return matcher;
  });
  const matches = (type: string) => matchers.some((matcher) => matcher(type));
  return {
    matches,
    eventTypes: PUBLISHED_EVENT_TYPES.filter((published) => matches(published.cloudEventType)).map((published) => published.eventType),
  };
};

const prefixMatcher = (prefix: string) => (type: string) => type.startsWith(prefix);
