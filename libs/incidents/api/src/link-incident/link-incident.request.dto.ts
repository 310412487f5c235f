import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsUUID, Matches, ValidateIf } from 'class-validator';
import {
  CHANGE_LINK_RELATIONS,
  type ChangeLinkRelation,
} from '@itsm/contracts';
import { WHEN_MISSING } from '@itsm/platform-kit';

const LINK_KINDS = ['parent', 'change'] as const;
const CHANGE_NUMBER = /^CHG\d{7,}$/;

const linksChange = (body: LinkIncidentRequest): boolean => body.kind === 'change';

/**
 * Either the incident's parent incident, or a change it relates to. A change is named by its number, its id, or
 * both (of the same change): the incidents' copy of changes gives the other.
 */
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
    description:
      'kind=change: the change id. Optional: send it, `changeNumber`, or both (they must name the same change, else 409)',
  })
  @ValidateIf(
    (body: LinkIncidentRequest) =>
      linksChange(body) && body.changeId !== undefined,
  )
  @IsUUID('all')
  changeId?: string;

  @ApiPropertyOptional({
    example: 'CHG0000001',
    pattern: CHANGE_NUMBER.source,
    description:
      'kind=change: the change number, enough alone (the id is looked up; 404 when no change has it). Required unless `changeId` is sent',
  })
  @ValidateIf(
    (body: LinkIncidentRequest) =>
      linksChange(body) &&
      (body.changeNumber !== undefined || body.changeId === undefined),
  )
  @IsDefined({
    message: 'kind=change names the change: changeNumber, changeId or both',
    context: WHEN_MISSING,
  })
  @Matches(CHANGE_NUMBER, {
    message: 'changeNumber must be a change number (CHG0000001)',
  })
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
