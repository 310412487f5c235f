import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** Reopen and cancel say why. */
export class ReasonRequest {
  @ApiProperty({
    example: 'The caller reports the fault again',
    maxLength: 1000,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}
