import type { ChangeQuorum } from '@itsm/contracts';
import { assertNever, RuleViolation } from '@itsm/event-sourcing';

/** A stage's decisions so far; `eligible` is m, the number of named approvers, or null when the stage is open to a role. */
export interface StageTally {
  approvals: number;
  rejections: number;
  eligible: number | null;
}

export type StageOutcome = 'approved' | 'rejected' | 'pending';

/** How many approvals close a stage with `eligible` approvers; refuses a rule that cannot be counted. */
export const approvalsNeeded = (quorum: ChangeQuorum, eligible: number | null): number => {
  switch (quorum.rule) {
    case 'any':
      return 1;
    case 'n-of-m':
      if (!Number.isInteger(quorum.n) || quorum.n < 1) throw new RuleViolation(`An n-of-m quorum needs n of 1 or more (got ${quorum.n})`);
      if (eligible !== null && quorum.n > eligible) {
        throw new RuleViolation(`An n-of-m quorum cannot ask ${quorum.n} approvals of ${eligible} approvers`);
      }
      return quorum.n;
    case 'majority':
      if (eligible === null) throw new RuleViolation('A majority quorum needs a named list of approvers');
      return Math.floor(eligible / 2) + 1;
    case 'unanimous':
      if (eligible === null) throw new RuleViolation('A unanimous quorum needs a named list of approvers');
      return eligible;
    default:
      return assertNever(quorum);
  }
};

/**
 * Where a stage stands: with `veto`, one rejection rejects it; otherwise it is approved once its approvals reach the
 * quorum, and rejected once the approvers who have not rejected can no longer reach it (known only with named
 * approvers: an open stage counts rejections and waits).
 */
export const evaluateStage = (stage: { quorum: ChangeQuorum; veto: boolean }, tally: StageTally): StageOutcome => {
  if (stage.veto && tally.rejections > 0) return 'rejected';
  const needed = approvalsNeeded(stage.quorum, tally.eligible);
  if (tally.approvals >= needed) return 'approved';
  if (tally.eligible !== null && tally.eligible - tally.rejections < needed) return 'rejected';
  return 'pending';
};
