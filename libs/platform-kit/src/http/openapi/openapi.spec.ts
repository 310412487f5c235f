import { call, startGatewayTestApp, type GatewayTestApp, type JsonAnswer } from '../testing/gateway-test-app';

describe('OpenAPI document', () => {
  let gateway: GatewayTestApp;
  let document: JsonAnswer['body'];

  beforeAll(async () => {
    gateway = await startGatewayTestApp();
    document = (await call(`${gateway.baseUrl}/api/docs-json`)).body;
  });
  afterAll(() => gateway.close());

  it('is OpenAPI 3.1 with bearer and API-key security', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.securitySchemes).toEqual({
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      'api-key': { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    });
    expect(document.security).toEqual([{ bearer: [] }, { 'api-key': [] }]);
  });

  it('lists the endpoints with their problem+json error responses', () => {
    const create = document.paths['/api/v1/probes'].post;
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409', '422', '429']));
    expect(create.responses['400'].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    expect(create.responses['429'].headers['Retry-After']).toBeDefined();
    expect(Object.keys(document.paths['/api/v1/probes/{id}'].patch.responses)).toEqual(expect.arrayContaining(['412', '404']));
    expect(document.components.schemas.CreateProbeRequest.required).toEqual(['name', 'size']);
  });

  it('defines the Problem schema once, with its per-field errors', () => {
    expect(document.components.schemas.Problem.properties).toMatchObject({
      type: { type: 'string' },
      status: { type: 'number' },
      errors: { type: 'array', items: { $ref: '#/components/schemas/FieldErrorSchema' } },
    });
  });

  it('marks public operations as needing no credentials', () => {
    expect(document.paths['/api/v1/probes/open'].get.security).toEqual([]);
    expect(document.paths['/metrics'].get.security).toEqual([]);
  });

  it('serves the UI at /api/docs', async () => {
    const answer = await fetch(`${gateway.baseUrl}/api/docs`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toMatch(/swagger-ui/i);
  });
});
