import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DESCRIPTION_MAX_LENGTH, URL_MAX_LENGTH } from '@itsm/webhooks-domain';
import { WITHOUT_NUL } from '@itsm/platform-kit';

export class CreateWebhookSubscriptionRequest {
  @ApiProperty({ example: 'https://hooks.example.com/itsm', maxLength: URL_MAX_LENGTH, description: 'Absolute http(s) URL of a public receiver' })
  @IsString()
  @MinLength(1)
  @MaxLength(URL_MAX_LENGTH)
  @Matches(WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  url!: string;

  @ApiProperty({ type: [String], example: ['IncidentOpened', 'IncidentResolved'], description: 'Published event types, or ["*"] for all (see /api/asyncapi.json)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Matches(/^(\*|[A-Z][A-Za-z0-9]{0,99})$/, { each: true, message: '$property must hold event type names (IncidentOpened) or *' })
  eventTypes!: string[];

  @ApiPropertyOptional({ maxLength: DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(DESCRIPTION_MAX_LENGTH)
  @Matches(WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  description?: string;
}
