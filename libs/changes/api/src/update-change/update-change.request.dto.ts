import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsString, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { PLAN_MAX_LENGTH, SHORT_DESCRIPTION_MAX_LENGTH, TEXT_MAX_LENGTH } from '@itsm/changes-domain';
import { IsInstant, WITHOUT_NUL } from '@itsm/platform-kit';
import { ImplementerRequest } from '../raise-change/raise-change.request.dto';

const noNul = { message: '$property must not contain NUL characters' };
/** Left out: unchanged. Given, even as null, it must be valid (null is not a way to clear a field: 400). */
const IfGiven = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

/**
 * Only the fields that change (DESIGN §7 `change` fields but the type and template: `POST /changes/:id/type`). Shape
 * only; blank texts and the rules between fields are the decider's (409).
 */
export class UpdateChangeRequest {
  @ApiPropertyOptional({ maxLength: SHORT_DESCRIPTION_MAX_LENGTH })
  @IfGiven()
  @IsString()
  @MinLength(1)
  @MaxLength(SHORT_DESCRIPTION_MAX_LENGTH)
  @Matches(WITHOUT_NUL, noNul)
  shortDescription?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX_LENGTH })
  @IfGiven()
  @IsString()
  @MaxLength(TEXT_MAX_LENGTH)
  @Matches(WITHOUT_NUL, noNul)
  description?: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX_LENGTH })
  @IfGiven()
  @IsString()
  @MaxLength(TEXT_MAX_LENGTH)
  @Matches(WITHOUT_NUL, noNul)
  justification?: string;

  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: 100 })
  @IfGiven()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  serviceIds?: string[];

  @ApiPropertyOptional({ maxLength: PLAN_MAX_LENGTH })
  @IfGiven()
  @IsString()
  @MaxLength(PLAN_MAX_LENGTH)
  @Matches(WITHOUT_NUL, noNul)
  implementationPlan?: string;

  @ApiPropertyOptional({ maxLength: PLAN_MAX_LENGTH })
  @IfGiven()
  @IsString()
  @MaxLength(PLAN_MAX_LENGTH)
  @Matches(WITHOUT_NUL, noNul)
  backoutPlan?: string;

  @ApiPropertyOptional({ maxLength: PLAN_MAX_LENGTH })
  @IfGiven()
  @IsString()
  @MaxLength(PLAN_MAX_LENGTH)
  @Matches(WITHOUT_NUL, noNul)
  testPlan?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IfGiven()
  @IsInstant()
  plannedStart?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IfGiven()
  @IsInstant()
  plannedEnd?: string;

  @ApiPropertyOptional({ type: ImplementerRequest })
  @IfGiven()
  @IsObject()
  @ValidateNested()
  @Type(() => ImplementerRequest)
  implementer?: ImplementerRequest;
}
