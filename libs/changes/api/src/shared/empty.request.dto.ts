import { Body, type PipeTransform } from '@nestjs/common';
import { validationProblem } from '@itsm/platform-kit';

/**
 * The body of a command that takes none: nothing, or `{}`. Any field is refused (400) as in every other body, since a
 * client sending one expects it to mean something.
 */
class EmptyBodyPipe implements PipeTransform {
  transform(value: unknown): Record<string, never> {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) throw validationProblem([{ field: '(body)', message: 'must be empty or {}' }]);
    const fields = Object.keys(value);
    if (fields.length > 0) throw validationProblem(fields.map((field) => ({ field, message: `property ${field} should not exist` })));
    return {};
  }
}

/** `@EmptyBody()`: the parameter decorator of a body that must be empty. */
export const EmptyBody = () => Body(new EmptyBodyPipe());
