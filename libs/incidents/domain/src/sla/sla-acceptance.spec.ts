import type { SlaEvent } from '@itsm/contracts';
import type { SlaFact, SlaTerms } from './sla-facts';
import { nextSlaWakeUp, slaDecider } from './sla-decide';
import type { SlaState } from './sla-state';
import { slaView } from './sla-view';
import { BERLIN_OFFICE } from './sla-test-calendars';

/*
 * The acceptance scenario, pure: a P1 incident on a service whose offering runs on a Berlin Mon–Fri
 * 09:00–17:00 calendar, P1 targets response 60 and resolution 240 business minutes. Opened Friday 6 March 2026
 * 16:30 CET; work starts Monday 09:40 (late); on hold Monday 10:00–11:30; resolved Monday 14:30.
 *
 * By hand (CET, +01:00):
 * - response 60: Fri 16:30–17:00 = 30, Mon 09:00–09:30 = 30 → due Mon 09:30; 50% (30) at Fri 17:00,
 *   75% (45) at Mon 09:15, breach at Mon 09:30; met late at 09:40 with 30 + 40 = 70 elapsed.
 * - resolution 240: Fri 30, Mon 09:00–10:00 = 60 → 90 when held (due before the hold: Mon 12:30);
 *   held 10:00–11:30 = 90 paused; 150 left from 11:30 → due Mon 14:00; 50% (120) at 12:00, 75% (180) at 13:00,
 *   breach at 14:00; resolved 14:30 with 90 + 180 = 270 elapsed.
 */

const incidentId = '0190f3a4-1111-7222-8333-944445555666';
const terms: SlaTerms = {
  priority: 'P1',
  offeringId: 'offering-gold',
  target: { responseMinutes: 60, resolutionMinutes: 240 },
  calendarId: 'calendar-berlin-office',
  calendar: BERLIN_OFFICE,
};
const decider = slaDecider(() => BERLIN_OFFICE);
const at = (local: string): Date => new Date(`2026-03-${local}+01:00`);
const utc = (local: string): string => at(local).toISOString();
const ref = (kind: 'response' | 'resolution') => ({ incidentId, kind });

