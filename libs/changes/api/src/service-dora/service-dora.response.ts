import { ApiProperty } from '@nestjs/swagger';

/** One DORA figure and what it is made of. */
export class DoraFigureResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'null when the denominator is 0 or nothing could be measured' })
  value!: number | null;

  @ApiProperty({ example: 'ratio' })
  unit!: string;

  @ApiProperty()
  numerator!: number;

  @ApiProperty()
  denominator!: number;

  @ApiProperty({ type: [String], example: ['CHG0000042'], description: 'The change numbers behind the numerator' })
  changes!: string[];

  @ApiProperty({ type: [String], example: ['INC0000007'], description: 'The incident numbers behind it' })
  incidents!: string[];
}

export class DeploymentFrequencyResponse extends DoraFigureResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'The same rate per 7 days' })
  perWeek!: number | null;
}

class LeadTimeDetail {
  @ApiProperty({ example: 'CHG0000042' })
  change!: string;

  @ApiProperty({ description: 'From raised to implementation completed' })
  minutes!: number;
}

export class LeadTimeResponse extends DoraFigureResponse {
  @ApiProperty({ type: Number, nullable: true, description: '90th percentile (nearest rank), minutes' })
  p90!: number | null;

  @ApiProperty({ type: [LeadTimeDetail] })
  details!: LeadTimeDetail[];
}

class RecoveryDetail {
  @ApiProperty({ example: 'CHG0000042' })
  change!: string;

  @ApiProperty({ example: 'INC0000007', description: 'The first incident the change caused' })
  incident!: string;

  @ApiProperty({ type: Number, nullable: true, description: 'From its opening to its resolution; null while unresolved' })
  minutes!: number | null;
}

export class RecoveryTimeResponse extends DoraFigureResponse {
  @ApiProperty({ type: [RecoveryDetail] })
  details!: RecoveryDetail[];
}

class ReworkDetail {
  @ApiProperty({ example: 'CHG0000043' })
  change!: string;

  @ApiProperty({ type: [String], example: ['CHG0000042'], description: 'The failed changes on the service it followed within the rework window' })
  after!: string[];
}

export class ReworkRateResponse extends DoraFigureResponse {
  @ApiProperty({ type: [ReworkDetail] })
  details!: ReworkDetail[];
}

/** The DORA figures of one service over [from, to). */
export class ServiceDoraResponse {
  @ApiProperty({ format: 'uuid' })
  serviceId!: string;

  @ApiProperty({ example: 'SVC0000001' })
  serviceNumber!: string;

  @ApiProperty()
  serviceName!: string;

  @ApiProperty({ format: 'date-time' })
  from!: string;

  @ApiProperty({ format: 'date-time' })
  to!: string;

  @ApiProperty({ example: 7 })
  reworkWindowDays!: number;

  @ApiProperty({ type: DeploymentFrequencyResponse, description: 'Changes completed (any outcome) per day of the range: numerator the changes, denominator the days' })
  deploymentFrequency!: DeploymentFrequencyResponse;

  @ApiProperty({ type: LeadTimeResponse, description: 'Raised → implementation completed, median and p90 in minutes, over the changes completed in the range' })
  leadTime!: LeadTimeResponse;

  @ApiProperty({
    type: DoraFigureResponse,
    description: 'Completed changes that failed, were backed out or caused an incident (caused-by link), over the completed changes',
  })
  changeFailureRate!: DoraFigureResponse;

  @ApiProperty({
    type: RecoveryTimeResponse,
    description: 'For each failed change that caused incidents: its first incident, from opening to resolution; median minutes over those resolved (numerator) of those failed changes (denominator)',
  })
  recoveryTime!: RecoveryTimeResponse;

  @ApiProperty({
    type: ReworkRateResponse,
    description: 'Completed changes that followed a failed change on the same service within reworkWindowDays, over the completed changes',
  })
  reworkRate!: ReworkRateResponse;
}
