import type { SlaTimerKind, SlaTimerState } from '@itsm/contracts';
import { IllegalTransition } from '@itsm/event-sourcing';
import type { BusinessCalendar } from './business-calendar';
import { MINUTE_MS } from './zoned-time';

/*
 * One SLA timer as a pure fold: operations return a new timer, `slaTimerView` and `slaTimerDeadlines` read it.
 * Instants are milliseconds since the epoch; durations are business milliseconds of the timer's calendar.
 */

/** Where the clock is: counting, paused (on hold), stopped as met (may resume on reopen), or cancelled for good. */
export type SlaTimerPhase = 'running' | 'paused' | 'met' | 'cancelled';

/** Percent of the target at which the timer announces itself: two warnings and the breach (100). */
export const SLA_THRESHOLDS = [50, 75, 100] as const;
export type SlaThreshold = (typeof SLA_THRESHOLDS)[number];

/** A finished stretch of counting, kept to find past instants (when the target was reached) after pauses. */
interface ClosedRun {
  from: number;
  calendar: BusinessCalendar;
  elapsedMs: number;
}

export interface SlaTimer {
  readonly kind: SlaTimerKind;
  readonly targetMinutes: number;
  readonly startedAt: number;
  /** The calendar counting from `since` on; earlier runs keep the calendar they were counted in. */
  readonly calendar: BusinessCalendar;
  readonly phase: SlaTimerPhase;
  /** Start of the current phase: the open run (running), the pause (paused), the stop (met, cancelled). */
  readonly since: number;
  readonly closedRuns: readonly ClosedRun[];
  readonly closedElapsedMs: number;
  readonly closedPausedMs: number;
  /** Thresholds already announced; each fires once in the timer's life, a retarget does not re-arm it. */
  readonly fired: readonly SlaThreshold[];
}

/** The sla view of DESIGN §7 for one timer (whole minutes, ISO-8601 UTC instants). */
export interface SlaTimerView {
  kind: SlaTimerKind;
  state: SlaTimerState;
  targetMinutes: number;
  startedAt: string;
  dueAt: string;
  elapsedMinutes: number;
  pausedMinutes: number;
  /** `targetMinutes - elapsedMinutes`; negative when overdue. */
  remainingMinutes: number;
}

export interface SlaDeadline {
  kind: SlaTimerKind;
  threshold: SlaThreshold;
  at: Date;
}

export interface StartSlaTimer {
  kind: SlaTimerKind;
  targetMinutes: number;
  startedAt: Date;
  calendar: BusinessCalendar;
}

const targetMs = (timer: SlaTimer): number => timer.targetMinutes * MINUTE_MS;
const isLive = (timer: SlaTimer): boolean => timer.phase === 'running' || timer.phase === 'paused';
// An operation dated before the timer's last change counts as happening at that change (the log is ordered).
const clamp = (timer: SlaTimer, at: Date): number => Math.max(at.getTime(), timer.since);

export const startSlaTimer = ({ kind, targetMinutes, startedAt, calendar }: StartSlaTimer): SlaTimer => {
  if (!(targetMinutes >= 0)) throw new RangeError(`An SLA target cannot be ${targetMinutes} minutes`);
  return {
    kind,
    targetMinutes,
    startedAt: startedAt.getTime(),
    calendar,
    phase: 'running',
    since: startedAt.getTime(),
    closedRuns: [],
    closedElapsedMs: 0,
    closedPausedMs: 0,
    fired: [],
  };
};

/** Ends the current phase at `at`: a run adds to elapsed time, a pause or a met stretch to paused time. */
const closePhase = (timer: SlaTimer, at: number): SlaTimer => {
  const counted = timer.calendar.businessMsBetween(timer.since, at);
  if (timer.phase === 'running') {
    return {
      ...timer,
      since: at,
      closedRuns: [...timer.closedRuns, { from: timer.since, calendar: timer.calendar, elapsedMs: counted }],
      closedElapsedMs: timer.closedElapsedMs + counted,
    };
  }
  if (timer.phase === 'cancelled') return timer;
  return { ...timer, since: at, closedPausedMs: timer.closedPausedMs + counted };
};

const refuse = (timer: SlaTimer, action: string): never => {
  throw new IllegalTransition(`The ${timer.kind} SLA timer is ${timer.phase} and cannot be ${action}`);
};

export const pauseSlaTimer = (timer: SlaTimer, at: Date): SlaTimer =>
  timer.phase === 'running' ? { ...closePhase(timer, clamp(timer, at)), phase: 'paused' } : refuse(timer, 'paused');

/** Continues a paused timer, or a met one when the incident is reopened (the stretch in between counts as paused). */
export const resumeSlaTimer = (timer: SlaTimer, at: Date): SlaTimer =>
  timer.phase === 'paused' || timer.phase === 'met'
    ? { ...closePhase(timer, clamp(timer, at)), phase: 'running' }
    : refuse(timer, 'resumed');

