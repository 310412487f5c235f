import { pendingApprovalsOf } from './approval-stages';
import { inStates, requireText } from './change.guards';
import { TEXT_MAX_LENGTH } from './change-fields';
import type { CancelChange } from './commands';
import type { ChangeEvent } from './events';
import type { Change } from './state';

/** Any state before review: once implemented, a change is reviewed and closed, not canceled. */
const CANCELABLE = ['new', 'assess', 'authorize', 'scheduled', 'implement'] as const;

export const cancel = ({ data, metadata }: CancelChange, state: Change): ChangeEvent[] => {
  const change = inStates(state, CANCELABLE, 'be canceled');
  const at = metadata.now.toISOString();
  const canceled: ChangeEvent = {
    type: 'ChangeCanceled',
    data: {
      changeId: change.changeId,
      reason: requireText(data.reason, 'The reason for canceling', TEXT_MAX_LENGTH),
      previousState: change.state,
      state: 'canceled',
      canceledAt: at,
    },
  };
  const pendingApprovals = pendingApprovalsOf(change.approval);
  if (pendingApprovals.length === 0 || change.approval === null) return [canceled];
  return [
    canceled,
    { type: 'ChangeApprovalsCanceled', data: { changeId: change.changeId, round: change.approval.round, reason: 'canceled', pendingApprovals, canceledAt: at } },
  ];
};
