import type { OpenAPIObject } from '@nestjs/swagger';
import { mergeOpenApiDocuments } from './merge-openapi-documents';

const documentWith = (paths: OpenAPIObject['paths']): OpenAPIObject => ({ openapi: '3.0.0', info: { title: 'service', version: '1' }, paths });
const operation = (operationId: string) => ({ post: { operationId, responses: {} } });

describe('mergeOpenApiDocuments', () => {
  it("lists a service's audit routes and its subject erasure under the edge's /api/v1/audit/{context}/…, not its other admin routes", () => {
    const service = documentWith({
      '/api/v1/audit/checkpoints': operation('listCheckpoints'),
      '/api/v1/admin/subjects/{id}/erase': operation('eraseSubject'),
      '/api/v1/admin/projections/{name}/rebuild': operation('rebuildProjection'),
    });

    const merged = mergeOpenApiDocuments(documentWith({}), [service]);

    expect(Object.keys(merged.paths).sort()).toEqual(['/api/v1/audit/{context}/checkpoints', '/api/v1/audit/{context}/subjects/{id}/erase']);
    expect(merged.paths['/api/v1/audit/{context}/subjects/{id}/erase'].post?.parameters?.[0]).toMatchObject({ name: 'context', in: 'path', required: true });
  });
});
