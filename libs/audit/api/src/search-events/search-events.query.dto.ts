import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsInstant, PageQuery, WITHOUT_NUL } from '@itsm/platform-kit';

const text = (example: string, description: string) => [
  ApiPropertyOptional({ example, description }),
  IsOptional(),
  IsString(),
  MinLength(1),
  MaxLength(200),
  Matches(WITHOUT_NUL, { message: '$property must not contain NUL characters' }),
];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((decorator) => decorator(target, key));

/** GET /api/v1/audit/events: every filter given must hold; oldest first, cursor pages. */
export class SearchEventsQuery extends PageQuery {
  @apply(text('incident-0193a1c2-5d7e-7b3a-9f10-2c4d6e8f0a1b', 'Exactly this stream'))
  streamId?: string;

  @apply(text('IncidentAssigned', 'Exactly this event type'))
  type?: string;

  @apply(text('alice', 'Who caused the event (the actor id of its envelope)'))
  actor?: string;

  @apply(text('6f1c…', 'Every event of one request or process run'))
  correlationId?: string;

  @ApiPropertyOptional({ example: '2026-11-02T00:00:00Z', description: 'Recorded at or after (RFC 3339)' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-03T00:00:00Z', description: 'Recorded before (RFC 3339)' })
  @IsOptional()
  @IsInstant()
  to?: string;
}
