import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery, WITHOUT_NUL } from '@itsm/platform-kit';

export class ListCalendarsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Text in the name or the number (CAL0000001), case-insensitive' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(WITHOUT_NUL, { message: '$property must not contain NUL characters' })
  q?: string;
}
