import { incidentStreamId } from '@itsm/contracts';
import {
  createIncidentReadModels,
  incidentProjections,
} from '@itsm/incidents-read-models';
import {
  call,
  startIncidentsTestApp,
  type IncidentsTestApp,
} from './testing/incidents-test-app';
import {
  SLA_SCENARIO_CALENDAR,
  SLA_SCENARIO_TARGETS,
  slaAnnouncementsIn,
  slaScenarioTime as at,
} from './testing/sla-acceptance-scenario';

/*
 * The "done when" scenario through the API on the embedded shape: a P1 incident on a service whose offering
 * runs a Berlin Mon–Fri 09:00–17:00 calendar (P1: response 60, resolution 240 business minutes), opened Friday
 * 6 March 2026 16:30 CET, work started Monday 09:40, on hold 10:00–11:30, resumed, resolved 14:30. The spec moves
 * the clock and runs the SLA scheduler's poll at each instant; the expected instants are the pure acceptance spec's
 * (libs/incidents/domain/src/sla/sla-acceptance.spec.ts), where they are worked out by hand. The same scenario runs
 * on the embedded platform process in apps/platform/src/app/platform-sla-scenario.int.spec.ts.
 */
describe('SLA acceptance through the API: P1 opened Friday 16:30 on a 9–17 Berlin calendar, held Monday 10:00–11:30', () => {
  let app: IncidentsTestApp;
  let agent: string;
  let incidentId: string;
  const api = (path: string) => `${app.baseUrl}/api/v1${path}`;
  const post = (path: string, body: unknown = {}) =>
    call(api(path), {
      method: 'POST',
      headers: { authorization: `Bearer ${agent}` },
      body,
    });
  const get = (path: string) =>
    call(api(path), { headers: { authorization: `Bearer ${agent}` } });
  /** Moves the clock to a local instant and runs one poll of the durable timers; the number of SLA events it appended. */
  const tickAt = async (local: string) => {
    app.clock.set(at(local));
    return app.scheduler.runOnce();
  };
  const timerOf = async (kind: 'response' | 'resolution') =>
    (await get(`/incidents/${incidentId}/sla`)).body.timers.find(
      (timer: { kind: string }) => timer.kind === kind,
    );
  const announcements = async () =>
    slaAnnouncementsIn(
      await app.store.readStream(incidentStreamId(incidentId)),
    );

  beforeAll(async () => {
    app = await startIncidentsTestApp(
      createIncidentReadModels,
      incidentProjections,
      at('06T16:00'),
    );
    agent = await app.token(['agent'], 'adam');
  });

  afterAll(() => app?.close());

  it('opens the P1 on Friday 16:30 with the due times the calendar implies', async () => {
    const { serviceId } = await app.publishService(
      SLA_SCENARIO_CALENDAR,
      SLA_SCENARIO_TARGETS,
    );
    app.clock.set(at('06T16:30'));
    const opened = await post('/incidents', {
      shortDescription: 'Mail down',
      description: 'No mail',
      callerId: 'rita',
      serviceId,
      impact: 1,
      urgency: 1,
    });
    expect([opened.status, opened.body.priority]).toEqual([201, 'P1']);
    incidentId = opened.body.id;
    expect(await timerOf('response')).toMatchObject({
      state: 'running',
      targetMinutes: 60,
      startedAt: at('06T16:30'),
      dueAt: at('09T09:30'),
    });
    expect(await timerOf('resolution')).toMatchObject({
      state: 'running',
      targetMinutes: 240,
      startedAt: at('06T16:30'),
      dueAt: at('09T12:30'),
    });
    await post(`/incidents/${incidentId}/assign`, {
      group: 'service-desk',
      agent: 'adam',
    });
  });

  it('warns at 50% of the response on Friday 17:00 and stays quiet over the weekend', async () => {
    expect(await tickAt('06T16:59')).toBe(0);
    expect(await tickAt('06T17:00')).toBe(1);
    expect(await tickAt('07T12:00')).toBe(0);
    expect(await tickAt('08T20:00')).toBe(0);
    expect(await timerOf('response')).toMatchObject({
      state: 'running',
      elapsedMinutes: 30,
      remainingMinutes: 30,
    });
  });

  it('warns at 75% on Monday 09:15 and breaches the response at 09:30, once', async () => {
    expect(await tickAt('09T09:15')).toBe(1);
    expect(await tickAt('09T09:30')).toBe(1);
    expect(await tickAt('09T09:30')).toBe(0);
    expect((await timerOf('response')).state).toBe('breached');
  });

  it('meets the response late when work starts at 09:40, pauses the resolution on hold 10:00–11:30 and moves its due time', async () => {
    app.clock.set(at('09T09:40'));
    expect((await post(`/incidents/${incidentId}/start`)).body.state).toBe(
      'in-progress',
    );
    app.clock.set(at('09T10:00'));
    expect(
      (
        await post(`/incidents/${incidentId}/hold`, {
          reason: 'awaiting-vendor',
        })
      ).body.state,
    ).toBe('on-hold');
    expect(await tickAt('09T10:30')).toBe(0);
    expect(await timerOf('resolution')).toMatchObject({
      state: 'paused',
      elapsedMinutes: 90,
      pausedMinutes: 30,
    });
    app.clock.set(at('09T11:30'));
    expect((await post(`/incidents/${incidentId}/resume`)).body.state).toBe(
      'in-progress',
    );
    expect(await timerOf('resolution')).toMatchObject({
      state: 'running',
      dueAt: at('09T14:00'),
      elapsedMinutes: 90,
      pausedMinutes: 90,
    });
  });

  it('warns at 12:00 and 13:00 and breaches the resolution at 14:00', async () => {
    expect(await tickAt('09T11:59')).toBe(0);
    expect(await tickAt('09T12:00')).toBe(1);
    expect(await tickAt('09T13:00')).toBe(1);
    expect(await tickAt('09T14:00')).toBe(1);
  });

  it('resolves at 14:30; the stream holds each warning and breach once, at its instant, and the SLA view is as the calendar implies', async () => {
    app.clock.set(at('09T14:30'));
    expect(
      (
        await post(`/incidents/${incidentId}/resolve`, {
          code: 'solved-permanently',
          notes: 'Relay replaced',
        })
      ).body.state,
    ).toBe('resolved');
    expect(await announcements()).toEqual([
      ['SlaWarningReached', 'response', 50, at('06T17:00')],
      ['SlaWarningReached', 'response', 75, at('09T09:15')],
      ['SlaBreached', 'response', 'breach', at('09T09:30')],
      ['SlaWarningReached', 'resolution', 50, at('09T12:00')],
      ['SlaWarningReached', 'resolution', 75, at('09T13:00')],
      ['SlaBreached', 'resolution', 'breach', at('09T14:00')],
    ]);
    app.clock.set(at('09T15:00'));
    expect(await tickAt('09T15:00')).toBe(0);
    expect((await get(`/incidents/${incidentId}/sla`)).body).toEqual({
      timers: [
        {
          kind: 'response',
          state: 'breached',
          targetMinutes: 60,
          startedAt: at('06T16:30'),
          dueAt: at('09T09:30'),
          elapsedMinutes: 70,
          pausedMinutes: 0,
          remainingMinutes: -10,
        },
        {
          kind: 'resolution',
          state: 'breached',
          targetMinutes: 240,
          startedAt: at('06T16:30'),
          dueAt: at('09T14:00'),
          elapsedMinutes: 270,
          pausedMinutes: 90,
          remainingMinutes: -30,
        },
      ],
    });
  });
});
