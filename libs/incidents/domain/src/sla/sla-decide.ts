import type { SlaEvent, SlaTimerKind, SupportCalendar } from '@itsm/contracts';
import { assertNever, type Decider } from '@itsm/event-sourcing';
import type { SlaFact, SlaTerms } from './sla-facts';
import {
  calendarCompiler,
  initialSlaState,
  SLA_TIMER_ORDER,
  slaEvolver,
  type SlaCalendarSource,
  type SlaState,
  type SlaTimerRecord,
} from './sla-state';
import {
  changeSlaTimerCalendar,
  dueAtMs,
  elapsedMsAt,
  pauseSlaTimer,
  resumeSlaTimer,
  retargetSlaTimer,
  slaTimerDeadlines,
  type SlaDeadline,
} from './sla-timer';
import { MINUTE_MS } from './zoned-time';

/*
 * The SLA policy: (SLA state, fact at `at`) → SLA events. Before and after the fact itself it announces every
 * warning and breach that a running timer has reached by `at`, so a late tick, a tick that never came (the engine
 * was down) or a fact arriving after a deadline all give the same events, in the order the deadlines passed.
 */

const iso = (instant: number): string => new Date(instant).toISOString();
const wholeMinutes = (ms: number): number => Math.floor(ms / MINUTE_MS);
const targetFor = (terms: SlaTerms, kind: SlaTimerKind): number =>
  kind === 'response' ? terms.target.responseMinutes : terms.target.resolutionMinutes;

type Records = [SlaTimerKind, SlaTimerRecord][];
const timersOf = (state: SlaState): Records =>
  SLA_TIMER_ORDER.flatMap((kind): Records => {
    const record = state.timers[kind];
    return record ? [[kind, record]] : [];
  });
const liveTimers = (state: SlaState): Records =>
  timersOf(state).filter(([, { timer }]) => timer.phase === 'running' || timer.phase === 'paused');

/** Warnings and breaches not yet announced of every running timer, earliest first (response first on a tie). */
export const pendingSlaDeadlines = (state: SlaState): SlaDeadline[] =>
  timersOf(state)
    .flatMap(([, { timer }]) => slaTimerDeadlines(timer))
    .sort(
      (a, b) =>
        a.at.getTime() - b.at.getTime() ||
        SLA_TIMER_ORDER.indexOf(a.kind) - SLA_TIMER_ORDER.indexOf(b.kind) ||
        a.threshold - b.threshold,
    );

/** When the durable timer should next wake this incident up (possibly already past); null when nothing is pending. */
export const nextSlaWakeUp = (state: SlaState): Date | null => pendingSlaDeadlines(state)[0]?.at ?? null;

const announcementsDue = (state: SlaState, now: number): SlaEvent[] =>
  pendingSlaDeadlines(state)
    .filter((deadline) => deadline.at.getTime() <= now)
    .map((deadline): SlaEvent => {
      const incidentId = state.incidentId ?? '';
      const timer = state.timers[deadline.kind]?.timer;
      const dueAt = timer ? iso(dueAtMs(timer, now)) : iso(deadline.at.getTime());
      return deadline.threshold === 100
        ? { type: 'SlaBreached', data: { incidentId, kind: deadline.kind, dueAt, breachedAt: deadline.at.toISOString() } }
        : {
            type: 'SlaWarningReached',
            data: {
              incidentId,
              kind: deadline.kind,
              threshold: deadline.threshold,
              dueAt,
              reachedAt: deadline.at.toISOString(),
            },
          };
    });

const compile = calendarCompiler();

const started = (incidentId: string, terms: SlaTerms, at: Date): SlaEvent[] =>
  SLA_TIMER_ORDER.map((kind) => {
    const targetMinutes = targetFor(terms, kind);
    const dueAt = compile(terms.calendar).addBusinessMs(at.getTime(), targetMinutes * MINUTE_MS);
    return {
      type: 'SlaTimerStarted',
      data: {
        incidentId,
        kind,
        priority: terms.priority,
        offeringId: terms.offeringId,
        calendarId: terms.calendarId,
        targetMinutes,
        startedAt: at.toISOString(),
        dueAt: iso(dueAt),
      },
    };
  });

const met = (state: SlaState, kinds: readonly SlaTimerKind[], now: number): SlaEvent[] =>
  liveTimers(state)
    .filter(([kind]) => kinds.includes(kind))
    .map(([kind, { timer }]) => ({
      type: 'SlaTimerMet',
      data: {
        incidentId: state.incidentId ?? '',
        kind,
        dueAt: iso(dueAtMs(timer, now)),
        elapsedMinutes: wholeMinutes(elapsedMsAt(timer, now)),
        metAt: iso(now),
      },
    }));

const cancelled = (state: SlaState, reason: string, now: number): SlaEvent[] =>
  liveTimers(state).map(([kind]) => ({
    type: 'SlaTimerCancelled',
    data: { incidentId: state.incidentId ?? '', kind, reason, cancelledAt: iso(now) },
  }));

