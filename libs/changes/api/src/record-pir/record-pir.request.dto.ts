import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { TEXT_MAX_LENGTH } from '@itsm/changes-domain';
import { WITHOUT_NUL } from '@itsm/platform-kit';

const noNul = { message: '$property must not contain NUL characters' };

/** The post-implementation review. */
export class RecordPirRequest {
  @ApiProperty({ maxLength: TEXT_MAX_LENGTH, example: 'The backout worked; the cause was a missed index rebuild' })
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX_LENGTH)
  @Matches(WITHOUT_NUL, noNul)
  summary!: string;

  @ApiPropertyOptional({ maxLength: TEXT_MAX_LENGTH, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX_LENGTH)
  @Matches(WITHOUT_NUL, noNul)
  lessons?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(TEXT_MAX_LENGTH, { each: true })
  @Matches(WITHOUT_NUL, { each: true, ...noNul })
  followUpActions?: string[];
}
