import type { Priority, SlaEvent, SlaTimerKind, SupportCalendar } from '@itsm/contracts';
import { assertNever } from '@itsm/event-sourcing';
import { BusinessCalendar } from './business-calendar';
import {
  changeSlaTimerCalendar,
  markSlaThresholdFired,
  pauseSlaTimer,
  resumeSlaTimer,
  retargetSlaTimer,
  startSlaTimer,
  stopSlaTimer,
  type SlaTimer,
} from './sla-timer';

/** One of the incident's timers with the terms it counts against. */
export interface SlaTimerRecord {
  timer: SlaTimer;
  priority: Priority;
  offeringId: string;
  calendarId: string;
}

/** The SLA side of one incident, folded from its SLA events. */
export interface SlaState {
  incidentId: string | null;
  timers: Partial<Record<SlaTimerKind, SlaTimerRecord>>;
}

/** Response first: the order timers are listed and their simultaneous events written. */
export const SLA_TIMER_ORDER: readonly SlaTimerKind[] = ['response', 'resolution'];

/**
 * The calendar definition that was in force under `calendarId` at `asOf`. SLA events name the calendar by id, so a
 * replay needs the version each event was counted in: the application keeps calendar versions from catalog events.
 */
export type SlaCalendarSource = (calendarId: string, asOf: Date) => SupportCalendar;

export const initialSlaState = (): SlaState => ({ incidentId: null, timers: {} });

const sameCalendar = (a: SupportCalendar, b: SupportCalendar): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Distinct calendar definitions kept compiled at once; beyond it the memo starts over (it is only a cache). */
const COMPILED_CALENDAR_LIMIT = 256;
// Process-wide: every fold of every incident on the same calendar shares its compiled days (each fold used to start cold).
const compiledCalendars = new Map<string, BusinessCalendar>();

/** Compiled calendars shared by equal definitions (a pure memo, shared across folds). */
export const calendarCompiler = (): ((definition: SupportCalendar) => BusinessCalendar) => (definition) => {
  const key = JSON.stringify(definition);
  let calendar = compiledCalendars.get(key);
  if (!calendar) {
    calendar = new BusinessCalendar(definition);
    if (compiledCalendars.size >= COMPILED_CALENDAR_LIMIT) compiledCalendars.clear();
    compiledCalendars.set(key, calendar);
  }
  return calendar;
};

/** `evolve` of the SLA fold; it asks `calendarOf` for the calendar of a started or retargeted timer. */
export const slaEvolver = (calendarOf: SlaCalendarSource) => {
  const compile = calendarCompiler();
  const withTimer = (
    state: SlaState,
    kind: SlaTimerKind,
    change: (record: SlaTimerRecord) => SlaTimerRecord,
  ): SlaState => {
    const record = state.timers[kind];
    return record ? { ...state, timers: { ...state.timers, [kind]: change(record) } } : state;
  };
  const timerChange = (state: SlaState, kind: SlaTimerKind, change: (timer: SlaTimer) => SlaTimer): SlaState =>
    withTimer(state, kind, (record) => ({ ...record, timer: change(record.timer) }));

  return (state: SlaState, event: SlaEvent): SlaState => {
    switch (event.type) {
      case 'SlaTimerStarted': {
        const { incidentId, kind, priority, offeringId, calendarId, targetMinutes, startedAt } = event.data;
        const at = new Date(startedAt);
        const calendar = compile(calendarOf(calendarId, at));
        const timer = startSlaTimer({ kind, targetMinutes, startedAt: at, calendar });
        return { incidentId, timers: { ...state.timers, [kind]: { timer, priority, offeringId, calendarId } } };
      }
      case 'SlaTimerPaused':
        return timerChange(state, event.data.kind, (timer) => pauseSlaTimer(timer, new Date(event.data.pausedAt)));
      case 'SlaTimerResumed':
        return timerChange(state, event.data.kind, (timer) => resumeSlaTimer(timer, new Date(event.data.resumedAt)));
      case 'SlaTimerRetargeted': {
        const { kind, priority, offeringId, calendarId, targetMinutes, retargetedAt } = event.data;
        const at = new Date(retargetedAt);
        return withTimer(state, kind, (record) => {
          const calendar = calendarOf(calendarId, at);
          const moved = sameCalendar(calendar, record.timer.calendar.definition)
            ? record.timer
            : changeSlaTimerCalendar(record.timer, compile(calendar), at);
          return { timer: retargetSlaTimer(moved, targetMinutes), priority, offeringId, calendarId };
        });
      }
      case 'SlaWarningReached':
        return timerChange(state, event.data.kind, (timer) => markSlaThresholdFired(timer, event.data.threshold));
      case 'SlaBreached':
        return timerChange(state, event.data.kind, (timer) => markSlaThresholdFired(timer, 100));
      case 'SlaTimerMet':
        return timerChange(state, event.data.kind, (timer) => stopSlaTimer(timer, new Date(event.data.metAt), 'met'));
      case 'SlaTimerCancelled':
        return timerChange(state, event.data.kind, (timer) =>
          stopSlaTimer(timer, new Date(event.data.cancelledAt), 'cancelled'),
        );
      default:
        return assertNever(event);
    }
  };
};
