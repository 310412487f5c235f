import { SignJWT } from 'jose';
import type { Role } from './roles';

export interface AccessTokenClaims {
  sub: string;
  name?: string;
  roles: readonly Role[];
}

export interface SigningOptions {
  secret: Uint8Array;
  /** A jose time span: "8h", "30m", "2d". */
  expiresIn?: string;
  issuer?: string;
  audience?: string;
}

/** An HS256 token that the gateway's verifier accepts (`itsm token`, tests). */
export const signAccessToken = async (claims: AccessTokenClaims, options: SigningOptions): Promise<string> => {
  const jwt = new SignJWT({ ...(claims.name ? { name: claims.name } : {}), roles: [...claims.roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h');
  if (options.issuer) jwt.setIssuer(options.issuer);
  if (options.audience) jwt.setAudience(options.audience);
  return jwt.sign(options.secret);
};
