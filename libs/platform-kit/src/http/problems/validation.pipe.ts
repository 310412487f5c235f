import { ValidationPipe } from '@nestjs/common';
import { fieldErrorsOf } from './field-errors';
import { ProblemException, ProblemType } from './problem';

/**
 * Bodies, queries and params are turned into their DTO classes and validated: unknown fields are refused, and a
 * 400 problem lists every invalid field.
 */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = fieldErrorsOf(errors);
      return new ProblemException({
        type: ProblemType.validation,
        title: 'Invalid request',
        status: 400,
        detail: `${fieldErrors.length} invalid field${fieldErrors.length === 1 ? '' : 's'}: ${[...new Set(fieldErrors.map((e) => e.field))].join(', ')}`,
        errors: fieldErrors,
      });
    },
  });
