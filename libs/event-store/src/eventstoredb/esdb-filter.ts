import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter } from '@eventstore/db-client';
import type { EventFilter } from '../event-store.port';
import { isSystemEvent } from './esdb-envelope';

/**
 * How one of our filters runs on EventStoreDB: the server filters on one dimension (it accepts a single
 * expression, on event type or on stream name), and `matches` checks the whole filter in code.
 */
export interface EsdbFilterPlan {
  server: Filter;
  matches(event: { type: string; streamId: string }): boolean;
}

// The metacharacters of both JavaScript and .NET (the server's) regular expressions.
const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, (char) => `\\${char}`);

/** Exact type names, not prefixes: `IncidentOpened` must not also select `IncidentOpenedByEmail`. */
export const eventTypesRegex = (types: readonly string[]): string => `^(?:${types.map(escapeRegex).join('|')})$`;

export const planEsdbFilter = (filter: EventFilter = {}): EsdbFilterPlan => {
  const types = filter.types?.length ? filter.types : null;
  const prefixes = filter.streamPrefixes?.length ? filter.streamPrefixes : null;
  const server = types
    ? eventTypeFilter({ regex: eventTypesRegex(types) })
    : prefixes
      ? streamNameFilter({ prefixes: [...prefixes] })
      : excludeSystemEvents();
  return {
    server,
    matches: (event) =>
      !isSystemEvent(event) &&
      (types === null || types.includes(event.type)) &&
      (prefixes === null || prefixes.some((prefix) => event.streamId.startsWith(prefix))),
  };
};
