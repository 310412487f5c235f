import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { RESOLUTION_CODES, type ResolutionCode } from '@itsm/contracts';

export class ResolveIncidentRequest {
  @ApiProperty({ enum: RESOLUTION_CODES })
  @IsIn(RESOLUTION_CODES)
  code!: ResolutionCode;
  @ApiProperty({ example: 'Restarted the mail relay', maxLength: 10000 })
  @IsString()
  @MaxLength(10000)
  notes!: string;
}
