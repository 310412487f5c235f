import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateIf } from 'class-validator';
import { NotWith } from '../shared/deprecated-alias';
import { IsName } from '../shared/text-fields';

/** Assignment in the lists' words (`assignmentGroup`, `assignee`); `group` and `agent` stay as deprecated names. */
export class AssignIncidentRequest {
  @ApiPropertyOptional({
    example: 'service-desk',
    description: 'The group (required; `group` is its deprecated name)',
  })
  @ValidateIf((body: AssignIncidentRequest) => body.group === undefined)
  @IsName()
  assignmentGroup?: string;

  @ApiPropertyOptional({
    example: 'alice',
    description: 'Omit to assign to the group only',
  })
  @IsOptional()
  @IsName()
  assignee?: string;

  @ApiPropertyOptional({
    deprecated: true,
    example: 'service-desk',
    description: 'Deprecated: use `assignmentGroup`',
  })
  @IsOptional()
  @NotWith('assignmentGroup')
  @IsName()
  group?: string;

  @ApiPropertyOptional({
    deprecated: true,
    example: 'alice',
    description: 'Deprecated: use `assignee`',
  })
  @IsOptional()
  @NotWith('assignee')
  @IsName()
  agent?: string;
}

/** The request as the handler's input (the DTO has made sure one name of each was sent at most). */
export const assignmentOf = (body: AssignIncidentRequest) => ({
  group: body.assignmentGroup ?? body.group ?? '',
  agent: body.assignee ?? body.agent ?? null,
});
