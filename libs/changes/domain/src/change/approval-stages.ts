import {
  QUORUM_RULES,
  type ChangeApprovalGiven,
  type ChangeApprovalStage,
  type ChangePendingApproval,
  type ChangeQuorum,
} from '@itsm/contracts';
import { RuleViolation } from '@itsm/event-sourcing';
import { requireArray, requireDistinctNames, requireName, requireOneOf } from './change.guards';
import type { ChangeEvent } from './events';
import { approvalsNeeded, type StageTally } from './quorum';
import type { ApprovalRound, RaisedChange } from './state';

/** m for a stage: its named approvers, or null when anyone in an approver role may decide. */
export const eligibleCount = (stage: ChangeApprovalStage): number | null => (stage.approvers.length === 0 ? null : stage.approvers.length);

const validQuorum = (value: unknown, stageName: string): ChangeQuorum => {
  const { rule, n } = (typeof value === 'object' && value !== null ? value : {}) as { rule?: unknown; n?: unknown };
  const checked = requireOneOf(rule, QUORUM_RULES, `The quorum rule of stage ${stageName}`);
  return checked === 'n-of-m' ? { rule: checked, n: n as number } : { rule: checked };
};

/** Neither the requester nor the implementer may sit on their own change's approval. */
const refuseOwnApprovers = (change: RaisedChange, stage: ChangeApprovalStage): void => {
  for (const [person, role] of [[change.requesterId, 'requested'], [change.implementer.agent, 'implements']] as const) {
    if (person !== null && stage.approvers.includes(person)) {
      throw new RuleViolation(`${person} ${role} change ${change.number}: they cannot be an approver of stage ${stage.name}`);
    }
  }
};

const validStage = (value: unknown, change: RaisedChange): ChangeApprovalStage => {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const name = requireName(raw['name'], 'The approval stage name');
  const approvers = requireDistinctNames(raw['approvers'] ?? [], `The approvers of stage ${name}`, { atLeastOne: false });
  const quorum = validQuorum(raw['quorum'], name);
  if (typeof raw['veto'] !== 'boolean') throw new RuleViolation(`Stage ${name} must say whether a rejection is a veto`);
  const stage = { name, quorum, approvers, veto: raw['veto'] };
  try {
    approvalsNeeded(quorum, eligibleCount(stage));
  } catch (error) {
    throw new RuleViolation(`Stage ${name}: ${(error as Error).message}`);
  }
  refuseOwnApprovers(change, stage);
  return stage;
};

/** The stages of an approval round as the application's policy gave them, checked: one or more, names unique. */
export const validStages = (value: unknown, change: RaisedChange): ChangeApprovalStage[] => {
  const stages = requireArray(value, 'The approval stages').map((stage) => validStage(stage, change));
  if (stages.length === 0) throw new RuleViolation(`Change ${change.number} needs at least one approval stage`);
  const names = stages.map((stage) => stage.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw new RuleViolation(`The approval stages name ${duplicate} more than once`);
  return stages;
};

/** Stages a command must not carry (they open only where the lifecycle asks for approval). */
export const refuseStages = (value: unknown, why: string): void => {
  if (value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)) throw new RuleViolation(why);
};

/** A new approval round with `stages`, the first one open. */
export const approvalRequested = (change: RaisedChange, stages: ChangeApprovalStage[], at: Date): ChangeEvent => ({
  type: 'ChangeApprovalRequested',
  data: {
    changeId: change.changeId,
    round: (change.approval?.round ?? 0) + 1,
    stages,
    currentStage: stages[0].name,
    previousState: change.state,
    state: 'authorize',
    requestedAt: at.toISOString(),
  },
});

export const tallyOf = (round: ApprovalRound, stage: ChangeApprovalStage): StageTally => {
  const decisions = round.decisions.filter((decision) => decision.stage === stage.name);
  return {
    approvals: decisions.filter((decision) => decision.decision === 'approve').length,
    rejections: decisions.filter((decision) => decision.decision === 'reject').length,
    eligible: eligibleCount(stage),
  };
};

/** Decisions still awaited in a pending round: the open stage's undecided approvers, and every later stage. */
export const pendingApprovalsOf = (round: ApprovalRound | null): ChangePendingApproval[] => {
  if (round === null || round.status !== 'pending' || round.currentStage === null) return [];
  const current = round.currentStage;
  return round.stages.slice(current).map((stage, offset) => {
    const decided = offset === 0 ? round.decisions.filter((decision) => decision.stage === stage.name).map((decision) => decision.approverId) : [];
    return { stage: stage.name, awaiting: stage.approvers.filter((approver) => !decided.includes(approver)) };
  });
};

/** The decisions given in the round. */
export const givenApprovalsOf = (round: ApprovalRound | null): ChangeApprovalGiven[] =>
  (round?.decisions ?? []).map(({ stage, approverId, decision }) => ({ stage, approverId, decision }));
