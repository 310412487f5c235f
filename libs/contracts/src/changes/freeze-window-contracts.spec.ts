import { EVENT_SCHEMA_VERSIONS, isPublishedEventType } from '../platform';
import { contextOfStream } from '../stream-contexts';
import { CHANGES_EVENT_TYPES, FREEZE_WINDOW_EVENT_TYPES, FREEZE_WINDOW_STREAM_PREFIX, freezeWindowIdOf, freezeWindowStreamId } from './index';

const id = '0190f3a4-1111-7222-8333-944445555666';

describe('freeze-window contracts', () => {
  it('names freeze-window streams freeze-window-<uuid>, owned by the changes context (topic itsm.changes.events.v1)', () => {
    expect(freezeWindowStreamId(id)).toBe(`freeze-window-${id}`);
    expect(freezeWindowStreamId(id).startsWith(FREEZE_WINDOW_STREAM_PREFIX)).toBe(true);
    expect(contextOfStream(freezeWindowStreamId(id))).toBe('changes');
    expect(freezeWindowIdOf(freezeWindowStreamId(id))).toBe(id);
  });

  it('publishes its events with the changes context, in version 1, as facts in the past tense', () => {
    expect(FREEZE_WINDOW_EVENT_TYPES).toEqual(['FreezeWindowDeclared', 'FreezeWindowLifted']);
    for (const type of FREEZE_WINDOW_EVENT_TYPES) {
      expect(CHANGES_EVENT_TYPES).toContain(type);
      expect([type, EVENT_SCHEMA_VERSIONS[type], isPublishedEventType(type)]).toEqual([type, 1, true]);
      expect(type).toMatch(/^FreezeWindow\w+ed$/);
    }
  });
});
