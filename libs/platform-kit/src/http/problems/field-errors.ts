import type { ValidationError } from 'class-validator';
import type { FieldError } from './problem';

/**
 * Flattens class-validator's tree into one entry per failed constraint, named by the field's path. A field that is
 * missing gets one entry, "is required", rather than every rule its absent value also breaks (length, type…).
 */
export const fieldErrorsOf = (errors: readonly ValidationError[], parent = ''): FieldError[] =>
  errors.flatMap((error) => {
    const field = pathOf(parent, error.property);
    const constraints = Object.values(error.constraints ?? {});
    const missing = constraints.length > 0 && error.value === undefined && error.property !== undefined && error.property !== '';
    const own = missing ? [`${error.property} is required`] : constraints;
    return [...own.map((message) => ({ field: field || '(body)', message })), ...fieldErrorsOf(error.children ?? [], field)];
  });

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
