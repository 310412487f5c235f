import { DEFAULT_PRIORITY_MATRIX, type PriorityMatrix } from './priority-matrix';

/**
 * The configurable rules of an installation. The application reads them from configuration and puts the piece
 * a command needs into it (`priorityMatrix`, `reopenWindowDays`, `maxEscalationLevel`), so `decide` stays pure.
 */
export interface IncidentPolicy {
  priorityMatrix: PriorityMatrix;
  /** How many days after its resolution an incident may still be reopened. */
  reopenWindowDays: number;
  /** The highest hierarchical escalation level (level 0 is "not escalated"). */
  maxEscalationLevel: number;
}

export const DEFAULT_INCIDENT_POLICY: IncidentPolicy = Object.freeze({
  priorityMatrix: DEFAULT_PRIORITY_MATRIX,
  reopenWindowDays: 7,
  maxEscalationLevel: 3,
});
