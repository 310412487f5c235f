import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, ValidateIf } from 'class-validator';

export class MoveCostCenterRequest {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The new parent; null: to the top of the hierarchy' })
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all')
  parentId!: string | null;
}
