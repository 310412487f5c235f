import { useQuery } from '@tanstack/react-query';
import { get } from './api';

/** The identity provider the platform names for sign-in (`ITSM_OIDC_*`), or null: paste a token. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  scopes: string[];
}

export interface ConsoleConfig {
  oidc: OidcSettings | null;
}

/** `GET /api/v1/console/config` (public); the settings change only with a restart of the platform. */
export const useConsoleConfig = () =>
  useQuery({ queryKey: ['console-config'], queryFn: () => get<ConsoleConfig>('/console/config'), staleTime: Infinity });