const resolutionPaused = (state: SlaState, at: Date): SlaEvent[] => {
  const timer = state.timers.resolution?.timer;
  if (timer?.phase !== 'running') return [];
  const paused = pauseSlaTimer(timer, at);
  return [
    {
      type: 'SlaTimerPaused',
      data: {
        incidentId: state.incidentId ?? '',
        kind: 'resolution',
        elapsedMinutes: wholeMinutes(paused.closedElapsedMs),
        pausedAt: at.toISOString(),
      },
    },
  ];
};

/** Resume after a hold (from paused) or after a reopen (from met). */
const resolutionResumed = (state: SlaState, at: Date, from: 'paused' | 'met'): SlaEvent[] => {
  const timer = state.timers.resolution?.timer;
  if (timer?.phase !== from) return [];
  const resumed = resumeSlaTimer(timer, at);
  return [
    {
      type: 'SlaTimerResumed',
      data: {
        incidentId: state.incidentId ?? '',
        kind: 'resolution',
        dueAt: iso(dueAtMs(resumed, at.getTime())),
        resumedAt: at.toISOString(),
      },
    },
  ];
};

const sameCalendar = (a: SupportCalendar, b: SupportCalendar): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Live timers take the new terms from their original start; unchanged terms give no event. */
const retargeted = (state: SlaState, fact: Extract<SlaFact, { type: 'SlaTermsChanged' }>): SlaEvent[] => {
  const { terms, at, cause } = fact;
  const now = at.getTime();
  return liveTimers(state).flatMap(([kind, record]): SlaEvent[] => {
    const targetMinutes = targetFor(terms, kind);
    const calendarChanged = !sameCalendar(terms.calendar, record.timer.calendar.definition);
    const unchanged =
      !calendarChanged &&
      targetMinutes === record.timer.targetMinutes &&
      terms.priority === record.priority &&
      terms.offeringId === record.offeringId &&
      terms.calendarId === record.calendarId;
    if (unchanged) return [];
    const moved = calendarChanged ? changeSlaTimerCalendar(record.timer, compile(terms.calendar), at) : record.timer;
    const next = retargetSlaTimer(moved, targetMinutes);
    return [
      {
        type: 'SlaTimerRetargeted',
        data: {
          incidentId: state.incidentId ?? '',
          kind,
          priority: terms.priority,
          offeringId: terms.offeringId,
          calendarId: terms.calendarId,
          targetMinutes,
          cause,
          previousPriority: record.priority,
          previousTargetMinutes: record.timer.targetMinutes,
          previousDueAt: iso(dueAtMs(record.timer, now)),
          dueAt: iso(dueAtMs(next, now)),
          retargetedAt: at.toISOString(),
        },
      },
    ];
  });
};

/** The events of the fact itself, against the state after the announcements due before it. */
const eventsOfFact = (fact: SlaFact, state: SlaState): SlaEvent[] => {
  const now = fact.at.getTime();
  switch (fact.type) {
    case 'IncidentOpened':
      return Object.keys(state.timers).length > 0 ? [] : started(fact.incidentId, fact.terms, fact.at);
    case 'IncidentWorkStarted':
      return met(state, ['response'], now);
    case 'IncidentPutOnHold':
      return resolutionPaused(state, fact.at);
    case 'IncidentResumed':
      return resolutionResumed(state, fact.at, 'paused');
    case 'IncidentResolved':
      // Resolving answers the caller too: a response timer still running is met with it.
      return met(state, ['response', 'resolution'], now);
    case 'IncidentReopened':
      return resolutionResumed(state, fact.at, 'met');
    case 'IncidentClosed':
      return cancelled(state, 'incident closed', now);
    case 'IncidentCancelled':
      return cancelled(state, fact.reason, now);
    case 'SlaTermsChanged':
      return retargeted(state, fact);
    case 'ClockTicked':
      return [];
    default:
      return assertNever(fact);
  }
};

/**
 * The SLA engine as a decider. `calendarOf` serves replay (`evolve`): SLA events name calendars by id; while
 * deciding, the calendar a fact carries wins.
 */
export const slaDecider = (calendarOf: SlaCalendarSource): Decider<SlaFact, SlaState, SlaEvent> => ({
  initialState: initialSlaState,
  evolve: slaEvolver(calendarOf),
  decide: (fact, state) => {
    const terms = 'terms' in fact ? fact.terms : null;
    const evolve = slaEvolver((calendarId, asOf) =>
      terms && calendarId === terms.calendarId ? terms.calendar : calendarOf(calendarId, asOf),
    );
    const now = fact.at.getTime();
    const events: SlaEvent[] = [];
    let current = state;
    const emitAll = (batch: SlaEvent[]) => {
      for (const event of batch) {
        events.push(event);
        current = evolve(current, event);
      }
    };
    emitAll(announcementsDue(current, now));
    emitAll(eventsOfFact(fact, current));
    // A lower target or a resume can put thresholds behind `at`: they are announced now.
    emitAll(announcementsDue(current, now));
    return events;
  },
});
