import type { AuthorizationServer } from 'oauth4webapi';

/**
 * What the console keeps of a sign-in by the identity provider, for as long as the console session lasts: the
 * provider's metadata (its token and end-session endpoints), the refresh token when the provider issued one, and
 * the ID token, which names the session to end at sign-out (`id_token_hint`). sessionStorage: this tab only.
 */
export interface ProviderSession {
  clientId: string;
  provider: AuthorizationServer;
  refreshToken: string | null;
  idToken: string;
}

const PROVIDER_SESSION_KEY = 'itsm.console.oidc.session';

export const keepProviderSession = (session: ProviderSession): void => sessionStorage.setItem(PROVIDER_SESSION_KEY, JSON.stringify(session));

export const readProviderSession = (): ProviderSession | null => {
  const stored = sessionStorage.getItem(PROVIDER_SESSION_KEY);
  try {
    return stored ? (JSON.parse(stored) as ProviderSession) : null;
  } catch {
    return null;
  }
};

export const forgetProviderSession = (): void => sessionStorage.removeItem(PROVIDER_SESSION_KEY);

/**
 * OpenID Connect RP-initiated logout: the provider's end-session URL for the session this tab signed in with, which
 * sends the browser back to `postLogoutRedirectUri` afterwards; null when the sign-in was not the provider's or the
 * provider offers no `end_session_endpoint` (the console session then ends alone).
 */
export const endSessionUrl = (session: ProviderSession | null, postLogoutRedirectUri: string): string | null => {
  const endpoint = session?.provider.end_session_endpoint;
  if (!session || typeof endpoint !== 'string') return null;
  const url = new URL(endpoint);
  url.searchParams.set('id_token_hint', session.idToken);
  url.searchParams.set('client_id', session.clientId);
  url.searchParams.set('post_logout_redirect_uri', postLogoutRedirectUri);
  return url.toString();
};

/**
 * When to refresh a bearer that expires at `expiresAt`: a minute before, or halfway through what is left when less
 * than two minutes are, so a short-lived token is renewed in time too.
 */
export const refreshDelay = (expiresAt: number, now = Date.now()): number => {
  const left = expiresAt - now;
  return Math.max(0, Math.max(left / 2, left - 60_000));
};
