import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `:id` of a service or calendar: a malformed one is a 400 with the field named, not a 404. */
export class IdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;
}

export class DependencyParams extends IdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  dependsOnId!: string;
}

/** `:id/offerings/:offeringId`: a service and one of its offerings. */
export class OfferingParams extends IdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  offeringId!: string;
}
