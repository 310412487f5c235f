import { assertNever, type Decider } from '@itsm/event-sourcing';
import { recordApprovalDecision } from './approve';
import { assessRisk } from './assess-risk';
import { cancel } from './cancel';
import { recordCausedIncident, removeCausedIncident } from './caused-incidents';
import type { ChangeCommand } from './commands';
import { switchType, update } from './edit';
import type { ChangeEvent } from './events';
import { complete, start } from './implement';
import { raise } from './raise';
import { close, recordReview } from './review';
import { evolve, initialState, type Change } from './state';
import { submit } from './submit';

/** The change's rulebook: one use case per command, each in its own file. */
export const decide = (command: ChangeCommand, change: Change): ChangeEvent[] => {
  switch (command.type) {
    case 'RaiseChange': return raise(command, change);
    case 'UpdateChange': return update(command, change);
    case 'SwitchChangeType': return switchType(command, change);
    case 'SubmitChange': return submit(command, change);
    case 'AssessChangeRisk': return assessRisk(command, change);
    case 'RecordApprovalDecision': return recordApprovalDecision(command, change);
    case 'StartChange': return start(command, change);
    case 'CompleteChange': return complete(command, change);
    case 'RecordPostImplementationReview': return recordReview(command, change);
    case 'CloseChange': return close(command, change);
    case 'CancelChange': return cancel(command, change);
    case 'RecordCausedIncident': return recordCausedIncident(command, change);
    case 'RemoveCausedIncident': return removeCausedIncident(command, change);
    default: return assertNever(command);
  }
};

export const changeDecider: Decider<ChangeCommand, Change, ChangeEvent> = { decide, evolve, initialState };
