import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, registerDecorator, ValidateNested, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { CURRENCY_CODES } from '@itsm/finance-domain';

/**
 * A decimal string as money's `amount`: an optional minus, no leading zeros, digits after a point. How many
 * decimals the currency allows is the decider's check (409), since it depends on the currency.
 */
export const MONEY_AMOUNT = /^-?(0|[1-9][0-9]{0,29})(\.[0-9]{1,10})?$/;
/** The same, never negative (rates, prices, planned amounts). */
export const UNSIGNED_AMOUNT = /^(0|[1-9][0-9]{0,29})(\.[0-9]{1,10})?$/;

const amountMessage = (args: ValidationArguments): string =>
  typeof args.value === 'number'
    ? `${args.property} must be a decimal string such as "1234.56", not a JSON number (a float would round it)`
    : `${args.property} must be a decimal string such as "1234.56" (a point, no thousands separators, no exponent)`;

/** Money on the wire (DESIGN §7): `{ amount: "1234.56", currency: "EUR" }`. A JSON number as amount is a 400. */
export class MoneyDto {
  @ApiProperty({ type: String, example: '1234.56', pattern: MONEY_AMOUNT.source, description: 'A decimal string, never a JSON number' })
  @IsAmount()
  amount!: string;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code' })
  @IsIn(CURRENCY_CODES, { message: '$property must be an ISO 4217 currency code such as EUR' })
  currency!: string;
}

/** `amount` of MoneyDto: a string matching MONEY_AMOUNT (a number says why it is refused). */
export function IsAmount(pattern: RegExp = MONEY_AMOUNT, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAmount',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: amountMessage, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && pattern.test(value) },
    });
}

/** A money field of a request body, validated as MoneyDto (its errors named `field.amount`, `field.currency`). */
export const IsMoney = (options?: ValidationOptions) =>
  applyDecorators(IsDefined(options), IsObject(options), ValidateNested(options), Type(() => MoneyDto));

const KEY = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const MAX_KEYS = 200;

/**
 * A map of keys ("engineer", "vm-hour") to money, each `{ amount: string, currency }`: class-validator cannot nest
 * into a map's values, so this checks them and names the first bad entry (`roleRates.engineer.amount …`).
 */
export function IsMoneyRecord(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMoneyRecord',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args: ValidationArguments) => moneyRecordProblem(args.property, args.value) ?? `${args.property} must be a map of keys to money`,
        ...options,
      },
      validator: { validate: (value: unknown) => moneyRecordProblem('', value) === null },
    });
}

const moneyRecordProblem = (property: string, value: unknown): string | null => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${property} must be an object of keys to money { amount, currency }`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_KEYS) return `${property} takes at most ${MAX_KEYS} keys`;
  for (const [key, money] of entries) {
    const path = `${property}.${key}`;
    if (!KEY.test(key)) return `${property} key "${key.slice(0, 70)}" must be 1 to 64 lower case letters, digits, ".", "_" or "-"`;
    if (typeof money !== 'object' || money === null) return `${path} must be money { amount, currency }`;
    const { amount, currency, ...rest } = money as Record<string, unknown>;
    if (Object.keys(rest).length > 0) return `${path} has unknown fields: ${Object.keys(rest).join(', ')}`;
    if (typeof amount === 'number') return `${path}.amount must be a decimal string such as "95.00", not a JSON number (a float would round it)`;
    if (typeof amount !== 'string' || !UNSIGNED_AMOUNT.test(amount)) return `${path}.amount must be a decimal string of zero or more such as "95.00"`;
    if (typeof currency !== 'string' || !CURRENCY_CODES.includes(currency)) return `${path}.currency must be an ISO 4217 currency code such as EUR`;
  }
  return null;
};
