import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';

/** `:id` of a subscription: a malformed one is a 400 with the field named, not a 404. */
export class WebhookIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;
}

export class DeliveryParams extends WebhookIdParams {
  @ApiProperty({ example: 'msg_0190f3a4-1111-7222-8333-944445555666', description: 'The delivery id, also its webhook-id header' })
  @Matches(/^msg_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: '$property must be a delivery id (msg_<uuid>)' })
  deliveryId!: string;
}
