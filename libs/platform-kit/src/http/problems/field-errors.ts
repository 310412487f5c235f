import type { ValidationError } from 'class-validator';
import type { FieldError } from './problem';

/** Flattens class-validator's tree into one entry per failed constraint, named by the field's path. */
export const fieldErrorsOf = (errors: readonly ValidationError[], parent = ''): FieldError[] =>
  errors.flatMap((error) => {
    const field = pathOf(parent, error.property);
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field: field || '(body)', message }));
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });

const pathOf = (parent: string, property: string): string => {
  if (property === undefined || property === '') return parent;
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
};