describe('SLA acceptance: P1 opened Friday 16:30 on a 9–17 Berlin calendar, held Monday 10:00–11:30', () => {
  let state: SlaState = decider.initialState();
  const log: SlaEvent[] = [];
  const step = (fact: SlaFact): SlaEvent[] => {
    const events = decider.decide(fact, state);
    state = events.reduce(decider.evolve, state);
    log.push(...events);
    return events;
  };
  const tick = (local: string) => step({ type: 'ClockTicked', at: at(local) });

  it('starts both timers with their due times', () => {
    expect(step({ type: 'IncidentOpened', incidentId, at: at('06T16:30'), terms })).toEqual([
      { type: 'SlaTimerStarted', data: { ...ref('response'), priority: 'P1', offeringId: 'offering-gold', calendarId: 'calendar-berlin-office', targetMinutes: 60, startedAt: utc('06T16:30'), dueAt: utc('09T09:30') } },
      { type: 'SlaTimerStarted', data: { ...ref('resolution'), priority: 'P1', offeringId: 'offering-gold', calendarId: 'calendar-berlin-office', targetMinutes: 240, startedAt: utc('06T16:30'), dueAt: utc('09T12:30') } },
    ]);
    expect(nextSlaWakeUp(state)).toEqual(at('06T17:00'));
  });

  it('warns at 50% of the response target on Friday 17:00, then sleeps over the weekend', () => {
    expect(tick('06T16:59')).toEqual([]);
    expect(tick('06T17:00')).toEqual([
      { type: 'SlaWarningReached', data: { ...ref('response'), threshold: 50, dueAt: utc('09T09:30'), reachedAt: utc('06T17:00') } },
    ]);
    expect(tick('07T12:00')).toEqual([]);
    expect(nextSlaWakeUp(state)).toEqual(at('09T09:15'));
  });

  it('warns at 75% on Monday 09:15 and breaches the response at 09:30', () => {
    expect(tick('09T09:15')).toEqual([
      { type: 'SlaWarningReached', data: { ...ref('response'), threshold: 75, dueAt: utc('09T09:30'), reachedAt: utc('09T09:15') } },
    ]);
    expect(tick('09T09:30')).toEqual([{ type: 'SlaBreached', data: { ...ref('response'), dueAt: utc('09T09:30'), breachedAt: utc('09T09:30') } }]);
    expect(tick('09T09:30')).toEqual([]);
  });

  it('meets the response late when work starts at 09:40', () => {
    expect(step({ type: 'IncidentWorkStarted', at: at('09T09:40') })).toEqual([
      { type: 'SlaTimerMet', data: { ...ref('response'), dueAt: utc('09T09:30'), elapsedMinutes: 70, metAt: utc('09T09:40') } },
    ]);
    expect(nextSlaWakeUp(state)).toEqual(at('09T10:30'));
  });

  it('pauses the resolution timer on hold at 10:00 and has nothing to wake up for', () => {
    expect(step({ type: 'IncidentPutOnHold', at: at('09T10:00') })).toEqual([
      { type: 'SlaTimerPaused', data: { ...ref('resolution'), elapsedMinutes: 90, pausedAt: utc('09T10:00') } },
    ]);
    expect(nextSlaWakeUp(state)).toBeNull();
    expect(tick('09T10:30')).toEqual([]);
  });

  it('resumes at 11:30 with the due time moved by the 90 paused minutes', () => {
    expect(step({ type: 'IncidentResumed', at: at('09T11:30') })).toEqual([
      { type: 'SlaTimerResumed', data: { ...ref('resolution'), dueAt: utc('09T14:00'), resumedAt: utc('09T11:30') } },
    ]);
    expect(nextSlaWakeUp(state)).toEqual(at('09T12:00'));
  });

  it('warns at 12:00 and 13:00 and breaches the resolution at 14:00', () => {
    expect(tick('09T12:00')).toEqual([
      { type: 'SlaWarningReached', data: { ...ref('resolution'), threshold: 50, dueAt: utc('09T14:00'), reachedAt: utc('09T12:00') } },
    ]);
    expect(tick('09T13:00')).toEqual([
      { type: 'SlaWarningReached', data: { ...ref('resolution'), threshold: 75, dueAt: utc('09T14:00'), reachedAt: utc('09T13:00') } },
    ]);
    expect(tick('09T14:00')).toEqual([{ type: 'SlaBreached', data: { ...ref('resolution'), dueAt: utc('09T14:00'), breachedAt: utc('09T14:00') } }]);
  });

  it('meets the resolution late when resolved at 14:30', () => {
    expect(step({ type: 'IncidentResolved', at: at('09T14:30') })).toEqual([
      { type: 'SlaTimerMet', data: { ...ref('resolution'), dueAt: utc('09T14:00'), elapsedMinutes: 270, metAt: utc('09T14:30') } },
    ]);
    expect(nextSlaWakeUp(state)).toBeNull();
  });

  it('shows the SLA view the calendar implies', () => {
    const expected = {
      timers: [
        { kind: 'response', state: 'breached', targetMinutes: 60, startedAt: utc('06T16:30'), dueAt: utc('09T09:30'), elapsedMinutes: 70, pausedMinutes: 0, remainingMinutes: -10 },
        { kind: 'resolution', state: 'breached', targetMinutes: 240, startedAt: utc('06T16:30'), dueAt: utc('09T14:00'), elapsedMinutes: 270, pausedMinutes: 90, remainingMinutes: -30 },
      ],
    };
    expect(slaView(state, at('09T15:00'))).toEqual(expected);
    // Replay: the view folded from the events alone is the same.
    expect(slaView(log.reduce(decider.evolve, decider.initialState()), at('09T15:00'))).toEqual(expected);
  });

  it('gives the same events when no tick ever came (the engine was down): announced before each fact, in order', () => {
    let quiet = decider.initialState();
    const events: SlaEvent[] = [];
    for (const fact of [
      { type: 'IncidentOpened', incidentId, at: at('06T16:30'), terms },
      { type: 'IncidentWorkStarted', at: at('09T09:40') },
      { type: 'IncidentPutOnHold', at: at('09T10:00') },
      { type: 'IncidentResumed', at: at('09T11:30') },
      { type: 'IncidentResolved', at: at('09T14:30') },
    ] satisfies SlaFact[]) {
      const decided = decider.decide(fact, quiet);
      quiet = decided.reduce(decider.evolve, quiet);
      events.push(...decided);
    }
    expect(events).toEqual(log);
  });
});
