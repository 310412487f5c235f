import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { CHANGE_TYPES, type ChangeType } from '@itsm/contracts';
import { PLAN_MAX_LENGTH, SHORT_DESCRIPTION_MAX_LENGTH, TEXT_MAX_LENGTH } from '@itsm/changes-domain';
import { IsInstant, WITHOUT_NUL } from '@itsm/platform-kit';

// Shape only (types, lengths, NUL): blank texts and the rules between fields are the decider's, answered with 409.
const noNul = { message: '$property must not contain NUL characters' };

export class ImplementerRequest {
  @ApiProperty({ example: 'dba-team', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  group!: string;

  @ApiPropertyOptional({ example: 'dba-1', maxLength: 200, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  agent?: string | null;
}

export class RaiseChangeRequest {
  @ApiProperty({ enum: CHANGE_TYPES })
  @IsIn(CHANGE_TYPES)
  type!: ChangeType;

  @ApiProperty({ example: 'Short description of the change', maxLength: SHORT_DESCRIPTION_MAX_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(SHORT_DESCRIPTION_MAX_LENGTH)
  @Matches(WITHOUT_NUL, noNul)
  shortDescription!: string;

  @ApiProperty({ maxLength: TEXT_MAX_LENGTH })
  @IsString()
  @MaxLength(TEXT_MAX_LENGTH)
  @Matches(WITHOUT_NUL, noNul)
  description!: string;

  @ApiProperty({ maxLength: TEXT_MAX_LENGTH })
  @IsString()
  @MaxLength(TEXT_MAX_LENGTH)
  @Matches(WITHOUT_NUL, noNul)
  justification!: string;

  @ApiProperty({ type: [String], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  serviceIds!: string[];

  @ApiProperty({ maxLength: PLAN_MAX_LENGTH })
  @IsString()
  @MaxLength(PLAN_MAX_LENGTH)
  @Matches(WITHOUT_NUL, noNul)
  implementationPlan!: string;

  @ApiProperty({ maxLength: PLAN_MAX_LENGTH })
  @IsString()
  @MaxLength(PLAN_MAX_LENGTH)
  @Matches(WITHOUT_NUL, noNul)
  backoutPlan!: string;

  @ApiProperty({ maxLength: PLAN_MAX_LENGTH })
  @IsString()
  @MaxLength(PLAN_MAX_LENGTH)
  @Matches(WITHOUT_NUL, noNul)
  testPlan!: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-10T20:00:00Z' })
  @IsInstant()
  plannedStart!: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-10T22:00:00Z' })
  @IsInstant()
  plannedEnd!: string;

  @ApiProperty({ type: ImplementerRequest })
  @IsObject()
  @ValidateNested()
  @Type(() => ImplementerRequest)
  implementer!: ImplementerRequest;

  @ApiPropertyOptional({ description: 'The change template of a standard change (required for standard, refused for others)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  templateId?: string | null;
}
