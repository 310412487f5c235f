import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, SignJWT } from 'jose';

export interface IdentityProviderUser {
  sub: string;
  name: string;
  roles: string[];
}

/** What the next authorization answers: who signs in, and the ways a provider can misbehave or differ. */
export interface NextSignIn {
  user: IdentityProviderUser;
  /** Send the browser back with another state than the console sent (a forged or mixed-up response). */
  forgeState?: boolean;
  /** An access token that is not a JWT (some providers' are opaque): the console must fall back to the ID token. */
  opaqueAccessToken?: boolean;
  /** How long the tokens live (default 10 minutes); a refresh token comes with them. */
  lifetimeSeconds?: number;
}

export interface TokenRequest {
  grant: string;
  granted: boolean;
  reason?: string;
}

export interface StandInIdentityProvider {
  issuer: string;
  jwksUrl: string;
  clientId: string;
  next(signIn: NextSignIn): void;
  /** Token requests, and those refused (a wrong verifier, redirect URI, client, a used code or refresh token). */
  tokenRequests: TokenRequest[];
  /** Sessions ended at the end-session endpoint: whose (the ID token hint's subject) and where the browser went back to. */
  logouts: Array<{ sub: string; clientId: string; postLogoutRedirectUri: string }>;
  close(): Promise<void>;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | null;
  signIn: NextSignIn;
  used: boolean;
}

const KEY_ID = 'stand-in-key-1';
const base64Url = (bytes: Buffer) => bytes.toString('base64url');

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * An OpenID provider on 127.0.0.1 for the browser specs: discovery, `/authorize` that signs the next user in at once
 * (no login page) and redirects back with a code, `/token` that checks the PKCE verifier and returns RS256 JWTs signed
 * with a key generated here and a refresh token (rotated at each refresh), `/logout` (RP-initiated logout), `/jwks`
 * with its public half. CORS is open, as real providers allow a SPA's origin.
 */
