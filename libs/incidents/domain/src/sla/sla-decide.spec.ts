import type { SlaEvent, SupportCalendar } from '@itsm/contracts';
import { deciderSpecification } from '@itsm/event-sourcing';
import { slaDecider } from './sla-decide';
import type { SlaFact, SlaTerms } from './sla-facts';
import { slaView } from './sla-view';
import { BERLIN_24X7, BERLIN_OFFICE } from './sla-test-calendars';

/* Rules of the SLA policy, on Berlin office hours (Mon–Fri 09:00–17:00, +01:00 in March 2026). */

// The calendar id keeps its versions: 24×7 from Monday 2 March 13:00 on (what a local catalog copy would answer).
const calendarOf = (_calendarId: string, asOf: Date): SupportCalendar =>
  asOf >= at('02T13:00') ? BERLIN_24X7 : BERLIN_OFFICE;
const decider = slaDecider(calendarOf);
const spec = deciderSpecification(decider, expect);
const given = spec.given.bind(spec);

const incidentId = '0190f3a4-1111-7222-8333-944445555666';
function at(local: string): Date {
  return new Date(`2026-03-${local}+01:00`);
}
const utc = (local: string): string => at(local).toISOString();
const p1: SlaTerms = {
  priority: 'P1',
  offeringId: 'offering-gold',
  target: { responseMinutes: 60, resolutionMinutes: 240 },
  calendarId: 'calendar-1',
  calendar: BERLIN_OFFICE,
};
const p3: SlaTerms = { ...p1, priority: 'P3', target: { responseMinutes: 240, resolutionMinutes: 960 } };

const ref = (kind: 'response' | 'resolution') => ({ incidentId, kind });
const target = { priority: 'P1' as const, offeringId: 'offering-gold', calendarId: 'calendar-1' };
// Opened Monday 2 March 09:00: response due 10:00, resolution due 13:00.
const opened: SlaEvent[] = [
  { type: 'SlaTimerStarted', data: { ...ref('response'), ...target, targetMinutes: 60, startedAt: utc('02T09:00'), dueAt: utc('02T10:00') } },
  { type: 'SlaTimerStarted', data: { ...ref('resolution'), ...target, targetMinutes: 240, startedAt: utc('02T09:00'), dueAt: utc('02T13:00') } },
];
const responseMet: SlaEvent = { type: 'SlaTimerMet', data: { ...ref('response'), dueAt: utc('02T10:00'), elapsedMinutes: 20, metAt: utc('02T09:20') } };
const held: SlaEvent = { type: 'SlaTimerPaused', data: { ...ref('resolution'), elapsedMinutes: 20, pausedAt: utc('02T09:20') } };
const resolutionMet: SlaEvent = { type: 'SlaTimerMet', data: { ...ref('resolution'), dueAt: utc('02T13:00'), elapsedMinutes: 110, metAt: utc('02T10:50') } };

const fact = (type: Exclude<SlaFact['type'], 'IncidentOpened' | 'IncidentCancelled' | 'SlaTermsChanged'>, local: string): SlaFact => ({ type, at: at(local) });

