import { ApiProperty } from '@nestjs/swagger';
import type { RateCard } from '@itsm/finance-domain';
import type { RateCardView } from '../finance-read-models.port';
import { MoneyResponse } from './money.response';

export class RateCardVersionResponse {
  @ApiProperty({ example: 1 })
  version!: number;

  @ApiProperty({ format: 'date', example: '2026-01-01' })
  effectiveFrom!: string;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/MoneyResponse' }, example: { engineer: { amount: '95.00', currency: 'EUR' } } })
  roleRates!: Record<string, MoneyResponse>;

  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/MoneyResponse' }, example: { 'vm-month': { amount: '42.50', currency: 'EUR' } } })
  unitPrices!: Record<string, MoneyResponse>;

  @ApiProperty({ format: 'date-time' })
  publishedAt!: string;
}

/** A rate card with every version, oldest first (its ETag is the stream revision). */
export class RateCardResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: [RateCardVersionResponse] })
  versions!: RateCardVersionResponse[];

  static of(card: RateCard): RateCardResponse {
    if (card.status === 'initial') throw new Error('A rate card that does not exist has no response');
    return { id: card.rateCardId, name: card.name, createdAt: card.createdAt, versions: card.versions };
  }
}

export class RateCardListItem {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty()
  versionCount!: number;

  @ApiProperty({ format: 'date', nullable: true, type: String })
  latestEffectiveFrom!: string | null;

  @ApiProperty({ nullable: true, type: String })
  latestCurrency!: string | null;

  @ApiProperty()
  revision!: number;

  static ofView(view: RateCardView): RateCardListItem {
    return { ...view };
  }
}

export class RateCardPageResponse {
  @ApiProperty({ type: [RateCardListItem] })
  items!: RateCardListItem[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