export const startStandInIdentityProvider = async (clientId = 'itsm-console'): Promise<StandInIdentityProvider> => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'RS256', use: 'sig' };
  const codes = new Map<string, IssuedCode>();
  /** Each refresh token is good once (rotation): the grant answers a new one. */
  const refreshTokens = new Map<string, { clientId: string; signIn: NextSignIn }>();
  const tokenRequests: TokenRequest[] = [];
  const logouts: StandInIdentityProvider['logouts'] = [];
  let nextSignIn: NextSignIn = { user: { sub: 'nobody', name: 'Nobody', roles: [] } };
  let issuer = '';

  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  };
  const sign = (claims: Record<string, unknown>, key: KeyObject, lifetimeSeconds: number) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
      .setIssuer(issuer)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + lifetimeSeconds)
      .sign(key);

  const authorize = (url: URL, response: ServerResponse) => {
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    const refuse = (description: string) => json(response, 400, { error: 'invalid_request', error_description: description });
    if (url.searchParams.get('client_id') !== clientId) return refuse('unknown client_id');
    if (url.searchParams.get('response_type') !== 'code') return refuse('response_type must be code');
    if (url.searchParams.get('code_challenge_method') !== 'S256' || !url.searchParams.get('code_challenge')) return refuse('PKCE with S256 is required');
    if (!/^http:\/\/127\.0\.0\.1:\d+\/auth\/callback$/.test(redirectUri)) return refuse('redirect_uri is not registered');
    if (!url.searchParams.get('scope')?.split(' ').includes('openid')) return refuse('scope must include openid');
    const code = base64Url(randomBytes(24));
    codes.set(code, {
      clientId,
      redirectUri,
      codeChallenge: url.searchParams.get('code_challenge') ?? '',
      nonce: url.searchParams.get('nonce'),
      signIn: nextSignIn,
      used: false,
    });
    const state = url.searchParams.get('state') ?? '';
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', nextSignIn.forgeState ? `forged-${state}` : state);
    back.searchParams.set('iss', issuer);
    response.writeHead(302, { location: back.toString() }).end();
  };

  /** The tokens of a sign-in: access and ID tokens for its user, and a fresh refresh token. */
  const tokensFor = async (signIn: NextSignIn, clientId: string, nonce: string | null) => {
    const { user, opaqueAccessToken, lifetimeSeconds = 600 } = signIn;
    const identity = { sub: user.sub, name: user.name, roles: user.roles };
    const refreshToken = base64Url(randomBytes(24));
    refreshTokens.set(refreshToken, { clientId, signIn });
    return {
      token_type: 'Bearer',
      expires_in: lifetimeSeconds,
      access_token: opaqueAccessToken ? base64Url(randomBytes(32)) : await sign({ ...identity, aud: 'itsm-api', scope: 'openid profile' }, privateKey, lifetimeSeconds),
      id_token: await sign({ ...identity, aud: clientId, ...(nonce ? { nonce } : {}) }, privateKey, lifetimeSeconds),
      refresh_token: refreshToken,
    };
  };

  const token = async (request: IncomingMessage, response: ServerResponse) => {
    const form = new URLSearchParams(await readBody(request));
    const grant = form.get('grant_type') ?? '';
    const refuse = (reason: string) => {
      tokenRequests.push({ grant, granted: false, reason });
      json(response, 400, { error: 'invalid_grant', error_description: reason });
    };
    if (grant === 'refresh_token') {
      const refreshToken = form.get('refresh_token') ?? '';
      const held = refreshTokens.get(refreshToken);
      refreshTokens.delete(refreshToken);
      if (!held) return refuse('unknown or used refresh token');
      if (form.get('client_id') !== held.clientId) return refuse('client_id does not match');
      tokenRequests.push({ grant, granted: true });
      return json(response, 200, await tokensFor(held.signIn, held.clientId, null));
    }
    const issued = codes.get(form.get('code') ?? '');
    if (grant !== 'authorization_code') return refuse('grant_type must be authorization_code or refresh_token');
    if (!issued || issued.used) return refuse('unknown or used code');
    issued.used = true;
    if (form.get('client_id') !== issued.clientId) return refuse('client_id does not match');
    if (form.get('redirect_uri') !== issued.redirectUri) return refuse('redirect_uri does not match');
    const verifier = form.get('code_verifier') ?? '';
    if (base64Url(createHash('sha256').update(verifier).digest()) !== issued.codeChallenge) return refuse('code_verifier does not match the challenge');
    tokenRequests.push({ grant, granted: true });
    json(response, 200, await tokensFor(issued.signIn, issued.clientId, issued.nonce));
  };

  /** RP-initiated logout: the session the ID token names ends, and the browser goes back where the console asked. */
  const endSession = (url: URL, response: ServerResponse) => {
    const hint = url.searchParams.get('id_token_hint') ?? '';
    const back = url.searchParams.get('post_logout_redirect_uri') ?? '';
    if (!/^http:\/\/127\.0\.0\.1:\d+\/$/.test(back)) return json(response, 400, { error: 'invalid_request', error_description: 'post_logout_redirect_uri is not registered' });
    logouts.push({ sub: decodeJwt(hint).sub ?? '', clientId: url.searchParams.get('client_id') ?? '', postLogoutRedirectUri: back });
    response.writeHead(302, { location: back }).end();
  };

  const server = createServer((request, response) => {
    response.setHeader('access-control-allow-origin', '*');
    response.setHeader('access-control-allow-headers', 'content-type, accept');
    if (request.method === 'OPTIONS') return void response.writeHead(204).end();
    const url = new URL(request.url ?? '/', issuer);
    const route = `${request.method} ${url.pathname}`;
    if (route === 'GET /.well-known/openid-configuration') {
      return json(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        end_session_endpoint: `${issuer}/logout`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        id_token_signing_alg_values_supported: ['RS256'],
        authorization_response_iss_parameter_supported: true,
      });
    }
    if (route === 'GET /jwks') return json(response, 200, { keys: [jwk] });
    if (route === 'GET /authorize') return authorize(url, response);
    if (route === 'GET /logout') return endSession(url, response);
    if (route === 'POST /token') {
      token(request, response).catch((error: unknown) => json(response, 500, { error: 'server_error', error_description: String(error) }));
      return;
    }
    json(response, 404, { error: 'not_found' });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    clientId,
    next: (signIn) => {
      nextSignIn = signIn;
    },
    tokenRequests,
    logouts,
    close: () =>
      new Promise<void>((closed) => {
        server.close(() => closed());
        server.closeAllConnections();
      }),
  };
};
