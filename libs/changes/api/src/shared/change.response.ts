import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPROVAL_DECISIONS,
  CHANGE_OUTCOMES,
  CHANGE_STATES,
  CHANGE_TYPES,
  QUORUM_RULES,
  RISK_LEVELS,
  type ApprovalDecision,
  type ChangeOutcome,
  type ChangeStateName,
  type ChangeType,
  type QuorumRuleName,
  type RiskLevel,
} from '@itsm/contracts';
import { materialContentHash, type ApprovalRound, type RaisedChange } from '@itsm/changes-domain';

export class ImplementerResponse {
  @ApiProperty()
  group!: string;

  @ApiProperty({ type: String, nullable: true })
  agent!: string | null;
}

export class FiredRuleResponse {
  @ApiProperty({ example: 'critical-service' })
  rule!: string;

  @ApiProperty({ enum: RISK_LEVELS })
  level!: RiskLevel;

  @ApiProperty({ example: 'A critical service is touched (Payroll: critical)' })
  reason!: string;
}

export class RiskResponse {
  @ApiProperty({ enum: RISK_LEVELS })
  level!: RiskLevel;

  @ApiProperty({ example: '2026-12.1' })
  policyVersion!: string;

  @ApiProperty({ type: [String], description: 'Why: the reasons of the rules that fired' })
  reasons!: string[];

  @ApiProperty({ enum: RISK_LEVELS, description: 'The highest level of the rules that fired' })
  ruleLevel!: RiskLevel;

  @ApiProperty({ enum: RISK_LEVELS, description: 'The level of the questionnaire’s weighted score' })
  questionnaireLevel!: RiskLevel;

  @ApiProperty({ type: [FiredRuleResponse] })
  firedRules!: FiredRuleResponse[];

  @ApiProperty({ format: 'date-time' })
  assessedAt!: string;
}

export class QuorumResponse {
  @ApiProperty({ enum: QUORUM_RULES })
  rule!: QuorumRuleName;

  @ApiPropertyOptional({ description: 'For n-of-m: how many approvals close the stage' })
  n?: number;
}

export class ApprovalDecisionResponse {
  @ApiProperty()
  approverId!: string;

  @ApiProperty({ enum: APPROVAL_DECISIONS })
  decision!: ApprovalDecision;

  @ApiProperty()
  comment!: string;

  @ApiProperty({ description: 'The materialHash the approver decided on' })
  seenHash!: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt!: string;
}

const STAGE_STATUSES = ['approved', 'open', 'waiting', 'rejected', 'lapsed', 'canceled'] as const;
type StageStatus = (typeof STAGE_STATUSES)[number];

export class ApprovalStageResponse {
  @ApiProperty({ example: 'cab' })
  name!: string;

  @ApiProperty({ type: QuorumResponse })
  quorum!: QuorumResponse;

  @ApiProperty({ type: [String], description: 'Named approvers; empty: anyone acting as cab-member or change-manager' })
  approvers!: string[];

  @ApiProperty({ description: 'One rejection rejects the stage' })
  veto!: boolean;

  @ApiProperty({ enum: STAGE_STATUSES })
  status!: StageStatus;

  @ApiProperty({ type: [ApprovalDecisionResponse] })
  decisions!: ApprovalDecisionResponse[];
}

export class ApprovalsResponse {
  @ApiProperty({ description: 'The round, counted from 1: a material edit or a rejection starts a new one' })
  round!: number;

  @ApiProperty({ enum: ['pending', 'approved', 'rejected', 'lapsed', 'canceled'] })
  status!: ApprovalRound['status'];

  @ApiProperty({ type: String, nullable: true, description: 'The stage open for decisions' })
  currentStage!: string | null;

  @ApiProperty({ type: [ApprovalStageResponse] })
  stages!: ApprovalStageResponse[];
}

export class CausedIncidentResponse {
  @ApiProperty({ format: 'uuid' })
  incidentId!: string;

  @ApiProperty({ example: 'INC0000042' })
  incidentNumber!: string;

  @ApiProperty({ format: 'date-time' })
  linkedAt!: string;
}

export class CompletionResponse {
  @ApiProperty({ enum: CHANGE_OUTCOMES })
  outcome!: ChangeOutcome;

  @ApiProperty()
  notes!: string;

  @ApiProperty({ description: 'Closing waits for a post-implementation review' })
  reviewRequired!: boolean;

  @ApiProperty({ format: 'date-time' })
  completedAt!: string;
}

export class ReviewResponse {
  @ApiProperty()
  summary!: string;

  @ApiProperty({ type: String, nullable: true })
  lessons!: string | null;

  @ApiProperty({ type: [String] })
  followUpActions!: string[];

  @ApiProperty()
  reviewedBy!: string;

  @ApiProperty({ format: 'date-time' })
  reviewedAt!: string;
}