describe('SLA policy', () => {
  describe('when no timer runs', () => {
    it('starts a response and a resolution timer on the offering terms when the incident opens', () => {
      given([]).when({ type: 'IncidentOpened', incidentId, at: at('02T09:00'), terms: p1 }).then(opened);
    });
    it.each(['IncidentWorkStarted', 'IncidentPutOnHold', 'IncidentResumed', 'IncidentResolved', 'ClockTicked'] as const)(
      'ignores %s',
      (type) => {
        given([]).when(fact(type, '02T09:00')).thenNothingHappens();
      },
    );
  });

  describe('when both timers run', () => {
    it('does not start them twice', () => {
      given(opened).when({ type: 'IncidentOpened', incidentId, at: at('02T09:05'), terms: p1 }).thenNothingHappens();
    });
    it('meets the response timer when work starts', () => {
      given(opened).when(fact('IncidentWorkStarted', '02T09:20')).then([responseMet]);
    });
    it('pauses only the resolution timer on hold', () => {
      given(opened).when(fact('IncidentPutOnHold', '02T09:20')).then([held]);
    });
    it('meets both timers when resolved before work started', () => {
      given(opened)
        .when(fact('IncidentResolved', '02T09:25'))
        .then([
          { type: 'SlaTimerMet', data: { ...ref('response'), dueAt: utc('02T10:00'), elapsedMinutes: 25, metAt: utc('02T09:25') } },
          { type: 'SlaTimerMet', data: { ...ref('resolution'), dueAt: utc('02T13:00'), elapsedMinutes: 25, metAt: utc('02T09:25') } },
        ]);
    });
    it('cancels both timers with the reason when the incident is cancelled', () => {
      given(opened)
        .when({ type: 'IncidentCancelled', at: at('02T09:25'), reason: 'duplicate' })
        .then([
          { type: 'SlaTimerCancelled', data: { ...ref('response'), reason: 'duplicate', cancelledAt: utc('02T09:25') } },
          { type: 'SlaTimerCancelled', data: { ...ref('resolution'), reason: 'duplicate', cancelledAt: utc('02T09:25') } },
        ]);
    });
    it('announces nothing before the first threshold', () => {
      given(opened).when(fact('ClockTicked', '02T09:29')).thenNothingHappens();
    });
    it('announces every threshold passed by a late tick, earliest first, each once', () => {
      // Response 30 → 09:30, 45 → 09:45, 60 → 10:00; resolution 120 → 11:00 (not yet at 10:30).
      given(opened)
        .when(fact('ClockTicked', '02T10:30'))
        .then([
          { type: 'SlaWarningReached', data: { ...ref('response'), threshold: 50, dueAt: utc('02T10:00'), reachedAt: utc('02T09:30') } },
          { type: 'SlaWarningReached', data: { ...ref('response'), threshold: 75, dueAt: utc('02T10:00'), reachedAt: utc('02T09:45') } },
          { type: 'SlaBreached', data: { ...ref('response'), dueAt: utc('02T10:00'), breachedAt: utc('02T10:00') } },
        ]);
    });
    it('announces a breach before meeting a timer stopped after its due time', () => {
      given([...opened, { type: 'SlaWarningReached', data: { ...ref('response'), threshold: 50, dueAt: utc('02T10:00'), reachedAt: utc('02T09:30') } }, { type: 'SlaWarningReached', data: { ...ref('response'), threshold: 75, dueAt: utc('02T10:00'), reachedAt: utc('02T09:45') } }])
        .when(fact('IncidentWorkStarted', '02T10:00'))
        .then([
          { type: 'SlaBreached', data: { ...ref('response'), dueAt: utc('02T10:00'), breachedAt: utc('02T10:00') } },
          { type: 'SlaTimerMet', data: { ...ref('response'), dueAt: utc('02T10:00'), elapsedMinutes: 60, metAt: utc('02T10:00') } },
        ]);
    });
    it('retargets both timers from the original start when the priority changes', () => {
      // P3 from the original 09:00: response 240 → 13:00; resolution 960 = 8 h Monday + 8 h Tuesday → Tue 17:00.
      given(opened)
        .when({ type: 'SlaTermsChanged', cause: 'priority-changed', at: at('02T09:25'), terms: p3 })
        .then([
          { type: 'SlaTimerRetargeted', data: { ...ref('response'), ...target, priority: 'P3', targetMinutes: 240, cause: 'priority-changed', previousPriority: 'P1', previousTargetMinutes: 60, previousDueAt: utc('02T10:00'), dueAt: utc('02T13:00'), retargetedAt: utc('02T09:25') } },
          { type: 'SlaTimerRetargeted', data: { ...ref('resolution'), ...target, priority: 'P3', targetMinutes: 960, cause: 'priority-changed', previousPriority: 'P1', previousTargetMinutes: 240, previousDueAt: utc('02T13:00'), dueAt: utc('03T17:00'), retargetedAt: utc('02T09:25') } },
        ]);
    });
    it('ignores terms that change nothing', () => {
      given(opened).when({ type: 'SlaTermsChanged', cause: 'offering-changed', at: at('02T09:25'), terms: p1 }).thenNothingHappens();
    });
    it('moves the running timers to a changed calendar, counting what passed in the old one', () => {
      // Office minutes up to 12:00, 24×7 after: the response was breached at 10:00 already.
      const p1Around = { ...p1, calendar: BERLIN_24X7, target: { responseMinutes: 60, resolutionMinutes: 300 } };
      given(opened)
        .when({ type: 'SlaTermsChanged', cause: 'calendar-changed', at: at('02T12:00'), terms: p1Around })
        .then([
          { type: 'SlaWarningReached', data: { ...ref('response'), threshold: 50, dueAt: utc('02T10:00'), reachedAt: utc('02T09:30') } },
          { type: 'SlaWarningReached', data: { ...ref('response'), threshold: 75, dueAt: utc('02T10:00'), reachedAt: utc('02T09:45') } },
          { type: 'SlaBreached', data: { ...ref('response'), dueAt: utc('02T10:00'), breachedAt: utc('02T10:00') } },
          { type: 'SlaWarningReached', data: { ...ref('resolution'), threshold: 50, dueAt: utc('02T13:00'), reachedAt: utc('02T11:00') } },
          // 180 of 240 at 12:00 itself: the 75% warning is due before the change applies.
          { type: 'SlaWarningReached', data: { ...ref('resolution'), threshold: 75, dueAt: utc('02T13:00'), reachedAt: utc('02T12:00') } },
          { type: 'SlaTimerRetargeted', data: { ...ref('response'), ...target, targetMinutes: 60, cause: 'calendar-changed', previousPriority: 'P1', previousTargetMinutes: 60, previousDueAt: utc('02T10:00'), dueAt: utc('02T10:00'), retargetedAt: utc('02T12:00') } },
          // 180 office minutes by 12:00, 120 more in 24×7 → 14:00.
          { type: 'SlaTimerRetargeted', data: { ...ref('resolution'), ...target, targetMinutes: 300, cause: 'calendar-changed', previousPriority: 'P1', previousTargetMinutes: 240, previousDueAt: utc('02T13:00'), dueAt: utc('02T14:00'), retargetedAt: utc('02T12:00') } },
        ]);
    });
  });

  describe('when the priority rises past the elapsed time', () => {
    it('retargets and announces the thresholds already behind it at once', () => {
      const p4Started: SlaEvent[] = [
        { type: 'SlaTimerStarted', data: { ...ref('resolution'), ...target, priority: 'P4', targetMinutes: 480, startedAt: utc('02T09:00'), dueAt: utc('02T17:00') } },
      ];
      // 120 elapsed at 11:00; 240 from 09:00 → 13:00 and 50% (120) was reached at 11:00 itself.
      given(p4Started)
        .when({ type: 'SlaTermsChanged', cause: 'priority-changed', at: at('02T11:00'), terms: p1 })
        .then([
          { type: 'SlaTimerRetargeted', data: { ...ref('resolution'), ...target, targetMinutes: 240, cause: 'priority-changed', previousPriority: 'P4', previousTargetMinutes: 480, previousDueAt: utc('02T17:00'), dueAt: utc('02T13:00'), retargetedAt: utc('02T11:00') } },
          { type: 'SlaWarningReached', data: { ...ref('resolution'), threshold: 50, dueAt: utc('02T13:00'), reachedAt: utc('02T11:00') } },
        ]);
    });
  });

  describe('when the resolution timer is on hold', () => {
    it('does not pause it twice', () => {
      given([...opened, held]).when(fact('IncidentPutOnHold', '02T09:25')).thenNothingHappens();
    });
    it('resumes it with the due time moved by the paused business time', () => {
      // 20 elapsed, paused 09:20–12:00; 220 left from 12:00 → 15:40.
      given([...opened, responseMet, held])
        .when(fact('IncidentResumed', '02T12:00'))
        .then([{ type: 'SlaTimerResumed', data: { ...ref('resolution'), dueAt: utc('02T15:40'), resumedAt: utc('02T12:00') } }]);
    });
    it('announces nothing for it while paused, even past its old due time', () => {
      given([...opened, responseMet, held]).when(fact('ClockTicked', '02T16:00')).thenNothingHappens();
    });
    it('cancels it when the incident is closed while paused', () => {
      given([...opened, responseMet, held])
        .when(fact('IncidentClosed', '02T12:00'))
        .then([{ type: 'SlaTimerCancelled', data: { ...ref('resolution'), reason: 'incident closed', cancelledAt: utc('02T12:00') } }]);
    });
    it('meets it when resolved without resuming', () => {
      given([...opened, responseMet, held])
        .when(fact('IncidentResolved', '02T12:00'))
        .then([{ type: 'SlaTimerMet', data: { ...ref('resolution'), dueAt: utc('02T15:40'), elapsedMinutes: 20, metAt: utc('02T12:00') } }]);
    });
  });

  describe('when resolved', () => {
    it('resumes the resolution timer on reopen, the resolved stretch not counted', () => {
      // 110 elapsed at 10:50; reopened Tue 09:00; 130 left → Tue 11:10.
      given([...opened, responseMet, resolutionMet])
        .when(fact('IncidentReopened', '03T09:00'))
        .then([{ type: 'SlaTimerResumed', data: { ...ref('resolution'), dueAt: utc('03T11:10'), resumedAt: utc('03T09:00') } }]);
    });
    it('does not restart the response timer on reopen or on work started again', () => {
      given([...opened, responseMet, resolutionMet]).when(fact('IncidentWorkStarted', '03T09:00')).thenNothingHappens();
    });
    it('retargets nothing after both timers stopped', () => {
      given([...opened, responseMet, resolutionMet])
        .when({ type: 'SlaTermsChanged', cause: 'priority-changed', at: at('02T12:00'), terms: p3 })
        .thenNothingHappens();
    });
  });

  describe('once breached', () => {
    const breached: SlaEvent[] = [
      ...opened,
      { type: 'SlaWarningReached', data: { ...ref('response'), threshold: 50, dueAt: utc('02T10:00'), reachedAt: utc('02T09:30') } },
      { type: 'SlaWarningReached', data: { ...ref('response'), threshold: 75, dueAt: utc('02T10:00'), reachedAt: utc('02T09:45') } },
      { type: 'SlaBreached', data: { ...ref('response'), dueAt: utc('02T10:00'), breachedAt: utc('02T10:00') } },
    ];
    it('stays breached and is not announced again when a lower priority raises the target', () => {
      const events = decider.decide({ type: 'SlaTermsChanged', cause: 'priority-changed', at: at('02T10:30'), terms: p3 }, breached.reduce(decider.evolve, decider.initialState()));
      expect(events.map((event) => event.type)).toEqual(['SlaTimerRetargeted', 'SlaTimerRetargeted']);
      const state = [...breached, ...events].reduce(decider.evolve, decider.initialState());
      // 240 from 09:00 → 13:00; 50% and 75% already announced, the breach too: nothing left for the response.
      expect(slaView(state, at('02T11:00')).timers[0]).toMatchObject({ state: 'breached', targetMinutes: 240, dueAt: utc('02T13:00'), remainingMinutes: 120 });
      expect(decider.decide({ type: 'ClockTicked', at: at('02T13:30') }, state).filter((event) => event.data.kind === 'response')).toEqual([]);
    });
  });

  describe('replay', () => {
    it('folds a calendar change with the calendar version in force then', () => {
      // Resolution: 240 office minutes 09:00–13:00, then 24×7: retargeted to 300 at 13:00 → 14:00; viewed at 13:30.
      const events: SlaEvent[] = [
        ...opened,
        responseMet,
        { type: 'SlaTimerRetargeted', data: { ...ref('resolution'), ...target, targetMinutes: 300, cause: 'calendar-changed', previousPriority: 'P1', previousTargetMinutes: 240, previousDueAt: utc('02T13:00'), dueAt: utc('02T14:00'), retargetedAt: utc('02T13:00') } },
      ];
      const state = events.reduce(decider.evolve, decider.initialState());
      expect(slaView(state, at('02T13:30')).timers[1]).toEqual({
        kind: 'resolution', state: 'running', targetMinutes: 300, startedAt: utc('02T09:00'), dueAt: utc('02T14:00'), elapsedMinutes: 270, pausedMinutes: 0, remainingMinutes: 30,
      });
    });
  });
});
