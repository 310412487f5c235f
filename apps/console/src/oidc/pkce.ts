import { base64UrlEncode } from '../jwt';

/**
 * PKCE (RFC 7636) and the one-time values of an authorization request, with WebCrypto. `crypto.subtle` exists only in
 * a secure context: the console must be served over https, or from localhost / 127.0.0.1.
 */

/** 32 random bytes, base64url: a code verifier (43 characters), a state or a nonce. */
export const randomValue = (): string => base64UrlEncode(crypto.getRandomValues(new Uint8Array(32)));

export const s256CodeChallenge = async (codeVerifier: string): Promise<string> => {
  if (!globalThis.crypto?.subtle) {
    throw new Error('This page is not a secure context (https or localhost), so the browser offers no WebCrypto for PKCE: serve the console over https.');
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier));
  return base64UrlEncode(new Uint8Array(digest));
};
