import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CHANGE_TYPES, type ChangeType } from '@itsm/contracts';

export class SwitchChangeTypeRequest {
  @ApiProperty({ enum: CHANGE_TYPES })
  @IsIn(CHANGE_TYPES)
  type!: ChangeType;

  @ApiPropertyOptional({ description: 'The change template of a standard change (required for standard, refused for the others)', maxLength: 200, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  templateId?: string | null;
}
