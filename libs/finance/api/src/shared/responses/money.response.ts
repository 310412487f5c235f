import { ApiProperty } from '@nestjs/swagger';

/** Money in every answer: `{ amount: "1234.56", currency: "EUR" }`, the amount a decimal string at the currency's exponent. */
export class MoneyResponse {
  @ApiProperty({ example: '1234.56' })
  amount!: string;

  @ApiProperty({ example: 'EUR' })
  currency!: string;
}
