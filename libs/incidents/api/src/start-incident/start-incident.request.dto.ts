import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { IsName } from '../shared/text-fields';

export class AgentAssignmentRequest {
  @ApiPropertyOptional({ example: 'service-desk' }) @IsName() group!: string;
  @ApiPropertyOptional({ example: 'alice' }) @IsName() agent!: string;
}

export class StartIncidentRequest {
  @ApiPropertyOptional({
    type: AgentAssignmentRequest,
    description:
      'Take the incident while starting (a new one has no assignee yet)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => AgentAssignmentRequest)
  assignTo?: AgentAssignmentRequest;
}
