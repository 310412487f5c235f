import { EVENT_SCHEMA_VERSIONS } from '../platform';
import { contextOfStream } from '../stream-contexts';
import { changeIdOf, changeStreamId, CHANGES_EVENT_SCHEMA_VERSIONS, CHANGES_EVENT_TYPES } from './index';

const id = '0190f3a4-1111-7222-8333-944445555666';

describe('changes contracts', () => {
  it('names change streams change-<uuid>, owned by the changes context', () => {
    expect(changeStreamId(id)).toBe(`change-${id}`);
    expect(contextOfStream(changeStreamId(id))).toBe('changes');
    expect(changeIdOf(changeStreamId(id))).toBe(id);
  });

  it('publishes its events in the platform’s one registry, each type once', () => {
    expect(new Set(CHANGES_EVENT_TYPES).size).toBe(CHANGES_EVENT_TYPES.length);
    for (const type of CHANGES_EVENT_TYPES) expect([type, EVENT_SCHEMA_VERSIONS[type]]).toEqual([type, CHANGES_EVENT_SCHEMA_VERSIONS[type]]);
  });
});
