import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANGE_STATES, CHANGE_TYPES, RISK_LEVELS, type ChangeStateName, type ChangeType, type RiskLevel } from '@itsm/contracts';
import type { RaisedChange } from '@itsm/changes-domain';

export class ImplementerResponse {
  @ApiProperty()
  group!: string;

  @ApiProperty({ type: String, nullable: true })
  agent!: string | null;
}

export class RiskResponse {
  @ApiProperty({ enum: RISK_LEVELS })
  level!: RiskLevel;

  @ApiProperty()
  policyVersion!: string;

  @ApiProperty({ type: [String], description: 'Why: the reasons of the rules that fired' })
  reasons!: string[];
}

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

  @ApiProperty({ format: 'date-time' })
  raisedAt!: string;

  static of(change: RaisedChange): ChangeResponse {
    const { changeId, number, type, state, shortDescription, description, justification, serviceIds, implementationPlan, backoutPlan, testPlan,
      plannedStart, plannedEnd, implementer, requesterId, templateId, risk, riskAssessmentDue, raisedAt } = change;
    return {
      id: changeId, number, type, state, shortDescription, description, justification, serviceIds, implementationPlan, backoutPlan, testPlan,
      plannedStart, plannedEnd, implementer, requesterId, templateId, riskAssessmentDue, raisedAt,
      risk: risk === null ? null : { level: risk.level, policyVersion: risk.policyVersion, reasons: risk.firedRules.map((rule) => rule.reason) },
    };
  }
}
