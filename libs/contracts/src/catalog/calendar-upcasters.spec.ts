import { EVENT_UPCASTERS, schemaVersionOf, upcastEvent } from '../platform';
import type { CalendarCreatedV1 } from './calendar-events';
import { CATALOG_EVENT_SCHEMA_VERSIONS, CATALOG_EVENT_TYPES } from './catalog-schema-versions';

const v1: CalendarCreatedV1 = {
  calendarId: '0190f3a4-1111-7222-8333-944445555666',
  name: 'Berlin office hours',
  timeZone: 'Europe/Berlin',
  weeklyHours: [{ day: 'mon', from: '09:00', to: '17:00' }],
  holidays: ['2026-12-25'],
};

describe('calendar upcasters', () => {
  it('reads a CalendarCreated v1 (written before calendars were numbered) as v2 with number null, leaving the stored one as it was', () => {
    const stored = { type: 'CalendarCreated', schemaVersion: 1, data: v1 };

    expect(upcastEvent(stored as never)).toEqual({ type: 'CalendarCreated', schemaVersion: 2, data: { ...v1, number: null } });
    expect(stored).toEqual({ type: 'CalendarCreated', schemaVersion: 1, data: v1 });
  });

  it('leaves a CalendarCreated v2 and a CalendarUpdated v1 as they are (same object)', () => {
    const current = { type: 'CalendarCreated', schemaVersion: 2, data: { ...v1, number: 'CAL0000007' } };
    const updated = { type: 'CalendarUpdated', schemaVersion: 1, data: v1 };

    expect(upcastEvent(current as never)).toBe(current);
    expect(upcastEvent(updated as never)).toBe(updated);
  });

  it('brings every catalog event to the version writers stamp today', () => {
    expect(schemaVersionOf('CalendarCreated')).toBe(2);
    for (const type of CATALOG_EVENT_TYPES) expect([type, EVENT_UPCASTERS.latestVersion(type)]).toEqual([type, CATALOG_EVENT_SCHEMA_VERSIONS[type]]);
  });
});
