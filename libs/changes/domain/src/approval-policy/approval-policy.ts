import type { ChangeApprovalStage, ChangeType, RiskLevel } from '@itsm/contracts';

/**
 * Who approves a change, as data (versioned, so that a deployment can name and change its boards without a release):
 * a normal change's stages by its assessed risk level, an emergency change's ECAB stages (opened when it is submitted,
 * before any assessment). A standard change is pre-approved by its template and has none.
 */
export interface ApprovalPolicy {
  readonly version: string;
  readonly normal: Readonly<Record<RiskLevel, readonly ChangeApprovalStage[]>>;
  readonly emergency: readonly ChangeApprovalStage[];
}

/** The boards the default policy names: empty (the default) leaves a stage open to anyone in an approver role. */
export interface ApprovalBoards {
  /** The Change Advisory Board: its stage is a majority of them (with a veto from high risk up). */
  readonly cab?: readonly string[];
  /** The Emergency CAB: two of them approve (all of them when fewer than two are named). */
  readonly ecab?: readonly string[];
}

/** How many approvals an open board stage asks for (the approvers not being known, a majority cannot be counted). */
export const OPEN_BOARD_APPROVALS = 2;

const technical: ChangeApprovalStage = { name: 'technical', quorum: { rule: 'any' }, approvers: [], veto: false };

const cab = (members: readonly string[], veto: boolean): ChangeApprovalStage =>
  members.length === 0
    ? { name: 'cab', quorum: { rule: 'n-of-m', n: OPEN_BOARD_APPROVALS }, approvers: [], veto }
    : { name: 'cab', quorum: { rule: 'majority' }, approvers: [...members], veto };

const ecab = (members: readonly string[]): ChangeApprovalStage => ({
  name: 'ecab',
  quorum: { rule: 'n-of-m', n: members.length === 0 ? OPEN_BOARD_APPROVALS : Math.min(OPEN_BOARD_APPROVALS, members.length) },
  approvers: [...members],
  veto: false,
});

/**
 * The platform's default approval policy (`DEFAULT_APPROVAL_POLICY` names no board members):
 *
 * | change | stages |
 * |---|---|
 * | normal, low | technical (any one approver) |
 * | normal, moderate | technical, then CAB (a majority of its members; 2 approvers when none are named) |
 * | normal, high / very-high | technical, then CAB with a veto |
 * | emergency | ECAB: 2 of its members (2 approvers when none are named) |
 */
export const defaultApprovalPolicy = ({ cab: cabMembers = [], ecab: ecabMembers = [] }: ApprovalBoards = {}): ApprovalPolicy => ({
  version: cabMembers.length + ecabMembers.length === 0 ? 'default-1' : 'default-1+boards',
  normal: {
    low: [technical],
    moderate: [technical, cab(cabMembers, false)],
    high: [technical, cab(cabMembers, true)],
    'very-high': [technical, cab(cabMembers, true)],
  },
  emergency: [ecab(ecabMembers)],
});

export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = defaultApprovalPolicy();

/** The stages a change of `type` at risk `level` goes through (copies: the caller may hand them to a command). */
export const approvalStagesFor = (policy: ApprovalPolicy, type: ChangeType, level: RiskLevel | null): ChangeApprovalStage[] => {
  const stages = type === 'emergency' ? policy.emergency : type === 'normal' && level !== null ? policy.normal[level] : [];
  return stages.map((stage) => ({ ...stage, quorum: { ...stage.quorum }, approvers: [...stage.approvers] }));
};
