import { assertNever } from '@itsm/event-sourcing';
import { approvalRequested, refuseStages, validStages } from './approval-stages';
import { refuseBlockingConflicts } from './blocking-conflicts.guard';
import { inStates } from './change.guards';
import type { SubmitChange } from './commands';
import type { ChangeEvent } from './events';
import type { Change, RaisedChange } from './state';

const submitted = (change: RaisedChange, state: 'assess' | 'authorize' | 'scheduled', at: Date): ChangeEvent => ({
  type: 'ChangeSubmitted',
  data: { changeId: change.changeId, type: change.type, templateId: change.templateId, previousState: 'new', state, submittedAt: at.toISOString() },
});

/** The fact that puts a change on the schedule, with what the schedule and the conflict detection read. */
export const scheduled = (change: RaisedChange, because: 'pre-approved' | 'authorized', at: Date): ChangeEvent => ({
  type: 'ChangeScheduled',
  data: {
    changeId: change.changeId,
    number: change.number,
    type: change.type,
    plannedStart: change.plannedStart,
    plannedEnd: change.plannedEnd,
    serviceIds: [...change.serviceIds],
    implementer: { ...change.implementer },
    because,
    state: 'scheduled',
    scheduledAt: at.toISOString(),
  },
});

/**
 * Normal: to `assess`. Emergency: straight to `authorize`, its ECAB stage(s) open (risk may be assessed along the
 * way). Standard: pre-approved by its template, straight to `scheduled`, unless conflicts block it there (a freeze, an
 * active major incident, an overlap on its service…: `blockingConflicts`).
 */
export const submit = ({ data, metadata }: SubmitChange, state: Change): ChangeEvent[] => {
  const change = inStates(state, ['new'], 'be submitted');
  const at = metadata.now;
  switch (change.type) {
    case 'normal':
      refuseStages(data.approvalStages, `Change ${change.number} is a normal change: its approval stages open once its risk is assessed`);
      return [submitted(change, 'assess', at)];
    case 'emergency': {
      const stages = validStages(data.approvalStages, change);
      return [submitted(change, 'authorize', at), approvalRequested(change, stages, at)];
    }
    case 'standard':
      refuseStages(data.approvalStages, `Change ${change.number} is a standard change: it is pre-approved by its template`);
      refuseBlockingConflicts(change, data.blockingConflicts, 'be scheduled');
      return [submitted(change, 'scheduled', at), scheduled(change, 'pre-approved', at)];
    default:
      return assertNever(change.type);
  }
};
