import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from './problem';

/** OpenAPI schema of one invalid field. */
export class FieldErrorSchema {
  @ApiProperty({ example: 'name' }) field!: string;
  @ApiProperty({ example: 'name must be shorter than or equal to 200 characters' }) message!: string;
}

/** OpenAPI schema of the problem+json body (component "Problem"). */
export class Problem {
  @ApiProperty({ example: 'urn:itsm:problem:validation' }) type!: string;
  @ApiProperty({ example: 'Invalid request' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ example: '/api/v1/services' }) instance?: string;
  @ApiPropertyOptional({ description: 'X-Correlation-Id of the request' }) correlationId?: string;
  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'Invalid fields (400 only)' }) errors?: FieldErrorSchema[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: malformed JSON, or invalid fields listed in `errors`',
  401: 'No valid credentials (bearer token or X-Api-Key)',
  403: 'The caller lacks the role this needs',
  404: 'No such resource',
  409: 'Refused by a business rule, or a concurrent change',
  412: 'If-Match does not match the current revision (ETag)',
  413: 'Request body too large',
  415: 'The request body must be application/json',
  422: 'Idempotency-Key reused with a different request',
  428: 'This needs an If-Match header',
  429: 'Too many requests; see Retry-After',
};

/** Documents problem+json answers for these statuses, e.g. `@ApiProblemResponses(400, 404, 409, 412)`. */
export const ApiProblemResponses = (...statuses: number[]) =>
  applyDecorators(
    ApiExtraModels(Problem, FieldErrorSchema),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Problem',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(Problem) } } },
        ...(status === 429 ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } } : {}),
      }),
    ),
  );
