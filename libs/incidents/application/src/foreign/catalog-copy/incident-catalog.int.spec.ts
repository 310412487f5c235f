import { allDayCalendar, openIncidentsTestKit, type IncidentsTestKit } from '../../testing/incidents-test-kit';
import { calendarInForce } from './calendar-versions';

describe('the incidents copy of the catalog (from catalog events, on PGlite)', () => {
  let kit: IncidentsTestKit;
  beforeAll(async () => {
    kit = await openIncidentsTestKit('pglite', '2026-03-02T10:00:00.000Z');
  });
  afterAll(() => kit.close());

  it('knows a published service, its lifecycle, offerings and default offering; an unknown service has no lifecycle', async () => {
    const { serviceId, offeringId } = await kit.publishService();
    expect(await kit.catalog.serviceForIncident(serviceId)).toEqual({ lifecycle: 'live', offeringIds: [offeringId], defaultOfferingId: offeringId });
    expect(await kit.catalog.serviceForIncident('0190f3a4-1111-7222-8333-944445555666')).toEqual({
      lifecycle: null,
      offeringIds: [],
      defaultOfferingId: null,
    });
  });

  it('gives the SLA terms of the default offering when none is named, for the priority asked', async () => {
    const { serviceId, offeringId, calendarId } = await kit.publishService();
    const terms = await kit.catalog.slaTermsFor(serviceId, null, 'P2', new Date());
    expect(terms).toEqual({
      priority: 'P2',
      offeringId,
      target: { responseMinutes: 30, resolutionMinutes: 480 },
      calendarId,
      calendar: allDayCalendar(),
    });
    expect(await kit.catalog.slaTermsFor(serviceId, '0190f3a4-1111-7222-8333-944445555666', 'P2', new Date())).toBeNull();
  });

  it('keeps every calendar version, each in force from when its event was recorded', async () => {
    const { calendarId } = await kit.publishService();
    const berlin = { ...allDayCalendar(), name: 'Berlin', timeZone: 'Europe/Berlin' };
    await kit.publishCalendarUpdate(calendarId, berlin);
    const versions = await kit.catalog.calendarVersions([calendarId]);
    expect(versions.map((version) => version.definition.name)).toEqual(['24x7 UTC', 'Berlin']);
    const [first, second] = versions;
    expect(second.effectiveFrom.getTime()).toBeGreaterThanOrEqual(first.effectiveFrom.getTime());
    expect(await kit.catalog.calendarOf(calendarId, second.effectiveFrom)).toEqual(berlin);
    // Before the first version: the calendar as first known.
    expect(await kit.catalog.calendarOf(calendarId, new Date('2000-01-01T00:00:00Z'))).toEqual(allDayCalendar());
  });

  it('catching up again adds no version (the projection checkpoint)', async () => {
    const { calendarId } = await kit.publishService();
    await kit.syncCatalog();
    expect(await kit.catalog.calendarVersions([calendarId])).toHaveLength(1);
  });
});

describe('calendarInForce', () => {
  const version = (name: string, from: string) => ({ calendarId: 'c', effectiveFrom: new Date(from), definition: { ...allDayCalendar(), name } });
  const versions = [version('v1', '2026-01-01T00:00:00Z'), version('v2', '2026-02-01T00:00:00Z')];

  it('picks the last version effective at or before the instant', () => {
    expect(calendarInForce(versions, new Date('2026-01-31T23:59:59Z'))?.name).toBe('v1');
    expect(calendarInForce(versions, new Date('2026-02-01T00:00:00Z'))?.name).toBe('v2');
    expect(calendarInForce(versions, new Date('2025-06-01T00:00:00Z'))?.name).toBe('v1');
    expect(calendarInForce([], new Date())).toBeNull();
  });
});
