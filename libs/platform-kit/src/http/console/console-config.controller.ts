import { Controller, Get, Inject } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { RuntimeConfig } from '../../config/runtime-config';
import { Public } from '../auth/auth.decorators';

/** The identity provider the console signs in with (OpenID Connect, Authorization Code + PKCE, a public client). */
export class ConsoleOidcSettings {
  @ApiProperty({ example: 'https://idp.example.com/realms/it', description: 'Issuer URL; discovery at `<issuer>/.well-known/openid-configuration`' })
  issuer!: string;

  @ApiProperty({ example: 'itsm-console' })
  clientId!: string;

  @ApiProperty({ example: ['openid', 'profile'], type: [String] })
  scopes!: string[];
}

export class ConsoleConfig {
  @ApiPropertyOptional({ type: ConsoleOidcSettings, nullable: true, description: 'null: no identity provider configured (sign in by pasting a token)' })
  oidc!: ConsoleOidcSettings | null;
}

/** What the console reads before anyone signs in: public, and holding nothing secret (a public client has no secret). */
export const consoleConfigOf = (config: Pick<RuntimeConfig, 'ITSM_OIDC_ISSUER' | 'ITSM_OIDC_CLIENT_ID' | 'ITSM_OIDC_SCOPES'>): ConsoleConfig => ({
  oidc:
    config.ITSM_OIDC_ISSUER && config.ITSM_OIDC_CLIENT_ID
      ? { issuer: config.ITSM_OIDC_ISSUER, clientId: config.ITSM_OIDC_CLIENT_ID, scopes: config.ITSM_OIDC_SCOPES.split(' ') }
      : null,
});

@ApiTags('console')
@Public()
@Controller('api/v1/console')
export class ConsoleConfigController {
  private readonly answer: ConsoleConfig;

  constructor(@Inject(ConfigService) config: ConfigService<RuntimeConfig, true>) {
    this.answer = consoleConfigOf({
      ITSM_OIDC_ISSUER: config.get('ITSM_OIDC_ISSUER', { infer: true }),
      ITSM_OIDC_CLIENT_ID: config.get('ITSM_OIDC_CLIENT_ID', { infer: true }),
      ITSM_OIDC_SCOPES: config.get('ITSM_OIDC_SCOPES', { infer: true }),
    });
  }

  @Get('config')
  @ApiOperation({ summary: 'The web console’s settings: the identity provider to sign in with, if any', description: 'Public: the sign-in page reads it.' })
  @ApiOkResponse({ type: ConsoleConfig })
  config(): ConsoleConfig {
    return this.answer;
  }
}
