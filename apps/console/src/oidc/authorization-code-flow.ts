import type { OidcSettings } from '../console-config';
import { decodeJwtPayload, isJwt } from '../jwt';
import { randomValue, s256CodeChallenge } from './pkce';
import { discoverProvider } from './provider-metadata';

/**
 * OpenID Connect sign-in for a public client in the browser: Authorization Code with PKCE (S256), state and nonce.
 * The request's one-time values wait in sessionStorage (this tab only) while the browser is at the provider; the
 * callback takes them out once, whatever happens, so a response can be used only by the tab that asked and only once.
 *
 * The bearer sent to the platform is the access token when the provider issues it as a JWT (it then carries the
 * API's audience and the `roles` claim mappers usually target); otherwise the ID token, whose audience is the client id.
 */

export const CALLBACK_PATH = '/auth/callback';
const PENDING_KEY = 'itsm.console.oidc.pending';

interface PendingSignIn {
  issuer: string;
  clientId: string;
  redirectUri: string;
  tokenEndpoint: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

interface TokenResponse {
  access_token?: unknown;
  id_token?: unknown;
  error?: unknown;
  error_description?: unknown;
}

export const redirectUriOf = (origin: string = window.location.origin): string => `${origin}${CALLBACK_PATH}`;

/** The provider's authorization URL for a new request; its one-time values are kept for the callback. */
export const beginSignIn = async (settings: OidcSettings): Promise<string> => {
  const provider = await discoverProvider(settings.issuer);
  const pending: PendingSignIn = {
    issuer: settings.issuer,
    clientId: settings.clientId,
    redirectUri: redirectUriOf(),
    tokenEndpoint: provider.token_endpoint,
    state: randomValue(),
    nonce: randomValue(),
    codeVerifier: randomValue(),
  };
  const url = new URL(provider.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', pending.clientId);
  url.searchParams.set('redirect_uri', pending.redirectUri);
  url.searchParams.set('scope', settings.scopes.join(' '));
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  url.searchParams.set('code_challenge', await s256CodeChallenge(pending.codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  return url.toString();
};

const takePending = (): PendingSignIn | null => {
  const stored = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  try {
    return stored ? (JSON.parse(stored) as PendingSignIn) : null;
  } catch {
    return null;
  }
};

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The ID token answers this request: its nonce, issuer and audience (the platform checks signature and expiry). */
const checkIdToken = (idToken: string, pending: PendingSignIn): void => {
  const claims = decodeJwtPayload(idToken);
  const audiences = Array.isArray(claims['aud']) ? claims['aud'] : [claims['aud']];
  if (claims['nonce'] !== pending.nonce) throw new Error('The ID token does not answer this sign-in (nonce): refused.');
  if (claims['iss'] !== pending.issuer) throw new Error(`The ID token was issued by ${String(claims['iss'])}, not ${pending.issuer}: refused.`);
  if (!audiences.includes(pending.clientId)) throw new Error('The ID token is not meant for this console (audience): refused.');
};

const exchangeCode = async (pending: PendingSignIn, code: string): Promise<TokenResponse> => {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: pending.redirectUri,
    client_id: pending.clientId,
    code_verifier: pending.codeVerifier,
  });
  let response: Response;
  try {
    response = await fetch(pending.tokenEndpoint, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, body });
  } catch {
    throw new Error('The identity provider’s token endpoint cannot be reached (does it allow this origin by CORS?).');
  }
  const tokens = (await response.json().catch(() => ({}))) as TokenResponse;
  if (!response.ok || tokens.error) {
    throw new Error(`The identity provider did not issue tokens: ${text(tokens.error_description) ?? text(tokens.error) ?? `HTTP ${response.status}`}.`);
  }
  return tokens;
};

/** The callback: checks the response against the pending request, exchanges the code, answers the bearer token. */
const finishSignIn = async (search: string): Promise<string> => {
  const params = new URLSearchParams(search);
  const pending = takePending();
  if (!pending) throw new Error('No sign-in was started in this tab, or it was already completed: start again.');
  // State first: an answer this tab did not ask for is refused before anything in it is read.
  if (params.get('state') !== pending.state) throw new Error('The sign-in response does not match the request this tab made (state): refused. Start again.');
  const error = params.get('error');
  if (error) throw new Error(`The identity provider refused the sign-in: ${params.get('error_description') ?? error}.`);
  // RFC 9207: a provider that names itself must be the one asked.
  const iss = params.get('iss');
  if (iss !== null && iss !== pending.issuer) throw new Error(`The response comes from ${iss}, not ${pending.issuer}: refused.`);
  const code = params.get('code');
  if (!code) throw new Error('The identity provider sent no authorization code.');
  const tokens = await exchangeCode(pending, code);
  if (!isJwt(tokens.id_token)) throw new Error('The identity provider sent no ID token (is the openid scope granted?).');
  checkIdToken(tokens.id_token, pending);
  return isJwt(tokens.access_token) ? tokens.access_token.trim() : tokens.id_token.trim();
};

let completion: { search: string; result: Promise<string> } | undefined;

/** Once per callback URL: React may run an effect twice, and a code is good for one exchange only. */
export const completeSignIn = (search: string): Promise<string> => {
  if (completion?.search !== search) completion = { search, result: finishSignIn(search) };
  return completion.result;
};
