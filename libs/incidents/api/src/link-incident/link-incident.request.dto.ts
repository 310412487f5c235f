import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID, Matches, ValidateIf } from 'class-validator';
import {
  CHANGE_LINK_RELATIONS,
  type ChangeLinkRelation,
} from '@itsm/contracts';

const LINK_KINDS = ['parent', 'change'] as const;

/** Either the incident's parent incident, or a change it relates to. */
export class LinkIncidentRequest {
  @ApiProperty({ enum: LINK_KINDS })
  @IsIn(LINK_KINDS)
  kind!: (typeof LINK_KINDS)[number];

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'kind=parent: the parent incident (resolving it resolves this one)',
  })
  @ValidateIf((body: LinkIncidentRequest) => body.kind === 'parent')
  @IsUUID('all')
  parentIncidentId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'kind=change: required, the change id',
  })
  @ValidateIf((body: LinkIncidentRequest) => body.kind === 'change')
  @IsUUID('all')
  changeId?: string;

  @ApiPropertyOptional({
    example: 'CHG0000001',
    description: 'kind=change: required, the change number (with its id)',
  })
  @ValidateIf((body: LinkIncidentRequest) => body.kind === 'change')
  @Matches(/^CHG\d{7,}$/)
  changeNumber?: string;

  @ApiPropertyOptional({
    enum: CHANGE_LINK_RELATIONS,
    default: 'related',
    description: 'kind=change: how the change relates to the incident',
  })
  @ValidateIf(
    (body: LinkIncidentRequest) =>
      body.kind === 'change' && body.relation !== undefined,
  )
  @IsIn(CHANGE_LINK_RELATIONS)
  relation?: ChangeLinkRelation;
}
