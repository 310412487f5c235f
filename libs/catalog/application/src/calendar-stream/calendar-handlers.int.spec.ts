import { calendarStreamId } from '@itsm/contracts';
import { RuleViolation, WrongExpectedRevisionError } from '@itsm/event-sourcing';
import { CalendarNotFound } from '../errors';
import { calendarInput, openPgliteCatalog, requestMetadata, type PgliteCatalog } from '../testing/pglite-catalog';

describe('Calendar handlers on PGlite', () => {
  let catalog: PgliteCatalog;

  beforeAll(async () => {
    catalog = await openPgliteCatalog();
  });
  afterAll(() => catalog.close());

  const numberOf = (created: { number: string | null }) => Number(created.number?.slice(3));

  it('creates a calendar as CalendarCreated v2 carrying the whole calendar and the next CAL number', async () => {
    const result = await catalog.handlers.createCalendar.execute(calendarInput(), requestMetadata);
    expect(result).toMatchObject({ number: 'CAL0000001', revision: 0, calendar: { number: 'CAL0000001' } });
    const [event] = await catalog.store.readStream(calendarStreamId(result.id));
    expect(event).toMatchObject({
      type: 'CalendarCreated',
      schemaVersion: 2,
      correlationId: 'corr-1',
      data: { calendarId: result.id, number: 'CAL0000001', ...calendarInput() },
    });
    const next = await catalog.handlers.createCalendar.execute(calendarInput(), requestMetadata);
    expect(numberOf(next)).toBe(numberOf(result) + 1);
  });

  it('refuses an invalid time zone, appends nothing and takes no number: the next good create gets the next one', async () => {
    const before = await catalog.handlers.createCalendar.execute(calendarInput(), requestMetadata);
    const events = (await catalog.store.readAll()).events.length;
    await expect(
      catalog.handlers.createCalendar.execute({ ...calendarInput(), timeZone: 'Mars/Olympus' }, requestMetadata),
    ).rejects.toThrow(RuleViolation);
    await expect(catalog.handlers.createCalendar.execute({ ...calendarInput(), weeklyHours: [] }, requestMetadata)).rejects.toThrow(RuleViolation);
    expect((await catalog.store.readAll()).events).toHaveLength(events);
    const after = await catalog.handlers.createCalendar.execute(calendarInput(), requestMetadata);
    expect(numberOf(after)).toBe(numberOf(before) + 1);
  });

  it('updates with If-Match and refuses a stale revision', async () => {
    const { id } = await catalog.handlers.createCalendar.execute(calendarInput(), requestMetadata);
    const updated = await catalog.handlers.updateCalendar.execute(id, { holidays: ['2026-12-24', '2026-12-25'] }, requestMetadata, { expectedRevision: 0 });
    expect(updated).toMatchObject({ revision: 1, calendar: { holidays: ['2026-12-24', '2026-12-25'], timeZone: 'Europe/Berlin', number: expect.stringMatching(/^CAL\d{7}$/) } });
    await expect(
      catalog.handlers.updateCalendar.execute(id, { name: 'Other' }, requestMetadata, { expectedRevision: 0 }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect((await catalog.calendars.load(id)).revision).toBe(1);
  });

  it('answers CalendarNotFound for an unknown or malformed id', async () => {
    await expect(
      catalog.handlers.updateCalendar.execute('0190f3a4-0000-7000-8000-0000000000c9', { name: 'x' }, requestMetadata),
    ).rejects.toBeInstanceOf(CalendarNotFound);
    await expect(catalog.calendars.load('calendar-1')).rejects.toBeInstanceOf(CalendarNotFound);
  });
});
