import { blockingConflicts } from '../conflicts/blocking';
import type { RaisedChange } from '../change/state';

/** What a CI/CD pipeline is told when it asks whether it may deploy a change now (`GET /changes/:id/gate`). */
export const GATE_VERDICTS = ['awaiting', 'allowed', 'prevented'] as const;
export type GateVerdict = (typeof GATE_VERDICTS)[number];

export interface DeploymentGate<Conflict> {
  verdict: GateVerdict;
  /** One sentence for the pipeline's log. */
  reason: string;
  /** The conflicts that block the change (by its type): what prevents it, when anything does. */
  blockingConflicts: Conflict[];
}

/**
 * The gate of a change at `now`, given its live conflicts (as the conflict detection reports them for its window):
 *
 * - prevented: canceled; rejected by its approvers (back in new, not resubmitted); already implemented (review,
 *   closed); its window is over; or a conflict blocks it (`blockingConflicts` by type: a freeze, an active major
 *   incident…) — the pipeline should not wait for the window, though a lifted freeze or a resolved incident opens it
 *   again on a later ask;
 * - awaiting: not yet authorized and scheduled (new, assess, authorize), or scheduled and its window not started;
 * - allowed: scheduled or implementing, inside its window [plannedStart, plannedEnd), nothing blocking.
 */
export const deploymentGate = <Conflict extends { kind: string; detail: string }>(
  change: RaisedChange,
  conflicts: readonly Conflict[],
  now: Date,
): DeploymentGate<Conflict> => {
  const decided = (verdict: GateVerdict, reason: string, blocking: Conflict[] = []): DeploymentGate<Conflict> => ({ verdict, reason, blockingConflicts: blocking });
  const name = change.number;
  switch (change.state) {
    case 'canceled':
      return decided('prevented', `${name} was canceled${change.cancelReason ? `: ${change.cancelReason}` : ''}`);
    case 'review':
    case 'closed':
      return decided('prevented', `${name} is already implemented (${change.completion?.outcome ?? 'completed'}): raise a new change to deploy again`);
    case 'new':
      if (change.approval?.status === 'rejected') {
        const rejection = [...change.approval.decisions].reverse().find((decision) => decision.decision === 'reject');
        return decided('prevented', `${name} was rejected${rejection ? ` at stage ${rejection.stage} by ${rejection.approverId}${rejection.comment ? `: ${rejection.comment}` : ''}` : ''}; rework and submit it again`);
      }
      return decided('awaiting', `${name} is new: submit it (a standard change is scheduled when submitted)`);
    case 'assess':
      return decided('awaiting', `${name} awaits its risk assessment`);
    case 'authorize':
      return decided('awaiting', `${name} awaits approval`);
    case 'scheduled':
    case 'implement': {
      const start = new Date(change.plannedStart);
      const end = new Date(change.plannedEnd);
      if (now.getTime() >= end.getTime()) return decided('prevented', `The window of ${name} ended at ${change.plannedEnd}: reschedule it`);
      const blocking = blockingConflicts(conflicts, change.type);
      if (blocking.length > 0) return decided('prevented', `${name} is blocked: ${blocking.map((conflict) => conflict.detail).join('; ')}`, blocking);
      if (now.getTime() < start.getTime()) return decided('awaiting', `The window of ${name} opens at ${change.plannedStart}`);
      return decided('allowed', `${name} may be deployed until ${change.plannedEnd}`);
    }
    default:
      return decided('awaiting', `${name} is ${String(change.state)}`);
  }
};
