import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { createOpenApiDocument, OPENAPI_JSON_PATH, OPENAPI_UI_PATH, type OpenApiOptions } from '@itsm/platform-kit';
import { ServiceDocuments } from './service-documents';

/**
 * Serves /api/docs and /api/docs-json with the services' routes merged in. Call before applyGatewayConventions:
 * its own registration of the same paths (the edge's routes only) then never matches.
 */
export const serveGatewayOpenApi = (app: INestApplication, options: OpenApiOptions): void => {
  const documents = app.get(ServiceDocuments);
  SwaggerModule.setup(OPENAPI_UI_PATH, app, createOpenApiDocument(app, options), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'api/docs-yaml',
    patchDocumentOnRequest: (_request, _response, document) => documents.withServiceRoutes(document),
  });
};
