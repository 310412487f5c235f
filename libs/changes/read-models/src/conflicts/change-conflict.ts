import type { ChangeConflictKind, ChangeType } from '@itsm/contracts';

/** One conflict of a change's window (DESIGN §7 `conflicts`). */
export interface ChangeConflict {
  kind: ChangeConflictKind;
  /** What the conflict is, in one sentence for people. */
  detail: string;
  /** The service of this change the conflict is about. */
  serviceId: string;
  /**
   * The related service through which it concerns `serviceId`: the other change's service in a
   * dependent-service-overlap, the major incident's service when `serviceId` depends on it.
   */
  viaServiceId?: string;
  /** The other change (overlaps, double-booked implementer). */
  changeId?: string;
  changeNumber?: string;
  freezeWindowId?: string;
  incidentId?: string;
  incidentNumber?: string;
}

/** A window to check: a new change, or an existing one (`changeId`, left out of its own overlaps) being moved or started. */
export interface ConflictCandidate {
  serviceIds: readonly string[];
  /** ISO-8601 instants; the window is [plannedStart, plannedEnd). */
  plannedStart: string;
  plannedEnd: string;
  implementer: { group: string; agent?: string | null };
  /** Reported conflicts do not depend on it (which of them block does: `blockingConflicts` of the domain). */
  type?: ChangeType;
  changeId?: string | null;
}
