import * as oauth from 'oauth4webapi';
import { bearerOf } from './bearer';
import { keepProviderSession, readProviderSession } from './provider-session';
import { requestOptionsFor } from './provider';

/**
 * A new bearer from the provider's refresh token (the refresh token grant of a public client), before the current
 * one expires; the provider's rotated refresh token and new ID token replace the kept ones. Null when this tab holds
 * no refresh token or the answer has no usable bearer; a refused grant throws (the session then ends at expiry).
 */
export const refreshSignIn = async (): Promise<string | null> => {
  const session = readProviderSession();
  if (!session?.refreshToken) return null;
  const client: oauth.Client = { client_id: session.clientId };
  const options = requestOptionsFor(session.provider.issuer);
  const response = await oauth.refreshTokenGrantRequest(session.provider, client, oauth.None(), session.refreshToken, options);
  const tokens = await oauth.processRefreshTokenResponse(session.provider, client, response);
  keepProviderSession({ ...session, refreshToken: tokens.refresh_token ?? session.refreshToken, idToken: tokens.id_token ?? session.idToken });
  return bearerOf(tokens);
};
