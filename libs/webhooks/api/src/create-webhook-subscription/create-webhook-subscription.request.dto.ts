import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { URL_MAX_LENGTH } from '@itsm/webhooks-domain';
import { WITHOUT_NUL } from '@itsm/platform-kit';

export class CreateWebhookSubscriptionRequest {
  @ApiProperty({ example: 'Url of the webhook subscription', maxLength: URL_MAX_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(URL_MAX_LENGTH)
  @Matches(WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  url!: string;
}
