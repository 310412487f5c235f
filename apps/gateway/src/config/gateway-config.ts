import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsOptional, IsUrl, Max, Min, validateSync } from 'class-validator';
import { invalidConfiguration, validateRuntimeConfig, type RuntimeConfig } from '@itsm/platform-kit';

const serviceUrl = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** The edge's own settings, next to the shared RuntimeConfig (auth, rate limit, body limit, logs). */
export class GatewaySettings {
  /** Base URL of apps/service-catalog (`/api/v1/services…`, `/api/v1/calendars…`). */
  @IsUrl(serviceUrl, { message: 'CATALOG_SERVICE_URL must be the http(s) URL of the service-catalog process' })
  CATALOG_SERVICE_URL!: string;

  /**
   * Base URL of apps/incidents (`/api/v1/incidents…`). Optional: unset, the edge does not serve incidents (those
   * paths answer 404 problem+json) and neither probes nor merges the service.
   */
  @IsOptional()
  @IsUrl(serviceUrl, { message: 'INCIDENTS_SERVICE_URL must be the http(s) URL of the incidents process' })
  INCIDENTS_SERVICE_URL?: string;

  /** Base URL of apps/changes (`/api/v1/changes…`). Optional: unset, the edge does not serve changes. */
  @IsOptional()
  @IsUrl(serviceUrl, { message: 'CHANGES_SERVICE_URL must be the http(s) URL of the changes process' })
  CHANGES_SERVICE_URL?: string;

  /** Base URL of apps/finance (`/api/v1/finance…`). Optional: unset, the edge does not serve finance. */
  @IsOptional()
  @IsUrl(serviceUrl, { message: 'FINANCE_SERVICE_URL must be the http(s) URL of the finance process' })
  FINANCE_SERVICE_URL?: string;

  /** Base URL of apps/webhooks (`/api/v1/webhooks…`). Optional: unset, the edge does not serve webhooks. */
  @IsOptional()
  @IsUrl(serviceUrl, { message: 'WEBHOOKS_SERVICE_URL must be the http(s) URL of the webhooks process' })
  WEBHOOKS_SERVICE_URL?: string;

  /** How long a service may take to answer before the edge gives up with 504 (lists may wait 5 s for a write). */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(300_000)
  GATEWAY_UPSTREAM_TIMEOUT_MS = 15_000;
}

export type GatewayConfig = RuntimeConfig & GatewaySettings;

const GATEWAY_SETTING_NAMES = ['CATALOG_SERVICE_URL', 'INCIDENTS_SERVICE_URL', 'CHANGES_SERVICE_URL', 'FINANCE_SERVICE_URL', 'WEBHOOKS_SERVICE_URL', 'GATEWAY_UPSTREAM_TIMEOUT_MS'] as const satisfies ReadonlyArray<keyof GatewaySettings>;

/** For `ConfigModule.forRoot({ validate })`: the runtime settings and the edge's, every invalid one listed. */
export const validateGatewayConfig = (env: Record<string, unknown>): GatewayConfig => {
  const runtime = validateRuntimeConfig(env);
  // Only the edge's own names: the rest of env, as raw strings, would overwrite the converted runtime settings.
  const own = Object.fromEntries(GATEWAY_SETTING_NAMES.filter((name) => env[name] !== undefined).map((name) => [name, env[name]]));
  const settings = plainToInstance(GatewaySettings, own, { exposeDefaultValues: true });
  const errors = validateSync(settings);
  if (errors.length > 0) throw invalidConfiguration(errors);
  return Object.assign(runtime, settings);
};
