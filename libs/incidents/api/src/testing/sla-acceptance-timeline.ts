import { expect, it } from '@jest/globals';
import type { RecordedEvent } from '@itsm/event-sourcing';
import type { ManualClock } from '@itsm/incidents-application';
import type { JsonAnswer } from '@itsm/platform-kit';
import { slaAnnouncementsIn, slaScenarioTime as at } from './sla-acceptance-scenario';

/** What the timeline needs of the process under test; an agent's credentials are the driver's business. */
export interface SlaScenarioHost {
  clock: ManualClock;
  /** A live service whose default offering has SLA_SCENARIO_CALENDAR and SLA_SCENARIO_TARGETS, known to incidents. */
  serviceId: string;
  post(path: string, body?: unknown): Promise<JsonAnswer>;
  get(path: string): Promise<JsonAnswer>;
  /** One poll of the durable SLA timers at the clock's instant; the number of SLA events it appended. */
  runTimers(): Promise<number>;
  incidentStream(incidentId: string): Promise<RecordedEvent[]>;
}

/**
 * The SLA acceptance timeline as `it` cases, for every spec that runs it through HTTP: a P1 opened Friday
 * 6 March 2026 16:30 CET on the Berlin Mon–Fri 09:00–17:00 offering (P1: response 60, resolution 240 business
 * minutes), work started Monday 09:40, on hold 10:00–11:30, resumed, resolved 14:30. The expected instants are
 * worked out by hand in libs/incidents/domain/src/sla/sla-acceptance.spec.ts.
 */
export const slaAcceptanceTimeline = (host: () => SlaScenarioHost): void => {
  let incidentId: string;
  /** Moves the clock to a local instant and runs one poll of the durable timers. */
  const tickAt = (local: string) => {
    host().clock.set(at(local));
    return host().runTimers();
  };
  const timerOf = async (kind: 'response' | 'resolution') =>
    (await host().get(`/incidents/${incidentId}/sla`)).body.timers.find((timer: { kind: string }) => timer.kind === kind);
  const stateAfter = async (local: string, path: string, body?: unknown) => {
    host().clock.set(at(local));
    return (await host().post(`/incidents/${incidentId}/${path}`, body)).body.state;
  };

  it('opens the P1 on Friday 16:30 with the due times the calendar implies', async () => {
    host().clock.set(at('06T16:30'));
    const opened = await host().post('/incidents', {
      shortDescription: 'Mail down',
      description: 'No mail',
      callerId: 'rita',
      serviceId: host().serviceId,
      impact: 1,
      urgency: 1,
    });
    expect([opened.status, opened.body.priority]).toEqual([201, 'P1']);
    incidentId = opened.body.id;
    expect(await timerOf('response')).toMatchObject({ state: 'running', targetMinutes: 60, startedAt: at('06T16:30'), dueAt: at('09T09:30') });
    expect(await timerOf('resolution')).toMatchObject({ state: 'running', targetMinutes: 240, startedAt: at('06T16:30'), dueAt: at('09T12:30') });
    expect(await stateAfter('06T16:30', 'assign', { group: 'service-desk', agent: 'adam' })).toBe('assigned');
  });

  it('warns at 50% of the response on Friday 17:00 and stays quiet over the weekend', async () => {
    expect(await tickAt('06T16:59')).toBe(0);
    expect(await tickAt('06T17:00')).toBe(1);
    expect(await tickAt('07T12:00')).toBe(0);
    expect(await tickAt('08T20:00')).toBe(0);
    expect(await timerOf('response')).toMatchObject({ state: 'running', elapsedMinutes: 30, remainingMinutes: 30 });
  });

  it('warns at 75% on Monday 09:15 and breaches the response at 09:30, once', async () => {
    expect(await tickAt('09T09:15')).toBe(1);
    expect(await tickAt('09T09:30')).toBe(1);
    expect(await tickAt('09T09:30')).toBe(0);
    expect((await timerOf('response')).state).toBe('breached');
  });

  it('meets the response late when work starts at 09:40, pauses the resolution on hold 10:00–11:30 and moves its due time', async () => {
    expect(await stateAfter('09T09:40', 'start')).toBe('in-progress');
    expect(await stateAfter('09T10:00', 'hold', { reason: 'awaiting-vendor' })).toBe('on-hold');
    expect(await tickAt('09T10:30')).toBe(0);
    expect(await timerOf('resolution')).toMatchObject({ state: 'paused', elapsedMinutes: 90, pausedMinutes: 30 });
    expect(await stateAfter('09T11:30', 'resume')).toBe('in-progress');
    expect(await timerOf('resolution')).toMatchObject({ state: 'running', dueAt: at('09T14:00'), elapsedMinutes: 90, pausedMinutes: 90 });
  });

  it('warns at 12:00 and 13:00 and breaches the resolution at 14:00', async () => {
    expect(await tickAt('09T11:59')).toBe(0);
    expect(await tickAt('09T12:00')).toBe(1);
    expect(await tickAt('09T13:00')).toBe(1);
    expect(await tickAt('09T14:00')).toBe(1);
  });

  it('resolves at 14:30; the stream holds each warning and breach once, at its instant, and the SLA view is as the calendar implies', async () => {
    expect(await stateAfter('09T14:30', 'resolve', { code: 'solved-permanently', notes: 'Relay replaced' })).toBe('resolved');
    expect(slaAnnouncementsIn(await host().incidentStream(incidentId))).toEqual([
      ['SlaWarningReached', 'response', 50, at('06T17:00')],
      ['SlaWarningReached', 'response', 75, at('09T09:15')],
      ['SlaBreached', 'response', 'breach', at('09T09:30')],
      ['SlaWarningReached', 'resolution', 50, at('09T12:00')],
      ['SlaWarningReached', 'resolution', 75, at('09T13:00')],
      ['SlaBreached', 'resolution', 'breach', at('09T14:00')],
    ]);
    expect(await tickAt('09T15:00')).toBe(0);
    expect((await host().get(`/incidents/${incidentId}/sla`)).body).toEqual({
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
};
