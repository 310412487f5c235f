/**
 * `@EventPattern` patterns this transport understands: a topic (`itsm.catalog.events.v1`, every event of it)
 * or a topic and one event type (`itsm.catalog.events.v1#ServiceRegistered`).
 */
export interface EventPatternParts {
  topic: string;
  eventType?: string;
}

const TYPE_SEPARATOR = '#';

export const parseEventPattern = (pattern: string): EventPatternParts => {
  const [topic, eventType, ...rest] = pattern.split(TYPE_SEPARATOR);
  if (!topic || rest.length > 0 || eventType === '') {
    throw new Error(`event pattern "${pattern}": expected "<topic>" or "<topic>#<EventType>"`);
  }
  return eventType === undefined ? { topic } : { topic, eventType };
};

/** The topics to subscribe to for these patterns, each once. */
export const topicsOfPatterns = (patterns: Iterable<string>): string[] => [
  ...new Set([...patterns].map((pattern) => parseEventPattern(pattern).topic)),
];

/** The registered patterns an event of `eventType` read from `topic` goes to: the whole topic first, then its type. */
export const patternsForEvent = (registered: ReadonlySet<string>, topic: string, eventType: string): string[] =>
  [topic, `${topic}${TYPE_SEPARATOR}${eventType}`].filter((pattern) => registered.has(pattern));
