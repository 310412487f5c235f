import { Matches } from 'class-validator';

/** A month ("2026-03") or a quarter ("2026-Q1"). */
export const PERIOD = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;
export const IsPeriod = () => Matches(PERIOD, { message: '$property must be a month (2026-03) or a quarter (2026-Q1)' });

/** YYYY-MM-DD. */
export const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const IsDay = () => Matches(DAY, { message: '$property must be a day (YYYY-MM-DD)' });
