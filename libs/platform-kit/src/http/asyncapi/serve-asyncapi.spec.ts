import { createAsyncApiDocument } from '@itsm/messaging';
import { parse } from 'yaml';
import { startGatewayTestApp, type GatewayTestApp } from '../testing/gateway-test-app';

describe('AsyncAPI document over HTTP', () => {
  let gateway: GatewayTestApp;

  beforeAll(async () => {
    gateway = await startGatewayTestApp();
  });
  afterAll(() => gateway.close());

  it('is served at /api/asyncapi.json without credentials', async () => {
    const answer = await fetch(`${gateway.baseUrl}/api/asyncapi.json`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await answer.json()).toEqual(createAsyncApiDocument());
  });

  it('is served at /api/asyncapi.yaml as the same document', async () => {
    const answer = await fetch(`${gateway.baseUrl}/api/asyncapi.yaml`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(parse(await answer.text())).toEqual(createAsyncApiDocument());
  });
});
