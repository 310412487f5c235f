import { ApiProperty } from '@nestjs/swagger';
import type { ServiceLifecycle } from '@itsm/contracts';

export class ImpactedServiceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'SVC0000007' }) number!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['pipeline', 'live', 'retired'] }) lifecycle!: ServiceLifecycle;
  @ApiProperty({ description: '1 = depends directly; n = through n-1 other services' }) depth!: number;
}

export class ImpactResponse {
  @ApiProperty({ format: 'uuid' }) serviceId!: string;
  @ApiProperty({ type: [ImpactedServiceResponse], description: 'Every service that depends on this one, transitively' })
  items!: ImpactedServiceResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: the whole impact set is listed' }) nextCursor!: string | null;
}
