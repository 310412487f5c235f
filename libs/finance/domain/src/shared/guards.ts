import { RuleViolation } from '@itsm/event-sourcing';

/** Names (cost centers, pools, rate cards, rules) are 1 to 160 characters once trimmed. */
export const NAME_MAX_LENGTH = 160;

/** The text trimmed; blank or longer than `max` is a RuleViolation naming `what`. */
export const requireText = (text: string, what: string, max = NAME_MAX_LENGTH): string => {
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed.length === 0) throw new RuleViolation(`${what} must not be blank`);
  if (trimmed.length > max) throw new RuleViolation(`${what} must be at most ${max} characters`);
  return trimmed;
};

/** An id another aggregate is known by (a uuid in practice): not blank, at most 64 characters. */
export const requireId = (id: string, what: string): string => requireText(id, what, 64);

/** Keys of a rate card or of usage ("engineer", "vm-hour"): lower case letters, digits, ".", "_" and "-". */
export const KEY_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export const requireKey = (key: string, what: string): string => {
  const trimmed = typeof key === 'string' ? key.trim() : '';
  if (!KEY_PATTERN.test(trimmed)) throw new RuleViolation(`${what} "${String(key).slice(0, 70)}" must be 1 to 64 lower case letters, digits, ".", "_" or "-"`);
  return trimmed;
};
