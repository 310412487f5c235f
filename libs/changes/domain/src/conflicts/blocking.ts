import { CHANGE_CONFLICT_KINDS, type ChangeConflictKind, type ChangeType } from '@itsm/contracts';

/**
 * Which conflicts stop a change from being scheduled or started, by type. The others are shown (to the CAB, on the
 * forward schedule) but do not block.
 *
 * - standard: pre-approved on the promise of routine conditions, with nobody reviewing this occurrence. Any freeze,
 *   an active major incident, a window outside the service's maintenance windows, another change on the same service
 *   or an implementer already booked breaks that promise: reschedule, or raise it as a normal change.
 * - normal: the CAB approved the window knowing the overlaps and the maintenance windows; a freeze window and an
 *   active major incident (the automatic freeze) still block, since they arise or hold after the approval.
 * - emergency: goes on through ECAB, whatever the conflicts; they are still reported.
 */
export const BLOCKING_CONFLICT_KINDS: Readonly<Record<ChangeType, readonly ChangeConflictKind[]>> = Object.freeze({
  standard: ['service-overlap', 'freeze-window', 'outside-maintenance-window', 'major-incident', 'implementer-double-booked'],
  normal: ['freeze-window', 'major-incident'],
  emergency: [],
});

/** Whether a conflict of this kind blocks scheduling and starting a change of this type. */
export const blocks = (kind: ChangeConflictKind, type: ChangeType): boolean => BLOCKING_CONFLICT_KINDS[type].includes(kind);

/**
 * The conflicts (as the live conflict detection reports them) that block scheduling or starting a change of
 * `type`: what the handlers pass to the decider (`StartChange.blockingConflicts`). Unknown kinds never block.
 */
export const blockingConflicts = <Conflict extends { kind: string }>(conflicts: readonly Conflict[], type: ChangeType): Conflict[] =>
  conflicts.filter((conflict) => isConflictKind(conflict.kind) && blocks(conflict.kind, type));

const isConflictKind = (kind: string): kind is ChangeConflictKind => (CHANGE_CONFLICT_KINDS as readonly string[]).includes(kind);
