import { ValidationPipe } from '@nestjs/common';
import { fieldErrorsOf, summaryOf } from './field-errors';
import { ProblemException, ProblemType, type FieldError } from './problem';
import { cacheValidationMetadataLookups } from './validation-metadata-cache';

/**
 * Bodies, queries and params are turned into their DTO classes and validated: unknown fields are refused, and a
 * 400 problem lists every invalid field.
 */
export const createValidationPipe = (): ValidationPipe => {
  cacheValidationMetadataLookups();
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    // The value is kept only to tell a missing field from a wrong one; no answer echoes it.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => validationProblem(fieldErrorsOf(errors)),
  });
};

/** The 400 that lists invalid fields, whoever found them (the pipe, a guard, a list refusing a cursor). */
export const validationProblem = (fieldErrors: FieldError[]): ProblemException =>
  new ProblemException({
    type: ProblemType.validation,
    title: 'Invalid request',
    status: 400,
    detail: summaryOf(fieldErrors),
    errors: fieldErrors,
  });
