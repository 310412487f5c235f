import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateIf, ValidateNested } from 'class-validator';
import { NotWith } from '../shared/deprecated-alias';
import { IsName } from '../shared/text-fields';

export class AgentAssignmentRequest {
  @ApiPropertyOptional({ example: 'service-desk' }) @IsName() group!: string;
  @ApiPropertyOptional({ example: 'alice' }) @IsName() agent!: string;
}

/** Whether the body takes the incident while starting, in the lists' words. */
const takesIt = (body: StartIncidentRequest) =>
  body.assignmentGroup !== undefined || body.assignee !== undefined;

/** Starting work; `assignmentGroup` + `assignee` take the incident at the same time (`assignTo` is deprecated). */
export class StartIncidentRequest {
  @ApiPropertyOptional({
    example: 'service-desk',
    description:
      'With `assignee`: take the incident while starting (a new one has no assignee yet)',
  })
  @ValidateIf(takesIt)
  @IsName()
  assignmentGroup?: string;

  @ApiPropertyOptional({
    example: 'alice',
    description: 'With `assignmentGroup`: the agent who takes the incident',
  })
  @ValidateIf(takesIt)
  @IsName()
  assignee?: string;

  @ApiPropertyOptional({
    type: AgentAssignmentRequest,
    deprecated: true,
    description: 'Deprecated: send `assignmentGroup` and `assignee` instead',
  })
  @IsOptional()
  @NotWith('assignmentGroup', 'assignee')
  @ValidateNested()
  @Type(() => AgentAssignmentRequest)
  assignTo?: AgentAssignmentRequest;
}

/** The request as the handler's input: who takes the incident, if anyone. */
export const startOf = (
  body: StartIncidentRequest,
): { assignTo?: { group: string; agent: string } } =>
  takesIt(body)
    ? { assignTo: { group: body.assignmentGroup ?? '', agent: body.assignee ?? '' } }
    : body.assignTo
      ? { assignTo: { group: body.assignTo.group, agent: body.assignTo.agent } }
      : {};
