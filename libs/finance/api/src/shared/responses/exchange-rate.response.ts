import { ApiProperty } from '@nestjs/swagger';

/** A day's rate of a pair, as published (ETag: the pair's stream revision). */
export class PublishedExchangeRateResponse {
  @ApiProperty({ example: 'USD' })
  from!: string;

  @ApiProperty({ example: 'EUR' })
  to!: string;

  @ApiProperty({ format: 'date', example: '2026-03-02' })
  date!: string;

  @ApiProperty({ example: '0.923', description: 'Units of `to` per unit of `from`, a decimal string (trailing zeros dropped)' })
  rate!: string;
}

export class ExchangeRateResponse {
  @ApiProperty({ example: 'USD' })
  from!: string;

  @ApiProperty({ example: 'EUR' })
  to!: string;

  @ApiProperty({ format: 'date', example: '2026-03-02' })
  date!: string;

  @ApiProperty({ example: '0.9230', description: 'Units of `to` per unit of `from`, a decimal string' })
  rate!: string;

  @ApiProperty({ format: 'date-time' })
  setAt!: string;
}

export class ExchangeRatePageResponse {
  @ApiProperty({ type: [ExchangeRateResponse] })
  items!: ExchangeRateResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
