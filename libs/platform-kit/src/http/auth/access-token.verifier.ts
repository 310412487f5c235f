import { createSecretKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { InvalidCredentials, type Principal } from './principal';
import { isRole } from './roles';

export interface AccessTokenVerifierSettings {
  /** HS256 key; without it HS256 tokens are refused. */
  secret?: Uint8Array;
  /** JWKS of an identity provider for RS256/ES256 tokens. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

export type AccessTokenVerifier = (token: string) => Promise<Principal>;

const ASYMMETRIC_ALGORITHMS = ['RS256', 'ES256'];

/** Verifies a bearer JWT (signature, expiry, issuer, audience) and reads the caller from `sub`, `name`, `roles`. */
export const createAccessTokenVerifier = (settings: AccessTokenVerifierSettings): AccessTokenVerifier => {
  const jwks = settings.jwksUrl ? createRemoteJWKSet(new URL(settings.jwksUrl)) : undefined;
  const claimChecks = { issuer: settings.issuer, audience: settings.audience, requiredClaims: ['sub', 'exp'] };
  // jose would import the raw key again on every verification.
  const secret = settings.secret ? createSecretKey(settings.secret) : undefined;
  return async (token) => {
    const payload = await verifySignature(token, secret, jwks, claimChecks);
    return principalFromClaims(payload);
  };
};

const verifySignature = async (
  token: string,
  secret: KeyObject | undefined,
  jwks: ReturnType<typeof createRemoteJWKSet> | undefined,
  claimChecks: { issuer?: string; audience?: string; requiredClaims: string[] },
): Promise<JWTPayload> => {
  let algorithm: string | undefined;
  try {
    algorithm = decodeProtectedHeader(token).alg;
  } catch {
    throw new InvalidCredentials('The bearer token is not a JWT');
  }
  try {
    if (algorithm === 'HS256' && secret) {
      return (await jwtVerify(token, secret, { ...claimChecks, algorithms: ['HS256'] })).payload;
    }
    if (algorithm && ASYMMETRIC_ALGORITHMS.includes(algorithm) && jwks) {
      return (await jwtVerify(token, jwks, { ...claimChecks, algorithms: ASYMMETRIC_ALGORITHMS })).payload;
    }
  } catch (error) {
    // jose's messages say what failed (expired, signature, issuer…) without revealing keys.
    throw new InvalidCredentials(`The bearer token is not valid: ${error instanceof Error ? error.message : 'rejected'}`);
  }
  throw new InvalidCredentials(`Bearer tokens signed with ${algorithm ?? 'no algorithm'} are not accepted`);
};

const principalFromClaims = (payload: JWTPayload): Principal => {
  const { sub, name, roles } = payload as JWTPayload & { name?: unknown; roles?: unknown };
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200) {
    throw new InvalidCredentials('The bearer token has no usable subject');
  }
  return {
    id: sub,
    ...(typeof name === 'string' ? { name } : {}),
    roles: Array.isArray(roles) ? roles.filter(isRole) : [],
    via: 'bearer',
  };
};
