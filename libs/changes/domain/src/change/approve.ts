import { APPROVAL_DECISIONS, APPROVER_ROLES, type ChangeApprovalStage } from '@itsm/contracts';
import { IllegalTransition, RuleViolation, type Actor } from '@itsm/event-sourcing';
import { pendingApprovalsOf, tallyOf } from './approval-stages';
import { refuseBlockingConflicts } from './blocking-conflicts.guard';
import { inStates, optionalText, requireOneOf, requireText } from './change.guards';
import { TEXT_MAX_LENGTH } from './change-fields';
import type { RecordApprovalDecision } from './commands';
import type { ChangeEvent } from './events';
import { materialContentHash } from './material-content';
import { evaluateStage } from './quorum';
import { scheduled } from './submit';
import type { ApprovalRound, Change, RaisedChange, RecordedDecision } from './state';

/** Separation of duties: whoever asked for the change or carries it out does not decide on it. */
const refuseOwnChange = (change: RaisedChange, approver: Actor): void => {
  if (approver.id === change.requesterId) {
    throw new RuleViolation(`${approver.id} requested change ${change.number}: a requester cannot approve or reject their own change`);
  }
  if (approver.id === change.implementer.agent) {
    throw new RuleViolation(`${approver.id} implements change ${change.number}: an implementer cannot approve or reject their own change`);
  }
};

const refuseIneligible = (change: RaisedChange, round: ApprovalRound, stage: ChangeApprovalStage, approver: Actor): void => {
  if (!(APPROVER_ROLES as readonly (string | undefined)[]).includes(approver.role)) {
    throw new RuleViolation(
      `${approver.id} acts as ${approver.role ?? 'no role'}: only a ${APPROVER_ROLES.join(' or a ')} approves or rejects changes`,
    );
  }
  refuseOwnChange(change, approver);
  if (stage.approvers.length > 0 && !stage.approvers.includes(approver.id)) {
    throw new RuleViolation(`${approver.id} is not an approver of stage ${stage.name} of change ${change.number}`);
  }
  if (round.decisions.some((decision) => decision.stage === stage.name && decision.approverId === approver.id)) {
    throw new RuleViolation(`${approver.id} has already decided on stage ${stage.name} of change ${change.number}`);
  }
};

const openStageOf = (change: RaisedChange): { round: ApprovalRound; stage: ChangeApprovalStage } => {
  const round = change.approval;
  if (round === null || round.status !== 'pending' || round.currentStage === null) {
    throw new IllegalTransition(`Change ${change.number} has no approval stage open`);
  }
  return { round, stage: round.stages[round.currentStage] };
};

/**
 * What follows a stage's approval: the next stage opens, or after the last one the change is authorized and scheduled
 * — refused while conflicts block its window (the approval waits, for instance, for a major incident to be resolved).
 */
const stageApproved = (change: RaisedChange, round: ApprovalRound, stage: ChangeApprovalStage, at: Date, blocking: unknown): ChangeEvent[] => {
  const next = round.stages[round.stages.indexOf(stage) + 1] ?? null;
  const approvedBy = round.decisions.filter((d) => d.stage === stage.name && d.decision === 'approve').map((d) => d.approverId);
  const base = { changeId: change.changeId, round: round.round };
  const approved: ChangeEvent = {
    type: 'ChangeApprovalStageApproved',
    data: { ...base, stage: stage.name, approvedBy, nextStage: next?.name ?? null, approvedAt: at.toISOString() },
  };
  if (next !== null) return [approved];
  refuseBlockingConflicts(change, blocking, 'be scheduled');
  return [
    approved,
    {
      type: 'ChangeAuthorized',
      data: { ...base, stages: round.stages.map((s) => s.name), previousState: 'authorize', state: 'scheduled', authorizedAt: at.toISOString() },
    },
    scheduled(change, 'authorized', at),
  ];
};

/** A rejected stage sends the change back to `new`; the decisions still awaited are canceled. */
const stageRejected = (change: RaisedChange, round: ApprovalRound, stage: ChangeApprovalStage, comment: string, at: Date): ChangeEvent[] => {
  const base = { changeId: change.changeId, round: round.round };
  const rejectedBy = round.decisions.filter((d) => d.stage === stage.name && d.decision === 'reject').map((d) => d.approverId);
  const rejected: ChangeEvent = {
    type: 'ChangeRejected',
    data: {
      ...base,
      stage: stage.name,
      reason: stage.veto ? 'veto' : 'quorum-unreachable',
      rejectedBy,
      comment,
      previousState: 'authorize',
      state: 'new',
      rejectedAt: at.toISOString(),
    },
  };
  // The rejected stage itself is decided: only its undecided named approvers (or its open pool) were still awaited.
  const pendingApprovals = pendingApprovalsOf(round).filter(
    (pending) => pending.stage !== stage.name || pending.awaiting.length > 0 || stage.approvers.length === 0,
  );
  if (pendingApprovals.length === 0) return [rejected];
  return [rejected, { type: 'ChangeApprovalsCanceled', data: { ...base, reason: 'rejected', pendingApprovals, canceledAt: at.toISOString() } }];
};

/**
 * One approver's decision on the open stage: by an approver role, never the requester or the implementer, once per
 * stage, on the content they saw. The stage closes when its quorum is reached or can no longer be (or on a veto).
 */
export const recordApprovalDecision = ({ data, metadata }: RecordApprovalDecision, state: Change): ChangeEvent[] => {
  const change = inStates(state, ['authorize'], 'take approval decisions');
  const { round, stage } = openStageOf(change);
  const decision = requireOneOf(data.decision, APPROVAL_DECISIONS, 'The decision');
  if (data.stage !== undefined && data.stage !== stage.name) {
    throw new RuleViolation(`Stage ${data.stage} is not open on change ${change.number}: stage ${stage.name} is`);
  }
  const approver = metadata.actor;
  refuseIneligible(change, round, stage, approver);
  const comment = decision === 'reject'
    ? requireText(data.comment, 'The reason for rejecting', TEXT_MAX_LENGTH)
    : (optionalText(data.comment, 'The comment', TEXT_MAX_LENGTH) ?? '');
  if (data.seenHash !== materialContentHash(change)) {
    throw new RuleViolation(`Change ${change.number} has changed since ${approver.id} saw it: look at it again before deciding`);
  }
  const at = metadata.now;
  const recorded: RecordedDecision = { stage: stage.name, approverId: approver.id, decision, comment, seenHash: data.seenHash, recordedAt: at.toISOString() };
  const after: ApprovalRound = { ...round, decisions: [...round.decisions, recorded] };
  const tally = tallyOf(after, stage);
  const recordedEvent: ChangeEvent = {
    type: 'ChangeApprovalRecorded',
    data: { changeId: change.changeId, round: round.round, ...recorded, tally },
  };
  switch (evaluateStage(stage, tally)) {
    case 'approved':
      return [recordedEvent, ...stageApproved(change, after, stage, at, data.blockingConflicts)];
    case 'rejected':
      return [recordedEvent, ...stageRejected(change, after, stage, comment, at)];
    case 'pending':
      return [recordedEvent];
  }
};
