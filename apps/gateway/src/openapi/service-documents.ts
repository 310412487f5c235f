import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { GatewayConfig } from '../config/gateway-config';
import { configuredUpstreams } from '../proxy/upstream-routes';
import { mergeOpenApiDocuments } from './merge-openapi-documents';

const FRESH_FOR_MS = 30_000;
const FETCH_TIMEOUT_MS = 3_000;

interface Fetched {
  document: OpenAPIObject;
  at: number;
}

/**
 * The services' OpenAPI documents (their /api/docs-json), fetched when the edge's document is asked for and kept
 * for 30 s; a service that does not answer contributes its last document, or nothing yet.
 */
@Injectable()
export class ServiceDocuments {
  private readonly logger = new Logger(ServiceDocuments.name);
  private readonly fetched = new Map<string, Fetched>();

  constructor(@Inject(ConfigService) private readonly config: ConfigService<GatewayConfig, true>) {}

  /** For SwaggerModule's `patchDocumentOnRequest`: the edge's document with every configured service's routes. */
  readonly withServiceRoutes = async (edge: OpenAPIObject): Promise<OpenAPIObject> => {
    const upstreams = configuredUpstreams((route) => this.config.get(route.urlSetting, { infer: true }));
    const documents = await Promise.all(upstreams.map(({ route, baseUrl }) => this.documentOf(route.service, baseUrl)));
    return mergeOpenApiDocuments(edge, documents.filter((document): document is OpenAPIObject => document !== undefined));
  };

  private async documentOf(service: string, baseUrl: string): Promise<OpenAPIObject | undefined> {
    const cached = this.fetched.get(service);
    if (cached && Date.now() - cached.at < FRESH_FOR_MS) return cached.document;
    try {
      const answer = await fetch(new URL('api/docs-json', `${baseUrl.replace(/\/+$/, '')}/`), { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
      const document = (await answer.json()) as OpenAPIObject;
      this.fetched.set(service, { document, at: Date.now() });
      return document;
    } catch (error) {
      this.logger.warn(`OpenAPI document of ${service} unavailable: ${String(error)}`);
      return cached?.document;
    }
  }
}
