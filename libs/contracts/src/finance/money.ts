/**
 * Money in every finance event and body: `{ amount: "1234.56", currency: "EUR" }`. `amount` is a decimal string
 * with exactly the currency's ISO 4217 exponent digits after the point when written ("1234.50" EUR, "1234" JPY,
 * "1.234" BHD), a leading "-" when negative; never a JSON number, so that no reader rounds it through a float.
 */
export interface MoneyV1 {
  amount: string;
  currency: string;
}
