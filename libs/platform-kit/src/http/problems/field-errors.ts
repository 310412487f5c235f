import type { ValidationError } from 'class-validator';
import type { FieldError } from './problem';

/**
 * The validation option `context` of a rule written for the absent value itself ("changeNumber or changeId is
 * required"): when the field is missing, its message is kept instead of the generic "is required".
 */
export const WHEN_MISSING = { whenMissing: true } as const;

/**
 * Flattens class-validator's tree into one entry per failed constraint, named by the field's path. A field that is
 * missing gets one entry, "is required", rather than every rule its absent value also breaks (length, type…),
 * unless a rule says what is missing in its own words (`context: WHEN_MISSING`).
 */
export const fieldErrorsOf = (errors: readonly ValidationError[], parent = ''): FieldError[] =>
  errors.flatMap((error) => {
    const field = pathOf(parent, error.property);
    const constraints = Object.values(error.constraints ?? {});
    const missing = constraints.length > 0 && error.value === undefined && error.property !== undefined && error.property !== '';
    const own = missing ? missingMessages(error) : constraints;
    return [...own.map((message) => ({ field: field || '(body)', message })), ...fieldErrorsOf(error.children ?? [], field)];
  });

const missingMessages = (error: ValidationError): string[] => {
  const ownWords = Object.entries(error.constraints ?? {})
    .filter(([name]) => error.contexts?.[name]?.['whenMissing'] === true)
    .map(([, message]) => message);
  return ownWords.length > 0 ? ownWords : [`${error.property} is required`];
};

/** "2 invalid fields: code, notes": counts fields, not the messages about them. */
export const summaryOf = (fieldErrors: readonly FieldError[]): string => {
  const fields = [...new Set(fieldErrors.map((error) => error.field))];
  return `${fields.length} invalid field${fields.length === 1 ? '' : 's'}: ${fields.join(', ')}`;
};

const pathOf = (parent: string, property: string): string => {
  if (property === undefined || property === '') return parent;
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
};
