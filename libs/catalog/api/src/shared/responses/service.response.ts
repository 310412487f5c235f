import { ApiProperty } from '@nestjs/swagger';
import { SERVICE_CRITICALITIES, type ServiceCriticality, type ServiceKind, type ServiceLifecycle } from '@itsm/contracts';
import { MaintenanceWindowSetResponse } from './maintenance-windows.response';

export class OfferingSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', deprecated: true, description: 'Deprecated: the same as `id`' }) offeringId!: string;
  @ApiProperty({ example: 'Gold' }) name!: string;
  @ApiProperty() default!: boolean;
}

export class CostModelResponse {
  @ApiProperty({ example: 1200 }) fixedMonthlyCost!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: 2.5 }) unitRate!: number;
  @ApiProperty({ example: 'mailbox' }) unitName!: string;
}

export class ServiceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'SVC0000001' }) number!: string;
  @ApiProperty({ example: 'Corporate e-mail' }) name!: string;
  @ApiProperty({ enum: ['business', 'technical'] }) kind!: ServiceKind;
  @ApiProperty() description!: string;
  @ApiProperty({ example: 'messaging-owners' }) ownerGroup!: string;
  @ApiProperty({ example: 'messaging-support' }) supportGroup!: string;
  @ApiProperty({ enum: SERVICE_CRITICALITIES, description: 'How much the business depends on it' }) criticality!: ServiceCriticality;
  @ApiProperty({ enum: ['pipeline', 'live', 'retired'] }) lifecycle!: ServiceLifecycle;
  @ApiProperty({ description: 'Stream revision, also sent as ETag' }) revision!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: [OfferingSummaryResponse] }) offerings!: OfferingSummaryResponse[];
  @ApiProperty({ type: CostModelResponse, nullable: true }) costModel!: CostModelResponse | null;
  @ApiProperty({ type: [String], format: 'uuid', description: 'Services this one depends on' }) dependsOn!: string[];
  @ApiProperty({ type: MaintenanceWindowSetResponse, nullable: true, description: 'Weekly windows for changes; null until set' })
  maintenanceWindows!: MaintenanceWindowSetResponse | null;
}

export class ServicePageResponse {
  @ApiProperty({ type: [ServiceResponse] }) items!: ServiceResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' }) nextCursor!: string | null;
}
