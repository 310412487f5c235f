import { parseEventPattern, patternsForEvent, topicsOfPatterns } from './event-pattern';

describe('event patterns', () => {
  it('reads a topic, or a topic and an event type', () => {
    expect(parseEventPattern('itsm.catalog.events.v1')).toEqual({ topic: 'itsm.catalog.events.v1' });
    expect(parseEventPattern('itsm.catalog.events.v1#ServiceRegistered')).toEqual({
      topic: 'itsm.catalog.events.v1',
      eventType: 'ServiceRegistered',
    });
  });

  it('refuses a pattern it cannot route', () => {
    expect(() => parseEventPattern('#ServiceRegistered')).toThrow(/expected/);
    expect(() => parseEventPattern('itsm.catalog.events.v1#')).toThrow(/expected/);
    expect(() => parseEventPattern('a#b#c')).toThrow(/expected/);
  });

  it('subscribes to each topic once', () => {
    expect(
      topicsOfPatterns(['itsm.catalog.events.v1', 'itsm.catalog.events.v1#ServiceRegistered', 'itsm.changes.events.v1']),
    ).toEqual(['itsm.catalog.events.v1', 'itsm.changes.events.v1']);
  });

  it('routes an event to its topic handler and to the handler of its type', () => {
    const registered = new Set(['t', 't#ServiceRegistered', 't#ServiceRetired']);
    expect(patternsForEvent(registered, 't', 'ServiceRegistered')).toEqual(['t', 't#ServiceRegistered']);
    expect(patternsForEvent(new Set(['t#ServiceRetired']), 't', 'ServiceRegistered')).toEqual([]);
  });
});