export const stopSlaTimer = (timer: SlaTimer, at: Date, outcome: 'met' | 'cancelled'): SlaTimer =>
  isLive(timer) ? { ...closePhase(timer, clamp(timer, at)), phase: outcome } : refuse(timer, outcome);

/** A new target from the original start: elapsed business time is kept, only the due time moves. */
export const retargetSlaTimer = (timer: SlaTimer, targetMinutes: number): SlaTimer => {
  if (!(targetMinutes >= 0)) throw new RangeError(`An SLA target cannot be ${targetMinutes} minutes`);
  return isLive(timer) ? { ...timer, targetMinutes } : refuse(timer, 'retargeted');
};

/** Time counted so far stays as the old calendar counted it; from `at` on the new calendar counts. */
export const changeSlaTimerCalendar = (timer: SlaTimer, calendar: BusinessCalendar, at: Date): SlaTimer =>
  isLive(timer) ? { ...closePhase(timer, clamp(timer, at)), calendar } : refuse(timer, 'moved to another calendar');

export const markSlaThresholdFired = (timer: SlaTimer, threshold: SlaThreshold): SlaTimer =>
  timer.fired.includes(threshold) ? timer : { ...timer, fired: [...timer.fired, threshold] };

/** The instant the timer is read at: `now` while it is live, the stop while it is stopped. */
const readingInstant = (timer: SlaTimer, now: number): number => (isLive(timer) ? Math.max(now, timer.since) : timer.since);

export const elapsedMsAt = (timer: SlaTimer, now: number): number =>
  timer.closedElapsedMs +
  (timer.phase === 'running' ? timer.calendar.businessMsBetween(timer.since, readingInstant(timer, now)) : 0);

export const pausedMsAt = (timer: SlaTimer, now: number): number =>
  timer.closedPausedMs +
  (timer.phase === 'paused' ? timer.calendar.businessMsBetween(timer.since, readingInstant(timer, now)) : 0);

/** The instant at which the timer had (or, running, will have) counted `elapsedMs`; null if its clock is stopped first. */
const instantAtElapsed = (timer: SlaTimer, elapsedMs: number): number | null => {
  let counted = 0;
  for (const run of timer.closedRuns) {
    if (counted + run.elapsedMs >= elapsedMs) return run.calendar.addBusinessMs(run.from, elapsedMs - counted);
    counted += run.elapsedMs;
  }
  return timer.phase === 'running' ? timer.calendar.addBusinessMs(timer.since, elapsedMs - counted) : null;
};

/**
 * The due instant: when the target was or will be reached while running. A timer whose clock stands (paused, or
 * stopped before reaching it) shows the due time it would have if it ran on from the reading instant.
 */
export const dueAtMs = (timer: SlaTimer, now: number): number => {
  const reached = instantAtElapsed(timer, targetMs(timer));
  if (reached !== null) return reached;
  const at = readingInstant(timer, now);
  return timer.calendar.addBusinessMs(at, targetMs(timer) - elapsedMsAt(timer, at));
};

/** Breached once the target is reached (the due instant itself counts as late) or a breach was announced. */
export const isBreachedAt = (timer: SlaTimer, now: number): boolean =>
  timer.fired.includes(100) || elapsedMsAt(timer, now) >= targetMs(timer);

const stateAt = (timer: SlaTimer, now: number): SlaTimerState => {
  if (timer.phase === 'cancelled') return 'cancelled';
  if (isBreachedAt(timer, now)) return 'breached';
  return timer.phase;
};

/** Whole minutes at the edge: elapsed and paused rounded down (a minute counts once complete), remaining = target − elapsed. */
export const slaTimerView = (timer: SlaTimer, now: Date): SlaTimerView => {
  const at = now.getTime();
  const elapsedMinutes = Math.floor(elapsedMsAt(timer, at) / MINUTE_MS);
  return {
    kind: timer.kind,
    state: stateAt(timer, at),
    targetMinutes: timer.targetMinutes,
    startedAt: new Date(timer.startedAt).toISOString(),
    dueAt: new Date(dueAtMs(timer, at)).toISOString(),
    elapsedMinutes,
    pausedMinutes: Math.floor(pausedMsAt(timer, at) / MINUTE_MS),
    remainingMinutes: timer.targetMinutes - elapsedMinutes,
  };
};

/**
 * When the 50% and 75% warnings and the breach fire, for thresholds not yet announced, earliest first. Only a
 * running timer has deadlines: a paused clock cannot cross a threshold. Past instants are included (a scheduler
 * that was down fires them at once); the fold, not `now`, knows what has fired.
 */
export const slaTimerDeadlines = (timer: SlaTimer): SlaDeadline[] =>
  timer.phase !== 'running'
    ? []
    : SLA_THRESHOLDS.filter((threshold) => !timer.fired.includes(threshold)).map((threshold) => ({
        kind: timer.kind,
        threshold,
        at: new Date(instantAtElapsed(timer, (targetMs(timer) * threshold) / 100) ?? timer.since),
      }));
