import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';

const MINUTES_IN_A_YEAR = 525_600;

export class SlaTargetRequest {
  @ApiProperty({ example: 30, minimum: 1, maximum: MINUTES_IN_A_YEAR, description: 'Minutes of support hours' })
  @IsInt()
  @Min(1)
  @Max(MINUTES_IN_A_YEAR)
  responseMinutes!: number;

  @ApiProperty({ example: 240, minimum: 1, maximum: MINUTES_IN_A_YEAR, description: 'Minutes of support hours; not less than responseMinutes' })
  @IsInt()
  @Min(1)
  @Max(MINUTES_IN_A_YEAR)
  resolutionMinutes!: number;
}

const target = () => [IsDefined(), IsObject(), ValidateNested(), Type(() => SlaTargetRequest)];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (prototype, key) => decorators.forEach((decorate) => decorate(prototype, key));

/** A target for every priority P1–P5 (no priority may be left out). */
export class SlaTargetsRequest {
  @ApiProperty({ type: SlaTargetRequest }) @apply(target()) P1!: SlaTargetRequest;
  @ApiProperty({ type: SlaTargetRequest }) @apply(target()) P2!: SlaTargetRequest;
  @ApiProperty({ type: SlaTargetRequest }) @apply(target()) P3!: SlaTargetRequest;
  @ApiProperty({ type: SlaTargetRequest }) @apply(target()) P4!: SlaTargetRequest;
  @ApiProperty({ type: SlaTargetRequest }) @apply(target()) P5!: SlaTargetRequest;
}
