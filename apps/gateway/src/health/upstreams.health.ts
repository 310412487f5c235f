import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { GatewayConfig } from '../config/gateway-config';
import { configuredUpstreams } from '../proxy/upstream-routes';

const PROBE_TIMEOUT_MS = 3_000;

/** Each configured service behind the edge answers its own /health/ready. */
@Injectable()
export class UpstreamsHealthIndicator {
  constructor(
    @Inject(ConfigService) private readonly config: ConfigService<GatewayConfig, true>,
    private readonly health: HealthIndicatorService,
  ) {}

  checks() {
    return configuredUpstreams((route) => this.config.get(route.urlSetting, { infer: true })).map(
      ({ route, baseUrl }) =>
        () =>
          this.check(route.service, baseUrl),
    );
  }

  private async check(service: string, baseUrl: string) {
    const indicator = this.health.check(service);
    try {
      const answer = await fetch(new URL('health/ready', `${baseUrl.replace(/\/+$/, '')}/`), {
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      });
      await answer.body?.cancel();
      return answer.ok ? indicator.up() : indicator.down({ message: `HTTP ${answer.status}` });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
