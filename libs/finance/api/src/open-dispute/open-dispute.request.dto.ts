import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class OpenDisputeRequest {
  @ApiProperty({ example: 'stmt-2026-03-sales', description: 'The statement (checked against statements once they exist)' })
  @IsString()
  @Length(1, 64)
  statementId!: string;

  @ApiProperty({ example: 'line-7', description: 'The disputed line of the statement' })
  @IsString()
  @Length(1, 64)
  lineId!: string;

  @ApiProperty({ example: 'The credit for INC0000042 is missing', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
