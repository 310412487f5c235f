import type { ChangeStateName } from '@itsm/contracts';
import { IllegalTransition, RuleViolation } from '@itsm/event-sourcing';
import type { Change, RaisedChange } from './state';

/* Guard clauses the use cases open with: each throws the typed refusal with the reason the API shows. */

export const raised = (change: Change): RaisedChange => {
  if (change.status === 'unraised') throw new IllegalTransition('The change has not been raised');
  return change;
};

/** The change must be in one of `allowed` for `action` (worded as "cannot <action>"). */
export const inStates = (change: Change, allowed: readonly ChangeStateName[], action: string): RaisedChange => {
  const current = raised(change);
  if (!allowed.includes(current.state)) {
    throw new IllegalTransition(`Change ${current.number} is ${current.state}: cannot ${action} (only when ${allowed.join(', ')})`);
  }
  return current;
};

/** At least one character a reader sees: not only spaces, line breaks, zero-width or other invisible characters. */
const VISIBLE = /[^\s\p{Z}\p{C}]/u;
/** No control characters (line breaks, tabs, NUL…): an id or a name is one line. */
const ONE_LINE = /^\P{Cc}*$/u;

export const isBlank = (value: string): boolean => !VISIBLE.test(value);

/** Trimmed text with a visible character, at most `maxLength` characters once trimmed. */
export const requireText = (value: unknown, what: string, maxLength: number): string => {
  if (typeof value !== 'string' || isBlank(value)) throw new RuleViolation(`${what} must not be blank`);
  const text = value.trim();
  if (text.length > maxLength) throw new RuleViolation(`${what} must be at most ${maxLength} characters`);
  if (text.includes('\u0000')) throw new RuleViolation(`${what} must not contain NUL characters`);
  return text;
};

/** An id or a name: trimmed, one line, at most 200 characters. */
export const requireName = (value: unknown, what: string, maxLength = 200): string => {
  const name = requireText(value, what, maxLength);
  if (!ONE_LINE.test(name)) throw new RuleViolation(`${what} must be one line, without control characters`);
  return name;
};

/** Text that may be left out: absent, null or blank gives null. */
export const optionalText = (value: unknown, what: string, maxLength: number): string | null =>
  value === undefined || value === null || (typeof value === 'string' && isBlank(value)) ? null : requireText(value, what, maxLength);

export const requireOneOf = <T>(value: unknown, allowed: readonly T[], what: string): T => {
  if (!allowed.includes(value as T)) {
    throw new RuleViolation(`${what} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return value as T;
};

export const requireArray = (value: unknown, what: string): unknown[] => {
  if (!Array.isArray(value)) throw new RuleViolation(`${what} must be a list`);
  return value;
};

/** Names or ids without duplicates (compared as given, once trimmed). */
export const requireDistinctNames = (value: unknown, what: string, { atLeastOne }: { atLeastOne: boolean }): string[] => {
  const names = requireArray(value, what).map((name) => requireName(name, `Each of ${what.toLowerCase()}`));
  if (atLeastOne && names.length === 0) throw new RuleViolation(`${what} must name at least one`);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw new RuleViolation(`${what} name ${duplicate} more than once`);
  return names;
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 date-time with its offset, as UTC (`2026-03-02T09:30:00.000Z`). */
export const requireTime = (value: unknown, what: string): string => {
  if (typeof value !== 'string' || !ISO_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new RuleViolation(`${what} must be an ISO-8601 date-time with an offset (got ${JSON.stringify(value)})`);
  }
  return new Date(value).toISOString();
};
