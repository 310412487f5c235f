import * as oauth from 'oauth4webapi';
import type { OidcSettings } from '../console-config';
import { bearerOf } from './bearer';
import { redirectUriOf } from './callback-path';
import { keepPending, takePending, type PendingSignIn } from './pending-sign-in';
import { discoverProvider, requestOptionsFor } from './provider';
import { keepProviderSession } from './provider-session';
import { SignInRefusal, signInStep } from './sign-in-failure';

/**
 * OpenID Connect sign-in for a public client in the browser (Authorization Code, PKCE S256, state, nonce), the protocol
 * done by oauth4webapi: discovery and its issuer, the one-time values, the response's state and `iss` (RFC 9207), the
 * code grant, the ID token's issuer, audience, times and nonce. What stays here is the console's own business: where
 * the one-time values wait, which token becomes the bearer, and exchanging a code once under React's double effects.
 *
 * The bearer sent to the platform is chosen by `bearerOf`; the platform verifies its signature on every call. The
 * provider's session (its refresh token and ID token) is kept for refreshing the bearer and for signing out there.
 */

const clientOf = (pending: Pick<PendingSignIn, 'clientId'>): oauth.Client => ({ client_id: pending.clientId });

/** oauth4webapi's PKCE uses WebCrypto, which a browser offers only in a secure context. */
const requireSecureContext = (): void => {
  if (!globalThis.crypto?.subtle) {
    throw new SignInRefusal('This page is not a secure context (https or localhost), so the browser offers no WebCrypto for PKCE: serve the console over https.');
  }
};

/** The provider's authorization URL for a new request; its one-time values are kept for the callback. */
export const beginSignIn = async (settings: OidcSettings): Promise<string> => {
  const { issuer } = settings;
  return signInStep('discovery', issuer, async () => {
    requireSecureContext();
    const provider = await discoverProvider(issuer);
    const pending: PendingSignIn = {
      clientId: settings.clientId,
      redirectUri: redirectUriOf(),
      provider,
      state: oauth.generateRandomState(),
      nonce: oauth.generateRandomNonce(),
      codeVerifier: oauth.generateRandomCodeVerifier(),
    };
    const url = new URL(provider.authorization_endpoint ?? '');
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: pending.clientId,
      redirect_uri: pending.redirectUri,
      scope: settings.scopes.join(' '),
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oauth.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    }).toString();
    keepPending(pending);
    return url.toString();
  });
};

/** The callback: checks the response against the pending request, exchanges the code, answers the bearer token. */
const finishSignIn = async (search: string): Promise<string> => {
  const pending = takePending();
  if (!pending) throw new Error('No sign-in was started in this tab, or it was already completed: start again.');
  const { provider } = pending;
  const client = clientOf(pending);
  // Refused before any token request: an answer this tab did not ask for (state) or from another provider (iss).
  const callbackParameters = await signInStep('response', provider.issuer, () =>
    oauth.validateAuthResponse(provider, client, new URLSearchParams(search), pending.state),
  );
  const tokens = await signInStep('tokens', provider.issuer, async () => {
    const response = await oauth.authorizationCodeGrantRequest(
      provider,
      client,
      oauth.None(),
      callbackParameters,
      pending.redirectUri,
      pending.codeVerifier,
      requestOptionsFor(provider.issuer),
    );
    return oauth.processAuthorizationCodeResponse(provider, client, response, { expectedNonce: pending.nonce, requireIdToken: true });
  });
  const bearer = bearerOf(tokens);
  if (bearer === null || tokens.id_token === undefined) throw new SignInRefusal('The identity provider sent no ID token (is the openid scope granted?).');
  keepProviderSession({ clientId: pending.clientId, provider, refreshToken: tokens.refresh_token ?? null, idToken: tokens.id_token });
  return bearer;
};

let completion: { search: string; result: Promise<string> } | undefined;

/** Once per callback URL: React may run an effect twice, and a code is good for one exchange only. */
export const completeSignIn = (search: string): Promise<string> => {
  if (completion?.search !== search) completion = { search, result: finishSignIn(search) };
  return completion.result;
};
