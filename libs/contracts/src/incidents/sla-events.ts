import type { DomainEvent } from '@itsm/event-sourcing';
import type { Priority } from '../catalog/sla-targets';

/*
 * Published SLA timer events, schemaVersion 1, written by the SLA engine for each incident's two timers.
 * Durations are business minutes of the offering's calendar; times are ISO-8601 UTC strings.
 */

/** Response: met when the incident is first put in progress. Resolution: met when it is resolved. */
export const SLA_TIMER_KINDS = ['response', 'resolution'] as const;
export type SlaTimerKind = (typeof SLA_TIMER_KINDS)[number];

/** Timer states on the wire (`GET /incidents/:id/sla`). */
export const SLA_TIMER_STATES = ['running', 'paused', 'met', 'breached', 'cancelled'] as const;
export type SlaTimerState = (typeof SLA_TIMER_STATES)[number];

/** Warnings are raised once each, at these percentages of the target. */
export const SLA_WARNING_THRESHOLDS = [50, 75] as const;
export type SlaWarningThreshold = (typeof SLA_WARNING_THRESHOLDS)[number];

/** What every timer event names: which incident, which timer. */
export interface SlaTimerRef {
  incidentId: string;
  kind: SlaTimerKind;
}

/** The target a timer counts against: from the offering for the incident's priority, in the offering's calendar. */
export interface SlaTimerTarget {
  priority: Priority;
  offeringId: string;
  calendarId: string;
  targetMinutes: number;
}

export interface SlaTimerStartedV1 extends SlaTimerRef, SlaTimerTarget {
  startedAt: string;
  dueAt: string;
}

export interface SlaTimerPausedV1 extends SlaTimerRef {
  /** Business minutes counted so far. */
  elapsedMinutes: number;
  pausedAt: string;
}

export interface SlaTimerResumedV1 extends SlaTimerRef {
  /** The due time moved by the business time spent paused. */
  dueAt: string;
  resumedAt: string;
}

/** Why a running timer's target or due time was recomputed (from its original start, elapsed time kept). */
export type SlaRetargetCause = 'priority-changed' | 'offering-changed' | 'calendar-changed';

export interface SlaTimerRetargetedV1 extends SlaTimerRef, SlaTimerTarget {
  cause: SlaRetargetCause;
  previousPriority: Priority;
  previousTargetMinutes: number;
  previousDueAt: string;
  dueAt: string;
  retargetedAt: string;
}

export interface SlaWarningReachedV1 extends SlaTimerRef {
  threshold: SlaWarningThreshold;
  dueAt: string;
  reachedAt: string;
}

export interface SlaBreachedV1 extends SlaTimerRef {
  dueAt: string;
  breachedAt: string;
}

export interface SlaTimerMetV1 extends SlaTimerRef {
  dueAt: string;
  elapsedMinutes: number;
  metAt: string;
}

/** The timer stops without being met or breached (the incident was cancelled, or closed with the timer paused). */
export interface SlaTimerCancelledV1 extends SlaTimerRef {
  reason: string;
  cancelledAt: string;
}

export type SlaTimerStarted = DomainEvent<'SlaTimerStarted', SlaTimerStartedV1>;
export type SlaTimerPaused = DomainEvent<'SlaTimerPaused', SlaTimerPausedV1>;
export type SlaTimerResumed = DomainEvent<'SlaTimerResumed', SlaTimerResumedV1>;
export type SlaTimerRetargeted = DomainEvent<'SlaTimerRetargeted', SlaTimerRetargetedV1>;
export type SlaWarningReached = DomainEvent<'SlaWarningReached', SlaWarningReachedV1>;
export type SlaBreached = DomainEvent<'SlaBreached', SlaBreachedV1>;
export type SlaTimerMet = DomainEvent<'SlaTimerMet', SlaTimerMetV1>;
export type SlaTimerCancelled = DomainEvent<'SlaTimerCancelled', SlaTimerCancelledV1>;

export type SlaEvent =
  | SlaTimerStarted
  | SlaTimerPaused
  | SlaTimerResumed
  | SlaTimerRetargeted
  | SlaWarningReached
  | SlaBreached
  | SlaTimerMet
  | SlaTimerCancelled;

export type SlaEventType = SlaEvent['type'];

export const SLA_EVENT_TYPES: readonly SlaEventType[] = [
  'SlaTimerStarted',
  'SlaTimerPaused',
  'SlaTimerResumed',
  'SlaTimerRetargeted',
  'SlaWarningReached',
  'SlaBreached',
  'SlaTimerMet',
  'SlaTimerCancelled',
];
