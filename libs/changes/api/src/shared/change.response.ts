import { ApiProperty } from '@nestjs/swagger';
import type { RaisedChange } from '@itsm/changes-domain';

/** A change as the API shows it (its ETag is the stream revision). */
export class ChangeResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  shortDescription!: string;

  @ApiProperty({ enum: ['raised'] })
  status!: string;

  @ApiProperty({ format: 'date-time' })
  raisedAt!: string;

  static of(change: RaisedChange): ChangeResponse {
    const { changeId, shortDescription, status, raisedAt } = change;
    return { id: changeId, shortDescription, status, raisedAt };
  }
}
