import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsObject, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { SlaTargetsRequest } from './sla-targets.request.dto';
import { IsName } from '@itsm/platform-kit';

export class AddOfferingRequest {
  @ApiProperty({ example: 'Gold', maxLength: 100 })
  @IsName(100)
  name!: string;

  @ApiProperty({ format: 'uuid', description: 'Support-hours calendar the SLA minutes count in' })
  @IsUUID('all')
  calendarId!: string;

  @ApiPropertyOptional({ description: 'Make it the service’s default offering (the first offering always is)' })
  @IsOptional()
  @IsBoolean()
  default?: boolean;

  @ApiProperty({ type: SlaTargetsRequest })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SlaTargetsRequest)
  slaTargets!: SlaTargetsRequest;
}
