import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import type { ServiceKind } from '@itsm/contracts';

export const SERVICE_KINDS: readonly ServiceKind[] = ['business', 'technical'];

export class RegisterServiceRequest {
  @ApiProperty({ example: 'Corporate e-mail', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: SERVICE_KINDS })
  @IsIn(SERVICE_KINDS)
  kind!: ServiceKind;

  @ApiProperty({ example: 'Mailboxes, calendars and shared folders', maxLength: 4000 })
  @IsString()
  @MaxLength(4000)
  description!: string;

  @ApiProperty({ example: 'messaging-owners', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  ownerGroup!: string;

  @ApiProperty({ example: 'messaging-support', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  supportGroup!: string;
}
