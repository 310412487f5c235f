import { ApiProperty } from '@nestjs/swagger';
import {
  IsInt,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export class LogIncidentWorkRequest {
  @ApiProperty({ example: 'Checked the relay logs', maxLength: 10000 })
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  entry!: string;
  @ApiProperty({ minimum: 0, maximum: 10080, example: 15 })
  @IsInt()
  @Min(0)
  @Max(10080)
  minutesSpent!: number;
}
