import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AddDependencyRequest {
  @ApiProperty({ format: 'uuid', description: 'The service this one depends on' })
  @IsUUID('all')
  dependsOnServiceId!: string;
}
