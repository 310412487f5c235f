import type { INestApplication } from '@nestjs/common';
import { createAsyncApiDocument } from '@itsm/messaging';
import { stringify } from 'yaml';

export const ASYNCAPI_JSON_PATH = '/api/asyncapi.json';
export const ASYNCAPI_YAML_PATH = '/api/asyncapi.yaml';

interface PlainResponse {
  setHeader(name: string, value: string): void;
  end(body: string): void;
}

/**
 * Serves the AsyncAPI 3.0 document of the platform's events (`createAsyncApiDocument`) at /api/asyncapi.json and
 * /api/asyncapi.yaml, without credentials like the OpenAPI document: it describes the contract, not data. Built
 * once: it changes only with the code.
 */
export const serveAsyncApi = (app: INestApplication): void => {
  const document = createAsyncApiDocument();
  const json = JSON.stringify(document, null, 2);
  const yaml = stringify(document, { aliasDuplicateObjects: false });
  const adapter = app.getHttpAdapter();
  const send = (contentType: string, body: string) => (_request: unknown, response: PlainResponse) => {
    response.setHeader('Content-Type', contentType);
    response.end(body);
  };
  adapter.get(ASYNCAPI_JSON_PATH, send('application/json; charset=utf-8', json));
  adapter.get(ASYNCAPI_YAML_PATH, send('application/yaml; charset=utf-8', yaml));
};