const stageStatusOf = (round: ApprovalRound, index: number): StageStatus => {
  switch (round.status) {
    case 'approved':
      return 'approved';
    case 'lapsed':
    case 'canceled':
      return round.status;
    case 'rejected': {
      // The deciding rejection is the round's last decision: stages before it were approved, later ones never opened.
      const last = round.decisions.at(-1);
      const rejected = round.stages.findIndex((stage) => stage.name === last?.stage);
      return index < rejected ? 'approved' : index === rejected ? 'rejected' : 'canceled';
    }
    case 'pending': {
      const current = round.currentStage ?? round.stages.length;
      return index < current ? 'approved' : index === current ? 'open' : 'waiting';
    }
  }
};

export const approvalsOf = (round: ApprovalRound | null): ApprovalsResponse | null =>
  round === null
    ? null
    : {
        round: round.round,
        status: round.status,
        currentStage: round.currentStage === null ? null : round.stages[round.currentStage].name,
        stages: round.stages.map((stage, index) => ({
          name: stage.name,
          quorum: { ...stage.quorum },
          approvers: [...stage.approvers],
          veto: stage.veto,
          status: stageStatusOf(round, index),
          decisions: round.decisions
            .filter((decision) => decision.stage === stage.name)
            .map(({ approverId, decision, comment, seenHash, recordedAt }) => ({ approverId, decision, comment, seenHash, recordedAt })),
        })),
      };

/** A change as the API shows it (its ETag is the stream revision). */
export class ChangeResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'CHG0000001' })
  number!: string;

  @ApiProperty({ enum: CHANGE_TYPES })
  type!: ChangeType;

  @ApiProperty({ enum: CHANGE_STATES })
  state!: ChangeStateName;

  @ApiProperty()
  shortDescription!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty()
  justification!: string;

  @ApiProperty({ type: [String] })
  serviceIds!: string[];

  @ApiProperty()
  implementationPlan!: string;

  @ApiProperty()
  backoutPlan!: string;

  @ApiProperty()
  testPlan!: string;

  @ApiProperty({ format: 'date-time' })
  plannedStart!: string;

  @ApiProperty({ format: 'date-time' })
  plannedEnd!: string;

  @ApiProperty({ type: ImplementerResponse })
  implementer!: ImplementerResponse;

  @ApiProperty()
  requesterId!: string;

  @ApiProperty({ type: String, nullable: true })
  templateId!: string | null;

  @ApiPropertyOptional({ type: RiskResponse, nullable: true })
  risk!: RiskResponse | null;

  @ApiProperty({ description: 'A (new) risk assessment is needed before approval' })
  riskAssessmentDue!: boolean;

  @ApiPropertyOptional({ type: ApprovalsResponse, nullable: true, description: 'The latest approval round' })
  approvals!: ApprovalsResponse | null;

  @ApiProperty({
    description:
      'sha256 of the material content (schedule, services, plans) approvers decide on: send it as `seenHash` with a decision, ' +
      'which is refused if the change has changed since',
  })
  materialHash!: string;

  @ApiProperty({ enum: CHANGE_OUTCOMES, nullable: true })
  outcome!: ChangeOutcome | null;

  @ApiPropertyOptional({ type: CompletionResponse, nullable: true })
  completion!: CompletionResponse | null;

  @ApiPropertyOptional({ type: ReviewResponse, nullable: true, description: 'The post-implementation review' })
  review!: ReviewResponse | null;

  @ApiProperty({ type: [CausedIncidentResponse], description: 'Incidents linked as caused by this change' })
  causedIncidents!: CausedIncidentResponse[];

  @ApiProperty({ type: String, nullable: true })
  cancelReason!: string | null;

  @ApiProperty({ format: 'date-time' })
  raisedAt!: string;

  @ApiProperty({ description: 'The stream revision (the ETag)' })
  revision!: number;

  static of(change: RaisedChange, revision: number): ChangeResponse {
    const { changeId, number, type, state, shortDescription, description, justification, serviceIds, implementationPlan, backoutPlan, testPlan,
      plannedStart, plannedEnd, implementer, requesterId, templateId, risk, riskAssessmentDue, raisedAt, approval, completion, review,
      causedIncidents, cancelReason } = change;
    return {
      id: changeId, number, type, state, shortDescription, description, justification, serviceIds, implementationPlan, backoutPlan, testPlan,
      plannedStart, plannedEnd, implementer, requesterId, templateId, riskAssessmentDue, raisedAt,
      risk:
        risk === null
          ? null
          : {
              level: risk.level, policyVersion: risk.policyVersion, reasons: risk.firedRules.map((rule) => rule.reason), ruleLevel: risk.ruleLevel,
              questionnaireLevel: risk.questionnaireLevel, firedRules: risk.firedRules.map((rule) => ({ ...rule })), assessedAt: risk.assessedAt,
            },
      approvals: approvalsOf(approval),
      materialHash: materialContentHash(change),
      outcome: completion?.outcome ?? null,
      completion: completion === null ? null : { ...completion },
      review: review === null ? null : { ...review, followUpActions: [...review.followUpActions] },
      causedIncidents: causedIncidents.map((incident) => ({ ...incident })),
      cancelReason,
      revision,
    };
  }
}
