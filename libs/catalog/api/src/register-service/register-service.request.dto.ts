import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, ValidateIf } from 'class-validator';
import { DEFAULT_SERVICE_CRITICALITY, SERVICE_CRITICALITIES, type ServiceCriticality, type ServiceKind } from '@itsm/contracts';
import { IsName, IsText } from '@itsm/platform-kit';

export const SERVICE_KINDS: readonly ServiceKind[] = ['business', 'technical'];

export class RegisterServiceRequest {
  @ApiProperty({ example: 'Corporate e-mail', maxLength: 200 })
  @IsName(200)
  name!: string;

  @ApiProperty({ enum: SERVICE_KINDS })
  @IsIn(SERVICE_KINDS)
  kind!: ServiceKind;

  @ApiProperty({ example: 'Mailboxes, calendars and shared folders', maxLength: 4000 })
  @IsText(4000)
  description!: string;

  @ApiProperty({ example: 'messaging-owners', maxLength: 100 })
  @IsName(100)
  ownerGroup!: string;

  @ApiProperty({ example: 'messaging-support', maxLength: 100 })
  @IsName(100)
  supportGroup!: string;

  @ApiPropertyOptional({ enum: SERVICE_CRITICALITIES, default: DEFAULT_SERVICE_CRITICALITY })
  // Left out: the default; null is refused like any other value that is not a criticality.
  @ValidateIf((_body, value) => value !== undefined)
  @IsIn(SERVICE_CRITICALITIES)
  criticality?: ServiceCriticality;
}
