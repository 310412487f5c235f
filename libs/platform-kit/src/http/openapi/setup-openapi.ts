import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_OPERATION_EXTENSION } from '../auth/auth.decorators';
import { FieldErrorSchema, Problem } from '../problems/problem.openapi';
import { API_KEY_SCHEME, BEARER_SCHEME } from './security-schemes';

export interface OpenApiOptions {
  title?: string;
  version?: string;
  description?: string;
}

export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs-json';

/** Builds the OpenAPI 3.1 document of every controller in the app. */
export const createOpenApiDocument = (app: INestApplication, options: OpenApiOptions = {}): OpenAPIObject =>
  markPublicOperations(SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle(options.title ?? 'ITSM platform API')
      .setVersion(options.version ?? '1')
      .setDescription(
        options.description ??
          'Errors are application/problem+json (RFC 9457). Resources carry an ETag (their revision); send it back in ' +
            'If-Match to update. POSTs accept an Idempotency-Key. Get a token with `npm run itsm -- token --role admin`.',
      )
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, API_KEY_SCHEME)
      // Operations need credentials unless marked @Public() (which documents `security: []`).
      .addSecurityRequirements(BEARER_SCHEME)
      .addSecurityRequirements(API_KEY_SCHEME)
      .build(),
    { extraModels: [Problem, FieldErrorSchema] },
  ));

/** @nestjs/swagger drops an empty `security` list, which is how OpenAPI says "no credentials": set it here. */
const markPublicOperations = (document: OpenAPIObject): OpenAPIObject => {
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(pathItem) as Record<string, unknown>[]) {
      if (typeof operation !== 'object' || operation === null || !(PUBLIC_OPERATION_EXTENSION in operation)) continue;
      delete operation[PUBLIC_OPERATION_EXTENSION];
      operation['security'] = [];
    }
  }
  return document;
};

/** Serves the document at /api/docs-json and the UI at /api/docs. */
export const setupOpenApi = (app: INestApplication, options: OpenApiOptions = {}): OpenAPIObject => {
  const document = createOpenApiDocument(app, options);
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH, yamlDocumentUrl: 'api/docs-yaml' });
  return document;
};
