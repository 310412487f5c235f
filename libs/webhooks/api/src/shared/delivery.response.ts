import { ApiProperty } from '@nestjs/swagger';

export class DeliveryResponse {
  @ApiProperty({ example: 'msg_0190f3a4-1111-7222-8333-944445555666', description: 'Also the webhook-id header' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  eventId!: string;
  @ApiProperty({ example: 'IncidentOpened' })
  eventType!: string;
  @ApiProperty({ description: 'Log position of the event (the CloudEvent’s sequence)' })
  position!: number;
  @ApiProperty({ enum: ['live', 'replay'] })
  origin!: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'dead-lettered'] })
  status!: string;
  @ApiProperty({ description: 'Attempts since queued or last redelivered' })
  attempts!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt!: string | null;
  @ApiProperty({ type: Number, nullable: true })
  lastStatusCode!: number | null;
  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deliveredAt!: string | null;
}

export class DeliveryAttemptResponse {
  @ApiProperty()
  attempt!: number;
  @ApiProperty({ format: 'date-time' })
  attemptedAt!: string;
  @ApiProperty()
  durationMs!: number;
  @ApiProperty({ type: Number, nullable: true })
  statusCode!: number | null;
  @ApiProperty({ type: String, nullable: true })
  error!: string | null;
}

export class DeliveryWithAttemptsResponse extends DeliveryResponse {
  @ApiProperty({ type: [DeliveryAttemptResponse] })
  attemptLog!: DeliveryAttemptResponse[];
}

export class DeliveryPageResponse {
  @ApiProperty({ type: [DeliveryResponse] })
  items!: DeliveryResponse[];
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
