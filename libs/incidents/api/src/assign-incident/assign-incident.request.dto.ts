import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsName } from '../shared/text-fields';

export class AssignIncidentRequest {
  @ApiProperty({ example: 'service-desk' }) @IsName() group!: string;
  @ApiPropertyOptional({
    example: 'alice',
    description: 'Omit to assign to the group only',
  })
  @IsOptional()
  @IsName()
  agent?: string;
}
