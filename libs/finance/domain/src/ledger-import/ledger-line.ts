import type { LedgerLineV1 } from '@itsm/contracts';
import { RuleViolation } from '@itsm/event-sourcing';
import { isZero, moneyFromWire, moneyToWire } from '../money';
import { isCalendarDay } from '../shared/calendar-day';

/** The columns of a ledger file (a header line names them, in any order; other columns are refused). */
export const LEDGER_COLUMNS = ['date', 'account', 'cost_pool', 'cost_center', 'amount', 'currency', 'source_reference', 'description'] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];
/** Columns a file must have; `cost_pool` and `cost_center` are both optional columns, but each line names one. */
export const REQUIRED_LEDGER_COLUMNS: readonly LedgerColumn[] = ['date', 'account', 'amount', 'currency', 'source_reference'];

export const LEDGER_ACCOUNT_MAX_LENGTH = 64;
export const LEDGER_REFERENCE_MAX_LENGTH = 200;
export const LEDGER_DESCRIPTION_MAX_LENGTH = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COST_CENTER_REF = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
// One line of text: no control characters (a description may not smuggle line breaks into reports).
const ONE_LINE = /^\P{Cc}*$/u;

/**
 * A checked line whose target is still as the file names it: a cost pool by id, a cost center by code or id. The
 * application resolves the reference to an id (and reports an unknown one on the line).
 */
export interface LedgerLineDraft extends Omit<LedgerLineV1, 'target'> {
  target: { kind: 'cost-pool' | 'cost-center'; ref: string };
}

export type LedgerLineCheck = { ok: true; line: LedgerLineDraft } | { ok: false; problems: string[] };

/**
 * Checks one record of a ledger file (`fields` by column name, values as read) and says everything wrong with it,
 * so that a file is corrected in one go: the day, the account, exactly one of cost pool / cost center, the amount
 * as a decimal string in its currency (no thousands separators, at most the currency's decimals, not zero), the
 * source reference and the description.
 */
export const checkLedgerLine = (fields: Partial<Record<LedgerColumn, string>>, lineNumber: number): LedgerLineCheck => {
  const problems: string[] = [];
  const text = (column: LedgerColumn) => (fields[column] ?? '').trim();
  const postedOn = text('date');
  if (!isCalendarDay(postedOn)) problems.push(`date "${String(postedOn).slice(0, 40)}" is not a day (YYYY-MM-DD)`);
  const account = text('account');
  if (account.length === 0) problems.push('account is missing');
  else if (account.length > LEDGER_ACCOUNT_MAX_LENGTH || !ONE_LINE.test(account)) problems.push(`account must be one line of at most ${LEDGER_ACCOUNT_MAX_LENGTH} characters`);
  const [pool, center] = [text('cost_pool'), text('cost_center')];
  let target: LedgerLineDraft['target'] | undefined;
  if ((pool === '') === (center === '')) problems.push('name exactly one of cost_pool and cost_center');
  else if (pool !== '') {
    if (UUID.test(pool)) target = { kind: 'cost-pool', ref: pool.toLowerCase() };
    else problems.push(`cost_pool "${pool.slice(0, 40)}" is not a cost pool id (a uuid)`);
  } else if (UUID.test(center)) target = { kind: 'cost-center', ref: center.toLowerCase() };
  else if (COST_CENTER_REF.test(center)) target = { kind: 'cost-center', ref: center.toUpperCase() };
  else problems.push(`cost_center "${String(center).slice(0, 40)}" is neither a cost center code nor an id`);
  let amount: LedgerLineV1['amount'] | undefined;
  try {
    const money = moneyFromWire({ amount: text('amount'), currency: text('currency') });
    if (isZero(money)) problems.push('amount is zero: the line would import nothing');
    else amount = moneyToWire(money);
  } catch (error) {
    if (!(error instanceof RuleViolation)) throw error;
    problems.push(error.message);
  }
  const sourceReference = text('source_reference');
  if (sourceReference.length === 0) problems.push('source_reference is missing: every line keeps the ledger’s reference');
  else if (sourceReference.length > LEDGER_REFERENCE_MAX_LENGTH || !ONE_LINE.test(sourceReference)) {
    problems.push(`source_reference must be one line of at most ${LEDGER_REFERENCE_MAX_LENGTH} characters`);
  }
  const description = text('description');
  if (description.length > LEDGER_DESCRIPTION_MAX_LENGTH || !ONE_LINE.test(description)) {
    problems.push(`description must be one line of at most ${LEDGER_DESCRIPTION_MAX_LENGTH} characters`);
  }
  if (problems.length > 0 || target === undefined || amount === undefined) return { ok: false, problems };
  return { ok: true, line: { lineNumber, postedOn, account, target, amount, sourceReference, description } };
};

/**
 * The header's columns, or a RuleViolation: names are trimmed and lower-cased; unknown, repeated or missing
 * required ones are refused.
 */
export const checkLedgerHeader = (names: readonly string[]): LedgerColumn[] => {
  const columns = names.map((name) => name.trim().toLowerCase());
  const unknown = columns.filter((name) => !(LEDGER_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new RuleViolation(`Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n.slice(0, 40)}"`).join(', ')}; the columns are ${LEDGER_COLUMNS.join(', ')}`);
  const twice = columns.find((name, index) => columns.indexOf(name) !== index);
  if (twice !== undefined) throw new RuleViolation(`The column "${twice}" is named twice`);
  const missing = REQUIRED_LEDGER_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0) throw new RuleViolation(`Missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (!columns.includes('cost_pool') && !columns.includes('cost_center')) throw new RuleViolation('A cost_pool or a cost_center column is needed');
  return columns as LedgerColumn[];
};
