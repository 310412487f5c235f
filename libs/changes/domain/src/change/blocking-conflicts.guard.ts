import type { ChangeBlockingConflict } from '@itsm/contracts';
import { RuleViolation } from '@itsm/event-sourcing';
import { requireArray } from './change.guards';
import type { RaisedChange } from './state';

const describeConflict = (value: unknown): string => {
  const { kind, detail } = (value ?? {}) as Partial<ChangeBlockingConflict>;
  return detail ? `${String(kind)} (${detail})` : String(kind);
};

/**
 * A change goes onto the schedule (a standard change's submission, the approval that authorizes a normal or emergency
 * one) or starts only with no blocking conflict. The application asks the live conflict detection and passes what
 * blocks a change of its type (`blockingConflicts` of `conflicts/blocking.ts`: for an emergency change neither a
 * freeze nor an active major incident); the decider refuses any it is given, naming them. Left out (undefined): not
 * checked, as a caller without the conflict detection (a replay, a spec) gives none.
 */
export const refuseBlockingConflicts = (change: RaisedChange, conflicts: unknown, action: 'start' | 'be scheduled'): void => {
  if (conflicts === undefined) return;
  const blocking = requireArray(conflicts, 'The blocking conflicts');
  if (blocking.length > 0) {
    throw new RuleViolation(`Change ${change.number} cannot ${action} while conflicts block it: ${blocking.map(describeConflict).join('; ')}`);
  }
};
