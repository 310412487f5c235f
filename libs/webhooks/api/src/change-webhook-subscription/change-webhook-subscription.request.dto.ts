import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { REASON_MAX_LENGTH } from '@itsm/webhooks-domain';
import { WITHOUT_NUL } from '@itsm/platform-kit';

export class ChangeWebhookSubscriptionRequest {
  @ApiProperty({ description: 'false stops deliveries (pending ones wait, new events are not queued); true resumes them' })
  @IsBoolean()
  enabled!: boolean;

  @ApiPropertyOptional({ maxLength: REASON_MAX_LENGTH, description: 'Why it is disabled' })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX_LENGTH)
  @Matches(WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  reason?: string;
}
